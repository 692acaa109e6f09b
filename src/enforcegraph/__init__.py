"""enforcegraph: a sourced graph of enforcement decisions, firms, regulators and laws."""

__all__ = ["__version__", "open_graph"]

__version__ = "0.1.0"


def open_graph(*args: object, **kwargs: object) -> object:
    """Open a graph store (see :func:`enforcegraph.graph.backends.open_store`)."""
    from enforcegraph.graph.backends import open_store

    return open_store(*args, **kwargs)  # type: ignore[arg-type]
