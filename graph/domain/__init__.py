"""The domain: the rules written once (rules.py), the traversal catalogue on the store
contract (traversals.py), dates that may be partial (dates.py), and who said what
(provenance.py)."""
