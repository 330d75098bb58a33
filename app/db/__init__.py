"""Neo4j access: the local engine, the driver, the named-query catalog and the schema."""
