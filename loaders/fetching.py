"""Downloading a public collection's current export, politely, checked before it is kept.

One request at a time, with a User-Agent that names enforcegraph, its version and a
contact URL; a conditional request (``If-None-Match`` / ``If-Modified-Since``) when an
earlier download left its ETag or Last-Modified next to the file (``FILE.fetch.json``),
so an unchanged export costs a 304 and no body. The body goes to a temporary file in the
output's folder; its shape is checked (the tracker's ``{"data": [[13 cells], ...]}``,
GDPRhub's ``{"total": N, "rows": [{"content": {...}, "wiki": {...}}]}``) and only then is
it renamed over the output, so a failed or changed download leaves the old file as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from enforcegraph.loaders.jsonstream import iter_array_items
from enforcegraph.loaders.limits import InputLimits
from enforcegraph.schema.errors import EnforcegraphError, InvalidData

__all__ = ["REMOTES", "FetchError", "Fetched", "Remote", "fetch", "user_agent"]

_CHUNK = 1 << 16
_ETID = re.compile(r"ETid-\d+\Z")
Progress = Callable[[int, int | None], None]


class FetchError(EnforcegraphError):
    """A download that failed or brought something other than the expected export."""


@dataclass(frozen=True)
class Remote:
    """A collection the product can fetch: where, as which load format, checked how."""

    name: str
    url: str
    setting: str  # the environment variable that overrides ``url``
    format: str
    filename: str
    check: Callable[[Path, InputLimits], str]  # a summary, or FetchError naming what changed


@dataclass(frozen=True)
class Fetched:
    """What a fetch did."""

    path: Path
    modified: bool  # False: the server answered 304, the file is as it was
    size: int
    summary: str


def _changed(remote: str, what: str) -> FetchError:
    return FetchError(f"{remote}: the download is not the expected export ({what}); the site "
                      "may have changed its address or format: nothing was written")


def check_tracker(path: Path, limits: InputLimits) -> str:
    """The tracker's table: an object whose ``data`` is rows of 13 strings, ETid second."""
    count = 0
    try:
        for item in iter_array_items(path, "data", limits):
            row = item.value
            count += 1
            if not isinstance(row, list) or len(row) != 13 or not all(isinstance(c, str) for c in row):
                shape = f"{len(row)} cells" if isinstance(row, list) else type(row).__name__
                raise _changed("enforcement-tracker", f"row {count} has {shape}, expected 13 strings")
            if not _ETID.match(row[1].strip()):
                raise _changed("enforcement-tracker", f"row {count}'s second cell is {row[1][:40]!r}, "
                               "expected ETid-N")
    except InvalidData as exc:
        raise _changed("enforcement-tracker", exc.errors[0].message) from None
    if not count:
        raise _changed("enforcement-tracker", "no rows under 'data'")
    return f"{count:,} rows"


def check_gdprhub(path: Path, limits: InputLimits) -> str:
    """GDPRhub's decision API: ``total`` and ``rows`` of objects with ``content`` and ``wiki``."""
    others: dict[str, Any] = {}
    count = 0
    named = 0
    try:
        for item in iter_array_items(path, "rows", limits, others):
            row = item.value
            count += 1
            if not isinstance(row, dict) or not isinstance(row.get("content"), dict) or "wiki" not in row:
                keys = sorted(row) if isinstance(row, dict) else type(row).__name__
                raise _changed("gdprhub", f"row {count} is {keys}, expected an object with content and wiki")
            named += bool(row["content"].get("decider_type") or row["content"].get("dpa"))
    except InvalidData as exc:
        raise _changed("gdprhub", exc.errors[0].message) from None
    total = others.get("total")
    if not isinstance(total, int) or isinstance(total, bool):
        raise _changed("gdprhub", f"'total' is {total!r}, expected a number of decisions")
    if not count or not named:
        raise _changed("gdprhub", "no rows" if not count else "no row names its decider (content.dpa "
                       "or content.decider_type)")
    return f"{count:,} rows (total {total:,})"


REMOTES: dict[str, Remote] = {
    r.name: r for r in (
        Remote("enforcement-tracker", "https://www.enforcementtracker.com/data4sfk3j4hwe324kjhfdwe.json",
               "ENFORCEGRAPH_TRACKER_URL", "enforcement-tracker-json", "enforcementtracker.json",
               check_tracker),
        Remote("gdprhub", "https://submit.gdprhub.eu/decisions?search=&offset=0&limit=100000",
               "ENFORCEGRAPH_GDPRHUB_URL", "gdprhub-json", "gdprhub-decisions.json", check_gdprhub),
    )
}


def user_agent(contact: str) -> str:
    """``enforcegraph/VERSION (+CONTACT)``."""
    try:
        found = version("enforcegraph")
    except PackageNotFoundError:  # pragma: no cover (running from a bare source tree)
        found = "0"
    return f"enforcegraph/{found} (+{contact})"


def _meta_path(out: Path) -> Path:
    return out.with_name(out.name + ".fetch.json")


def _validators(out: Path, url: str) -> dict[str, str]:
    meta = _meta_path(out)
    if not out.exists() or not meta.exists():
        return {}
    try:
        known = json.loads(meta.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(known, dict) or known.get("url") != url:
        return {}
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = str(known["etag"])
    if known.get("last_modified"):
        headers["If-Modified-Since"] = str(known["last_modified"])
    return headers


def _write_atomically(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".part",
                                     delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, path)


def fetch(remote: Remote, out: Path, url: str, *, contact: str, timeout: float,
          limits: InputLimits | None = None, progress: Progress | None = None) -> Fetched:
    """Download ``url`` to ``out`` (see the module); FetchError says what went wrong."""
    limits = limits or InputLimits()
    out.parent.mkdir(parents=True, exist_ok=True)
    headers = {"User-Agent": user_agent(contact), "Accept": "application/json",
               **_validators(out, url)}
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and out.exists():
            return Fetched(out, False, out.stat().st_size, "not modified since the last fetch")
        raise FetchError(f"{remote.name}: {url} answered HTTP {exc.code} {exc.reason}; nothing was written") from None
    except TimeoutError:
        raise FetchError(f"{remote.name}: {url} gave no answer within {timeout:g} s; nothing was written") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{remote.name}: {url} gave no answer within {timeout:g} s; "
                             "nothing was written") from None
        raise FetchError(f"{remote.name}: cannot reach {url} ({reason}); nothing was written") from None
    with response:
        total = response.headers.get("Content-Length")
        expected = int(total) if total and total.isdigit() else None
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        part = Path(tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")[1])
        try:
            digest, size = _download(remote, url, response, part, expected, timeout, limits, progress)
            summary = remote.check(part, limits)
            os.replace(part, out)
        finally:
            part.unlink(missing_ok=True)
    meta = {"url": url, "etag": etag, "last_modified": modified, "sha256": digest, "bytes": size,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "fetched_by": user_agent(contact)}
    _write_atomically(_meta_path(out), (json.dumps(meta, indent=2) + "\n").encode())
    return Fetched(out, True, size, summary)


def _download(remote: Remote, url: str, response: Any, part: Path, expected: int | None,
              timeout: float, limits: InputLimits, progress: Progress | None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        with part.open("wb") as handle:
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > limits.file_bytes:
                    raise FetchError(f"{remote.name}: {url} sent more than {limits.file_bytes:,} bytes "
                                     "(ENFORCEGRAPH_MAX_INPUT_BYTES); nothing was written")
                digest.update(chunk)
                handle.write(chunk)
                if progress is not None:
                    progress(size, expected)
    except TimeoutError:
        raise FetchError(f"{remote.name}: {url} stopped sending for {timeout:g} s; nothing was written") from None
    except OSError as exc:
        raise FetchError(f"{remote.name}: reading {url} failed ({exc}); nothing was written") from None
    if expected is not None and size != expected:
        raise FetchError(f"{remote.name}: {url} sent {size:,} of {expected:,} bytes; nothing was written")
    return digest.hexdigest(), size

