"""Reproducible benchmarks of enforcegraph against bare floors (not part of the package).

Run from the repository root: ``benchmarks/run.sh --sizes 10k,100k`` or
``python -m benchmarks.run --sizes 10k``. See benchmarks/README.md.
"""
