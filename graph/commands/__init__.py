"""CLI commands that live in their own modules (serve, export, analyze, copy ...)."""

from __future__ import annotations

import importlib

import click

__all__ = ["all_commands"]

# module name -> attribute holding the click command; a module that is not there yet is
# skipped, so each capability adds one line here.
COMMAND_MODULES: tuple[tuple[str, str], ...] = (
    ("serve", "serve"),
    ("analyze", "analyze"),
    ("export", "export"),
    ("plot", "plot"),
    ("synth", "synth"),
    ("extract", "extract_command"),
    ("resolve", "resolve"),
    ("link", "link_command"),
    ("copy", "copy_command"),
    ("apikey", "api_key"),
    ("provenance", "provenance_command"),
    ("locate", "locate_command"),
    ("fetch", "fetch_command"),
    ("gleif", "gleif_command"),
)


def all_commands() -> list[click.Command]:
    """The extension commands, in a stable order."""
    found = []
    for module_name, attribute in COMMAND_MODULES:
        module = importlib.import_module(f"enforcegraph.graph.commands.{module_name}")
        found.append(getattr(module, attribute))
    return found
