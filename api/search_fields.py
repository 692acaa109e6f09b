"""``Query.search``: full-text search (the store's ``full_text``) as a page of hits, each with
the passage that matched; for the web page's search box and any client."""

from typing import Annotated

import strawberry

from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.enums import Label
from enforcegraph.api.pagination import PageInfo, decode_cursor, encode_cursor
from enforcegraph.api.types.entity import Entity, wrap
from enforcegraph.graph.store.fulltext import MAX_RANKED, SearchPage
from enforcegraph.graph.store.fulltext import Snippet as StoreSnippet

__all__ = ["SearchConnection", "SearchQuery"]

DEFAULT_HITS = 10


@strawberry.type(description="Where a match stands in a snippet's `text`.")
class TextSpan:
    start: int = strawberry.field(description="Offset of its first character (Unicode code "
                                              "points, not UTF-16 units).")
    end: int = strawberry.field(description="Offset just after its last character.")


@strawberry.type(description="A piece of a snippet's text, matched or not.")
class SnippetPart:
    text: str = strawberry.field(description="The piece, as plain text (never HTML).")
    match: bool = strawberry.field(description="True for a matched word: show it highlighted.")


@strawberry.type(
    description="The passage of one property that matched a search. Render it from `parts` "
    "(each piece as text, the ones with `match: true` highlighted, e.g. in <mark>), or from "
    "`text` and `matches`. `text` is at most about 200 characters, white space made single "
    "spaces, with `…` where the value was cut."
)
class Snippet:
    property: str = strawberry.field(
        description="The property that matched (`name`, `aliases`, `summary`, `notes`, "
        "`claims`, `text` ...), or `id` when the search text was the node's id."
    )
    text: str = strawberry.field(description="The passage, as plain text.")
    matches: list[TextSpan] = strawberry.field(
        description="The matched words in `text`, in order, never overlapping."
    )
    parts: list[SnippetPart] = strawberry.field(
        description="`text` cut at the matches, in order: joined, they are `text`."
    )


@strawberry.type(description="A node that matched a search, and why.")
class SearchHit:
    cursor: str = strawberry.field(description="Opaque position of this hit; pass as `after`.")
    node: Entity = strawberry.field(description="The node.")
    score: float = strawberry.field(
        description="Relevance, higher first; comparable only within one answer."
    )
    snippet: Snippet | None = strawberry.field(
        description="The passage that matched (null only when the terms matched across "
        "properties and no one value holds any of them)."
    )


@strawberry.type(description="A page of search hits, best first, and how many match in all.")
class SearchConnection:
    total_count: int = strawberry.field(
        description=f"How many nodes match in all: exact unless `totalCountCapped`, then the "
        f"{MAX_RANKED:,} matches ranked (the first the index gave), which are all a client "
        "can page through."
    )
    total_count_capped: bool = strawberry.field(
        description=f"True when more than {MAX_RANKED:,} nodes match: only that many were "
        "ranked and counted (a word most of the graph holds, a one-letter prefix), so "
        "`totalCount` is a lower bound and the order is the best of those, not of every "
        "match. Add a word to narrow the search."
    )
    page_info: PageInfo = strawberry.field(description="Cursors and whether more pages exist.")
    edges: list[SearchHit] = strawberry.field(description="The hits of this page, best first.")

    @strawberry.field(description="The nodes of this page, best first, without the rest.")
    def nodes(self) -> list[Entity]:
        return [hit.node for hit in self.edges]


def _snippet(found: StoreSnippet | None) -> Snippet | None:
    if found is None:
        return None
    return Snippet(
        property=found.property,
        text=found.text,
        matches=[TextSpan(start=start, end=end) for start, end in found.matches],
        parts=[SnippetPart(text=part.text, match=part.match) for part in found.parts()],
    )


def results(page: SearchPage, offset: int) -> SearchConnection:
    """The GraphQL page of a store's search page that starts at ``offset``."""
    edges = []
    for index, hit in enumerate(page.hits):
        node = wrap(hit.node)
        assert node is not None
        edges.append(SearchHit(cursor=encode_cursor(offset + index), node=node,
                               score=round(hit.score, 6), snippet=_snippet(hit.snippet)))
    info = PageInfo(
        has_next_page=offset + len(edges) < page.total,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return SearchConnection(total_count=page.total, total_count_capped=page.capped,
                            page_info=info, edges=edges)


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Full-text search over names, aliases, acronyms, decision references and "
        "titles, summaries, notes, statements' text and claims, articles' text. A node "
        "matches when it holds every word of `text` (case and accents folded; the last word "
        "may be the beginning of one, for type-ahead). Best first: a node with a name equal "
        "to the text, then by relevance (a word in a name counts ten times one in a text), "
        "then by id; stable from page to page. A text that is a node's id finds that node "
        f"alone. Each hit carries the passage that matched (`snippet`). At most {MAX_RANKED:,} "
        "matches are ranked: more, and `totalCountCapped` says so."
    )
    async def search(
        self,
        info: Info,
        text: Annotated[str, strawberry.argument(description="What to look for.")],
        labels: Annotated[
            list[Label] | None, strawberry.argument(description="Only these labels.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(
            description="How many hits (at most the server's largest page).")] = DEFAULT_HITS,
        after: Annotated[str | None, strawberry.argument(
            description="Cursor after which the page starts (`pageInfo.endCursor`).")] = None,
    ) -> SearchConnection:
        size = info.context.page_size(first)
        offset = decode_cursor(after)
        names = [label.value for label in labels] if labels else None
        store = info.context.store
        page = await in_thread(lambda: store.full_text(text, names, size, offset, MAX_RANKED))
        info.context.loaders.nodes.prime_many({hit.node.id: hit.node for hit in page.hits})
        return results(page, offset)
