CLOSE ${cursor:name}
