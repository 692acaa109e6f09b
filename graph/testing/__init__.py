"""Test support: a real Neo4j server started from Maven artifacts."""
