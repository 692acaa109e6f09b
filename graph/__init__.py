"""The graph layer: the store contract and backends, traversals, analytics, exports."""
