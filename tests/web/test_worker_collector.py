"""A server process keeps Python's cycle collector from stalling it under load."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kithkin.web.serve import CONFIG_VAR, GC_YOUNG

WORKER = """
import gc, json
from kithkin.web.serve import app_from_env
before = gc.get_threshold()
app = app_from_env()
print(json.dumps({"before": before, "after": gc.get_threshold(),
                  "frozen": gc.get_freeze_count(), "routes": len(app.routes)}))
"""


def test_a_worker_freezes_what_it_built_and_collects_young_objects_less_often(db_url):  # type: ignore[no-untyped-def]
    config = json.dumps({"url": db_url, "require_login": False, "today": "2026-11-21"})
    out = subprocess.run(
        [sys.executable, "-c", WORKER],
        env={**os.environ, CONFIG_VAR: config},
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(out.stdout)
    assert seen["routes"] > 10  # the app was built
    # What the app and its libraries hold is out of every collection's way...
    assert seen["frozen"] > 10_000
    # ...and a young pass waits for GC_YOUNG new containers, the older ones as before.
    assert seen["after"] == [GC_YOUNG, *seen["before"][1:]]
    assert seen["before"][0] < GC_YOUNG
