"""Many writers at once: `kith log` in several processes while the web server takes
moments through the API. Every acknowledged write is there, nobody sees "database is
locked", and the stored facts count every moment.

CI runs a bounded form: 60 moments per process. ``KITH_CONCURRENT_MOMENTS=250`` runs
the full one (1,250 moments; about 40 s on SQLite and a minute on PostgreSQL on 2 cores).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from typing import Any

import httpx
from sqlalchemy import func, select

from conftest import TODAY
from kithkin.services.context import open_kith
from kithkin.storage.tables import moments, person_facts
from serving import serving

PROCESSES = 4
PER_PROCESS = int(os.environ.get("KITH_CONCURRENT_MOMENTS", "60"))
API_THREADS = 2
PER_THREAD = max(1, PER_PROCESS // 2)

#: One process: PER_PROCESS `kith log` commands through the real entry point.
LOGGER = """
import contextlib, io, json, sys
from kithkin.cli.main import main
url, today, who, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
acks, errors = [], []
for i in range(n):
    note, err = f"{who}-{i}", io.StringIO()
    argv = ["--db", url, "--today", today, "log", "Maya", "Sam", "coffee", "--note", note]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
    (acks if code == 0 else errors).append(note if code == 0 else err.getvalue())
print(json.dumps({"acks": acks, "errors": errors}))
"""


def _api_writer(base: str, token: str, who: str, out: dict[str, Any]) -> None:
    acks, errors = [], []
    auth = {"Authorization": f"Bearer {token}"}
    try:
        with httpx.Client(base_url=base, headers=auth, timeout=120) as client:
            for i in range(PER_THREAD):
                note = f"{who}-{i}"
                body = {"people": ["Sam", "Maya"], "kind": "call", "note": note}
                r = client.post("/api/v1/moments", json=body)
                if r.status_code == 201:
                    acks.append(note)
                else:
                    errors.append(f"{r.status_code} {r.text}")
    except Exception as exc:  # a dropped connection is a failure too, not a lost thread
        errors.append(repr(exc))
    out[who] = {"acks": acks, "errors": errors}


def test_processes_and_the_api_write_at_once_and_nothing_is_lost(run, db_url):  # type: ignore[no-untyped-def]
    run("add", "Maya López")
    run("add", "Sam Okafor")
    token = run("token", "add", "load").output.strip()
    results: dict[str, Any] = {}
    day = TODAY.isoformat()
    with serving(db_url, "--workers", "2") as base:
        loggers = [
            subprocess.Popen(
                [sys.executable, "-c", LOGGER, db_url, day, f"cli{n}", str(PER_PROCESS)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(PROCESSES)
        ]
        threads = [
            threading.Thread(target=_api_writer, args=(base, token, f"api{n}", results))
            for n in range(API_THREADS)
        ]
        for t in threads:
            t.start()
        for n, proc in enumerate(loggers):
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err
            results[f"cli{n}"] = json.loads(out)
        for t in threads:
            t.join(timeout=600)

    errors = [e for r in results.values() for e in r["errors"]]
    assert errors == []  # no "database is locked", no conflict, nothing refused
    acked = sorted(note for r in results.values() for note in r["acks"])
    assert len(acked) == PROCESSES * PER_PROCESS + API_THREADS * PER_THREAD

    kith = open_kith(db_url, today=TODAY)
    try:
        with kith.engine.connect() as conn:
            notes = sorted(conn.execute(select(moments.c.notes)).scalars())
            counted = conn.execute(select(func.min(person_facts.c.moments))).scalar()
            with_facts = conn.execute(select(func.count()).select_from(person_facts)).scalar()
    finally:
        kith.engine.dispose()
    assert notes == acked  # every acknowledged moment once, and nothing else
    assert with_facts == 2
    assert counted == len(acked)  # the stored facts saw every writer's moments
