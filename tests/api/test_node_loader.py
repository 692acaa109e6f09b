"""The node loader keeps primed nodes as they are, and answers as strawberry's DataLoader."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from enforcegraph.api.dataloaders import NodeLoader
from enforcegraph.graph.store.base import Node


def _node(node_id: str, name: str) -> Node:
    return Node(node_id, "Company", {"name": name})


def _loaders() -> tuple[list[list[str]], NodeLoader, DataLoader[str, Node | None]]:
    asked: list[list[str]] = []

    async def load(ids: Sequence[str]) -> list[Node | None]:
        asked.append(list(ids))
        return [_node(i, f"stored {i}") for i in ids]

    return asked, NodeLoader(load_fn=load), DataLoader(load_fn=load)


async def _steps(loader: DataLoader[str, Node | None]) -> list[object]:
    """One run of primes, loads and clears, and what each load gave."""
    seen: list[object] = []
    loader.prime_many({"a": _node("a", "primed a"), "b": _node("b", "primed b")})
    loader.prime_many({"a": _node("a", "primed again")})  # a primed key keeps its value
    seen.append((await loader.load("a")).properties)  # type: ignore[union-attr]
    seen.append([n.properties for n in await loader.load_many(["b", "c"]) if n])
    loader.prime_many({"c": _node("c", "too late")})  # loaded: keeps what was loaded
    seen.append((await loader.load("c")).properties)  # type: ignore[union-attr]
    loader.prime_many({"b": _node("b", "forced")}, force=True)
    seen.append((await loader.load("b")).properties)  # type: ignore[union-attr]
    loader.prime_many({"d": _node("d", "primed d")})
    loader.clear("d")  # a primed key cleared is loaded from the store
    seen.append((await loader.load("d")).properties)  # type: ignore[union-attr]
    pending = loader.load("e")  # a load waiting in this tick gets the primed value
    loader.prime_many({"e": _node("e", "primed e")})
    seen.append((await pending).properties)  # type: ignore[union-attr]
    loader.prime_many({"f": _node("f", "primed f")})
    loader.clear_all()
    seen.append((await loader.load("f")).properties)  # type: ignore[union-attr]
    return seen


def test_node_loader_answers_as_strawberrys() -> None:
    asked, ours, theirs = _loaders()
    expected = asyncio.run(_steps(theirs))
    store_calls = list(asked)
    asked.clear()
    assert asyncio.run(_steps(ours)) == expected
    assert asked == store_calls  # the same store calls, with the same ids
    assert expected[0] == {"name": "primed a"} and expected[3] == {"name": "forced"}


def test_primed_nodes_are_kept_without_futures() -> None:
    _, loader, _ = _loaders()

    async def run() -> None:
        loader.prime_many({f"n{i}": _node(f"n{i}", "x") for i in range(300)})
        assert len(loader.primed) == 300 and not loader.cache_map.cache_map  # type: ignore[attr-defined]
        await loader.load("n1")
        assert len(loader.primed) == 299 and len(loader.cache_map.cache_map) == 1  # type: ignore[attr-defined]

    asyncio.run(run())
