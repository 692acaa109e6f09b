"""NetworkX analytics (``enforcegraph analyze``) as Query fields: rows as JSON."""

from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from enforcegraph.api.context import Info
from enforcegraph.api.dataloaders import in_thread
from enforcegraph.api.errors import BAD_USER_INPUT, ApiError
from enforcegraph.graph.analytics import ANALYSES, analyze

__all__ = ["AnalysisInfo", "AnalysisQuery", "AnalysisResult"]


@strawberry.type(description="An analysis that `analysis(name: ...)` can run.")
class AnalysisInfo:
    name: str = strawberry.field(description="Name, as in `enforcegraph analyze NAME`.")
    description: str = strawberry.field(description="What it computes.")
    arguments: list[str] = strawberry.field(description="Entity arguments (ids or names), in order.")
    options: list[str] = strawberry.field(description="Options it accepts (keys of `options`).")


@strawberry.type(description="The rows of an analysis (the first page of them).")
class AnalysisResult:
    total_count: int = strawberry.field(description="How many rows the analysis returned.")
    rows: list[JSON] = strawberry.field(description="The rows, as the CLI's --json prints them.")


@strawberry.type(description="NetworkX analytics over the whole graph.")
class AnalysisQuery:
    @strawberry.field(description="The analyses available.")
    def analyses(self) -> list[AnalysisInfo]:
        return [AnalysisInfo(name=a.name, description=a.description, arguments=list(a.arguments),
                             options=list(a.options)) for a in ANALYSES.values()]

    @strawberry.field(
        description="Run a NetworkX analysis by name (see `analyses`); the request timeout "
        "bounds the heavy ones."
    )
    async def analysis(
        self,
        info: Info,
        name: Annotated[str, strawberry.argument(description="The analysis.")],
        arguments: Annotated[
            list[str] | None, strawberry.argument(description="Its entity arguments.")
        ] = None,
        options: Annotated[
            JSON | None, strawberry.argument(description='Its options, e.g. {"by": "country"}.')
        ] = None,
        first: Annotated[int | None, strawberry.argument(description="Most rows returned.")] = None,
    ) -> AnalysisResult:
        size = info.context.page_size(first)
        given = cast(Any, options) or {}
        if not isinstance(given, dict):
            raise ApiError(BAD_USER_INPUT, "options must be a JSON object")
        store = info.context.store

        def run() -> list[Any]:
            try:
                return analyze(store, name, *(arguments or []), **given)
            except (TypeError, ValueError) as exc:
                raise ApiError(BAD_USER_INPUT, f"{name}: {exc}") from exc

        rows = await in_thread(run)
        return AnalysisResult(total_count=len(rows), rows=[cast(JSON, r) for r in rows[:size]])
