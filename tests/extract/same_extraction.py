"""Behaviour check for a refactor or a rule change: ``extract()`` on every dev report (and the
seed article) with a base git revision and with the working tree; prints the reports whose
``Extraction.to_dict()`` differs (a refactor must print none).

    .venv/bin/python tests/extract/same_extraction.py BASE_REV

Each side runs in its own subprocess with PYTHONPATH pointing at an ``enforcegraph`` package
tree laid out as pyproject's package-dir says (src/enforcegraph + schema/graph/loaders/api).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(os.environ.get("REPO", Path(__file__).resolve().parents[2]))
WORK = Path(os.environ.get("SAME_WORK", f"/tmp/same-extraction-{REPO.name}"))
SEED = REPO.parent / "shared" / "data" / "seed-article"
DEV = REPO / "tests/fixtures/articles/dev"
PY = str(REPO / ".venv/bin/python")


def layout(root: Path, out: Path) -> None:
    """An importable `enforcegraph` package tree under out, linked to the sources in root."""
    if out.exists():
        shutil.rmtree(out)
    pkg = out / "enforcegraph"
    pkg.mkdir(parents=True)
    for f in (root / "src/enforcegraph").iterdir():
        (pkg / f.name).symlink_to(f)
    for sub in ("schema", "graph", "loaders", "api"):
        (pkg / sub).symlink_to(root / sub)


def _one(name: str) -> tuple[str, str]:
    from enforcegraph.loaders.extract import extract, read_article
    from enforcegraph.loaders.extract.labelled import read_one
    if name == "seed-article":
        meta = json.loads((SEED / "meta.json").read_text("utf-8"))
        article = read_article(SEED / "article.txt", url=meta.get("url"), date=meta.get("date"),
                               title=meta.get("title"), publisher=meta.get("publisher"),
                               author=meta.get("author"))
    else:
        article, _ = read_one(DEV, name)
    return name, json.dumps(extract(article).to_dict(), sort_keys=True, ensure_ascii=False)


def dump(out: Path) -> None:
    """(In the subprocess) every report's extraction as JSON lines."""
    import enforcegraph.loaders.extract as ex
    print("imported from", ex.__file__, file=sys.stderr)
    names = ["seed-article", *sorted(p.name.removesuffix(".gold.json") for p in DEV.glob("*.gold.json"))]
    with ProcessPoolExecutor(max_workers=int(os.environ.get("SAME_JOBS", "4"))) as pool:
        result = dict(pool.map(_one, names, chunksize=8))
    out.write_text(json.dumps(result, sort_keys=True, ensure_ascii=False), "utf-8")


def side(tree: Path, out: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), REPO=str(REPO))
    subprocess.run([PY, __file__, "--dump", str(out)], env=env, check=True, cwd="/tmp")
    return json.loads(out.read_text("utf-8"))


def main() -> None:
    rev = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()  # never a stale cache of "HEAD"
    src = WORK / f"base-src-{rev}"
    if not src.exists():
        src.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    layout(src, WORK / "base")
    layout(REPO, WORK / "work")
    base = side(WORK / "base", WORK / "base.json")
    work = side(WORK / "work", WORK / "work.json")
    changed = sorted(n for n in base.keys() | work.keys() if base.get(n) != work.get(n))
    for name in changed:
        print(name)
    print(f"same_extraction: {len(base)} reports, {len(changed)} differ (base {rev} vs working tree)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dump"]:
        dump(Path(sys.argv[2]))
    else:
        main()
