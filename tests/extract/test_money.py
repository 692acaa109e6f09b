"""Money in every common form, bracketed conversions, percentage caps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enforcegraph.loaders.extract.money import find_money
from enforcegraph.loaders.extract.percentages import find_percentages


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("a penalty of 20 million euros", 20000000, "EUR"),
    ("fined €20M on Friday", 20000000, "EUR"),
    ("EUR 30.5 million", 30500000, "EUR"),
    ("£7,552,800", 7552800, "GBP"),
    ("$33.7 million", 33700000, "USD"),
    ("2.5 million Swedish kronor", 2500000, "SEK"),
    ("NOK 25,000,000", 25000000, "NOK"),
    ("€1.2 billion", 1200000000, "EUR"),
    ("20.000.000 EUR", 20000000, "EUR"),
    ("more than £7.5m", 7500000, "GBP"),
])
def test_common_forms(text: str, amount: int, currency: str) -> None:
    found = find_money(text)
    assert [(m.amount, m.currency) for m in found] == [(amount, currency)]
    assert text[found[0].start : found[0].end].strip()


def test_a_bracketed_conversion_is_not_a_second_fine() -> None:
    found = find_money("fined 15 million euros ($15.58 million) and 50 million euros ($57m; £44m)")
    assert [(m.amount, m.currency) for m in found] == [(15000000, "EUR"), (50000000, "EUR")]
    assert found[0].conversions == ((15580000, "USD"),)
    assert found[1].conversions == ((57000000, "USD"), (44000000, "GBP"))


def test_ceilings_periodic_penalties_and_approximations() -> None:
    text = ("penalties of up to 4% of a firm’s worldwide annual revenue — or €20 million, whichever "
            "is higher; EUR 100,000 per day of delay; more than £7.5m")
    kinds = [(m.meaning, m.per, m.approximate) for m in find_money(text)]
    assert kinds == [("ceiling", None, False), ("periodic", "day", False), ("amount", None, True)]
    assert [(p.percent, p.of) for p in find_percentages(text)] == [
        (4, "of a firm’s worldwide annual revenue")]


def test_numbers_that_are_not_money() -> None:
    assert find_money("a database of over 20 billion images, 30 complaints in 2021") == []
    assert find_percentages("a 23% equity stake") == []


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["€", "£", "$"]))
def test_grouped_amounts_read_back(value: int, symbol: str) -> None:
    found = find_money(f"a fine of {symbol}{value:,} was imposed")
    assert [m.amount for m in found] == [value]
