"""A serving process freezes its start-up heap out of the collector; other users of the
app (tests, programs embedding it) keep their collector as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import gc, json, sys
from pathlib import Path
from starlette.testclient import TestClient
from enforcegraph.api.app import GC_THRESHOLD, create_app
from enforcegraph.graph.backends.embedded import EmbeddedStore
from enforcegraph.graph.settings import Settings

store = EmbeddedStore(Path(sys.argv[1]))
found = {"threshold": GC_THRESHOLD, "default": gc.get_threshold()[0]}
for serving in (False, True):
    with TestClient(create_app(Settings(), store, serving=serving)) as client:
        answer = client.post("/graphql", json={"query": "{ stats { totalNodes } }"}).json()
        found[str(serving)] = {"frozen": gc.get_freeze_count(), "young": gc.get_threshold()[0],
                               "answer": answer}
print(json.dumps(found))
"""


def test_only_a_serving_app_settles_the_heap(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "graph.sqlite")],
                          capture_output=True, text=True, timeout=300, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    embedded, serving = found["False"], found["True"]
    assert embedded["frozen"] == 0 and embedded["young"] == found["default"] == 700
    assert serving["frozen"] > 10_000  # the modules, the schema, the model ...
    assert serving["young"] == found["threshold"] > 700
    assert embedded["answer"] == serving["answer"] == {"data": {"stats": {"totalNodes": 0}}}
