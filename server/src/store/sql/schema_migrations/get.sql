SELECT 1 FROM schema_migrations WHERE version = ${version}
