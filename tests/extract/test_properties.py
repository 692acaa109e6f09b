"""Property-based: any text gives exact spans, the same output twice, and a valid batch."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.loaders.extract import Article, accepted_batch, extract

WORDS = st.sampled_from([
    "The", "CNIL", "fined", "Clearview AI", "€20M", "EUR 30.5 million", "($33.7 million)", "on",
    "Friday", "said", "“We comply with the law,”", "CEO", "Hoan Ton-That", "Article 83 of the GDPR",
    "Articles 12, 15 and 17 of the GDPR", "like Google, Bing or DuckDuckGo", "Clearview’s PR agency,",
    "LakPR Group", "sent us this statement:", "appeal", "4% of annual turnover", ".", ",", "\n", "—",
    "the Dutch data protection watchdog", "ordered", "banned", "Inc.", "AP", "(ICO)",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40), st.sampled_from([None, "2022-10-21"]))
def test_spans_are_exact_and_output_deterministic(words: list[str], date: str | None) -> None:
    text = " ".join(words)
    first = extract(Article(text, date=date))
    for proposal in first.proposals:
        assert 0 <= proposal.confidence <= 1 and proposal.rule
        for span in proposal.spans:
            assert text[span.start : span.end] == span.text
        for ids in proposal.links.values():
            for linked in ids:
                first.by_id(linked)
    assert extract(Article(text, date=date)).to_dict() == first.to_dict()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40))
def test_accepting_everything_always_validates(words: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "g.sqlite")
        try:
            article = Article(" ".join(words), url="https://example.org/story", date="2022-10-21")
            store.upsert(accepted_batch(extract(article, store), article, ["all"], store))
            again = accepted_batch(extract(article, store), article, ["all"], store)
            assert not store.upsert(again).changed
        finally:
            store.close()
