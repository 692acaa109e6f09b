"""The store of record: what each source said (assertions), how it merges into the graph
the store shows, and the judgements that say which ids are one entity.

Pure functions over plain data: no store calls, no I/O. The store contract
(graph/store/base.py) reads and writes the rows; backends only store them.
"""
