"""The domain module's examples run as doctests."""

from __future__ import annotations

import doctest

from enforcegraph.graph.domain import rules as domain


def test_domain_doctests() -> None:
    result = doctest.testmod(domain, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
