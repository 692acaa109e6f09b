"""The store contract (base.py) and its one write path (recording.py); the backends that
implement it are in graph/backends/."""
