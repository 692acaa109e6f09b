"""Fail when a command, a setting or a traversal is undocumented in the README."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from enforcegraph.graph.cli import main
from enforcegraph.graph.domain.traversals import CATALOGUE
from enforcegraph.graph.settings import SETTINGS_DOC, Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def test_every_setting_has_a_documented_variable() -> None:
    assert {f.name for f in fields(Settings)} == set(SETTINGS_DOC)
    missing = [var for var, _ in SETTINGS_DOC.values() if f"`{var}`" not in README]
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in main.commands if f"enforcegraph {name}" not in README]
    assert missing == []


def test_every_command_and_option_has_help() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), f"{name} {param.name}"


def test_every_traversal_is_in_the_readme() -> None:
    assert [name for name in CATALOGUE if name not in README] == []


def test_readme_states_the_two_commands_and_the_driver_choice() -> None:
    assert "make run" in README and "make test" in README
    assert "py2neo" in README
