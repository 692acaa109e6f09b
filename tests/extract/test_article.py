"""Reading articles: plain text as is, HTML with its boilerplate stripped."""

from __future__ import annotations

from pathlib import Path

from enforcegraph.loaders.extract import Article, extract, read_article

HTML = """<!doctype html><html><head><title>Site | Story</title>
<meta property="og:title" content="Regulator fines Acme">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2022-10-21T09:00:00Z">
<link rel="canonical" href="https://news.example.org/acme-fine">
<script>var tracking = "CNIL fined everyone €1bn";</script><style>p {color: red}</style>
</head><body><nav>Home | World | CNIL</nav><header>Subscribe</header>
<article><h1>Regulator fines Acme</h1>
<p>The CNIL on Friday fined data broker Acme Data Corp. &euro;2 million.</p>
<p>Acme Data said it would appeal the decision.</p></article>
<aside>Related: Google fined</aside><footer>(c) Example News</footer></body></html>"""


def test_html_boilerplate_is_stripped_and_meta_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(HTML, "utf-8")
    article = read_article(path)
    assert article.text == ("Regulator fines Acme\nThe CNIL on Friday fined data broker Acme Data "
                            "Corp. €2 million.\nAcme Data said it would appeal the decision.")
    assert (article.url, article.title, article.publisher, article.author, article.date) == (
        "https://news.example.org/acme-fine", "Regulator fines Acme", "Example News",
        "Jane Reporter", "2022-10-21")
    assert read_article(path, publisher="Other", date="2022-10-24").publisher == "Other"


def test_a_decision_from_html_with_a_relative_date_and_appeal_intent(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(HTML, "utf-8")
    for date, expected in (("2022-10-21", "2022-10-21"), ("2022-10-24", "2022-10-21")):
        extraction = extract(read_article(path, date=date))
        decisions = extraction.of_kind("decision")
        assert len(decisions) == 1
        props = decisions[0].properties
        assert props["announced_date"] == expected
        assert props["appeal_intent"] is True
        assert [(s["amount"], s["currency"]) for s in props["sanctions"] if "amount" in s] == [(2000000, "EUR")]
        target = extraction.by_id(decisions[0].links["against"][0])
        assert target.name == "Acme Data Corp."
    assert not [p for p in extraction.proposals if p.name == "Google"]  # the aside is boilerplate


def test_plain_text_spans_are_exact(tmp_path: Path) -> None:
    text = ("The Garante has fined Luka Inc., the developer of the Replika chatbot, EUR 5 million "
            "for breaching Articles 5, 6 and 12 of the GDPR.\n"
            "Luka Inc. said it did not agree with the decision and was considering an appeal.")
    path = tmp_path / "story.txt"
    path.write_text(text, "utf-8")
    extraction = extract(read_article(path))
    for proposal in extraction.proposals:
        for span in proposal.spans:
            assert text[span.start : span.end] == span.text
    decision = extraction.of_kind("decision")[0]
    assert [c["article"] for c in decision.properties["cites"]] == [
        "article:gdpr-5", "article:gdpr-6", "article:gdpr-12"]
    assert all(c["infringes"] for c in decision.properties["cites"])
    assert decision.properties["appeal_intent"] is True


def test_an_overdue_penalty_liquidated_is_told_apart_from_a_fine() -> None:
    text = ("The CNIL on Thursday liquidated the overdue penalty imposed on Clearview AI, ordering "
            "it to pay EUR 5.2 million.")
    decision = extract(Article(text, date="2023-05-11")).of_kind("decision")[0]
    assert decision.properties["kind"] == "penalty_liquidation"
    assert decision.properties["announced_date"] == "2023-05-11"
    assert [(s["kind"], s["amount"]) for s in decision.properties["sanctions"]] == [
        ("penalty_liquidation", 5200000)]
