"""The FollowTheMoney mapping table (``schema/ftm_mapping.yaml``) and the id rule."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from enforcegraph.schema.ids import ID_PATTERN, slugify
from enforcegraph.schema.model import load_model

__all__ = ["MAPPING_FILE", "from_ftm_id", "mapping", "to_ftm_id"]

MAPPING_FILE = "ftm_mapping.yaml"
_FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")


@cache
def mapping() -> dict[str, Any]:
    """The packaged mapping table (export and import sections)."""
    text = resources.files("enforcegraph.schema").joinpath(MAPPING_FILE).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def to_ftm_id(node_id: str) -> str:
    """Our id as an FtM entity id (FtM ids hold no colon).

    >>> to_ftm_id("company:clearview-ai")
    'company-clearview-ai'
    """
    match = ID_PATTERN.match(node_id)
    if not match:
        raise ValueError(f"not an id: {node_id!r}")
    candidate = f"{match.group(1)}-{match.group(2)}"
    if _FTM_ID.match(candidate):
        return candidate
    return f"{match.group(1)}-{slugify(match.group(2).replace('_', '-').replace('~', '-'))}"


def from_ftm_id(ftm_id: str, label: str) -> str:
    """Our id for an FtM entity of ``label``: ours again if it was ours, else ``prefix:ftm-...``.

    >>> from_ftm_id("company-clearview-ai", "Company")
    'company:clearview-ai'
    >>> from_ftm_id("NK-8pNxJ2bUtwXkTeL3hTLmTh", "Person")
    'person:ftm-nk-8pnxj2butwxktel3htlmth'
    """
    prefix = load_model().label(label).prefix
    head, _, tail = ftm_id.partition("-")
    candidate = f"{head}:{tail}"
    if head == prefix and ID_PATTERN.match(candidate):
        return candidate
    return f"{prefix}:ftm-{slugify(ftm_id)}"
