SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema()
