"""Pulling the plug: `kith import` and a burst of `kith log` are killed with SIGKILL at
random points, over and over. Afterwards the SQLite file passes ``PRAGMA
integrity_check``, each import is there whole or not at all, and every moment whose
command said it was logged is there.

The rounds (``KITH_CRASH_ROUNDS``, at least 30) alternate the two. A burst is killed
anywhere in its first seconds; an import mostly in the last part of its run, where the
people are written and committed (the times are scaled to one timed import). SQLite
only: the file and its journal are what a crash can break; a PostgreSQL server keeps
its own.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PG_URL, TODAY

ROUNDS = max(30, int(os.environ.get("KITH_CRASH_ROUNDS", "30")))
CARDS = 1500  # imports in about 1.5 s on 2 cores: kills land in every phase

pytestmark = pytest.mark.skipif(
    bool(PG_URL), reason="SIGKILL safety of the SQLite file; the SQLite run covers it"
)

#: Logs moments until killed, printing each note once `kith log` has returned 0.
BURST = """
import contextlib, io, sys
from kithkin.cli.main import main
url, today, burst = sys.argv[1], sys.argv[2], sys.argv[3]
for i in range(10_000):
    note = f"{burst}-{i}"
    argv = ["--db", url, "--today", today, "log", "Maya", "coffee", "--note", note]
    with contextlib.redirect_stdout(io.StringIO()):
        main(argv)
    print(note, flush=True)
"""

FIRST = ["Amara", "Zoë", "Mateo", "Siobhán", "Kenji", "Ngozi", "Lars", "Inés", "Dmitri", "Aiko"]
LAST = ["Mwangi", "López", "Ó Súilleabháin", "Nakamura", "Okafor", "Østergaard", "Liu", "Haddad"]


def _cards(path: Path, batch: str) -> None:
    """CARDS vCards as an iPhone exports them, with uids unique to ``batch``."""
    rng = random.Random(batch)
    out = []
    for n in range(CARDS):
        given, family = rng.choice(FIRST), rng.choice(LAST)
        out.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n"
            f"N:{family};{given};;;\r\nFN:{given} {family}\r\nUID:{batch}-{n:05d}\r\n"
            f"EMAIL;type=INTERNET;type=HOME:{batch}.{n}@mail.example\r\n"
            f"TEL;type=CELL;type=VOICE:+351 9{rng.randrange(10**8):08d}\r\n"
            f"ORG:{rng.choice(['Soylent Coop', 'Atelier Nord', 'Rio Tinto Farms'])}\r\n"
            f"BDAY;value=date:19{rng.randrange(50, 99)}-0{rng.randrange(1, 9)}-1{n % 9}\r\n"
            "END:VCARD\r\n"
        )
    path.write_text("".join(out), encoding="utf-8")


def _kith(*args: str) -> list[str]:
    return [sys.executable, "-m", "kithkin", *args]


def _killed_after(cmd: list[str], seconds: float) -> str:
    """Run ``cmd``, SIGKILL it after ``seconds`` (if still running); its stdout."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return out


def _check(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def _imported(db: Path, batch: str) -> tuple[int, int]:
    """How many of ``batch``'s people and e-mail addresses ``db`` holds."""
    conn = _check(db)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(sql, (f"{batch}%",)).fetchone()[0]
            for sql in (
                "SELECT count(*) FROM person_sources WHERE key LIKE ?",
                "SELECT count(*) FROM channels WHERE value LIKE ?",
            )
        )
    finally:
        conn.close()


def _import_cmd(tmp_path: Path, db: Path, batch: str) -> list[str]:
    cards = tmp_path / f"{batch}.vcf"
    _cards(cards, batch)
    return _kith("--db", f"sqlite:///{db}", "import", str(cards))


def test_sigkill_at_random_points_loses_nothing_acknowledged(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    day = TODAY.isoformat()
    logs = tmp_path / "logs.db"
    assert run("--db", f"sqlite:///{logs}", "add", "Maya López").exit_code == 0
    # Imports go into copies of one database that already holds an import, so each takes
    # as long as the one timed here; the kills fall mostly in its last part, where the
    # people are written and committed, rather than while the file is still read.
    base = tmp_path / "base.db"
    subprocess.run(_import_cmd(tmp_path, base, "first"), check=True, capture_output=True)
    probe = tmp_path / "probe.db"
    shutil.copy(base, probe)
    started = time.perf_counter()
    subprocess.run(_import_cmd(tmp_path, probe, "probe"), check=True, capture_output=True)
    takes = time.perf_counter() - started  # start-up included, as for the killed ones
    assert _imported(probe, "probe") == (CARDS, CARDS)

    rng = random.Random(7)
    outcomes = {"whole": 0, "none": 0}
    acked_total = 0
    for n in range(ROUNDS):
        if n % 2 == 0:
            db = tmp_path / f"import{n}.db"
            shutil.copy(base, db)
            batch = f"crash{n}"
            _killed_after(_import_cmd(tmp_path, db, batch), rng.uniform(0.4, 1.1) * takes)
            got = _imported(db, batch)
            assert got in ((0, 0), (CARDS, CARDS)), f"round {n}: a part import {got}"
            assert _imported(db, "first") == (CARDS, CARDS)  # what was there stays
            outcomes["whole" if got[0] else "none"] += 1
            db.unlink()
        else:
            burst = f"burst{n}"
            cmd = [sys.executable, "-c", BURST, f"sqlite:///{logs}", day, burst]
            acked = set(_killed_after(cmd, rng.uniform(0.3, 2.5)).split())
            conn = _check(logs)
            mine = conn.execute("SELECT notes FROM moments WHERE notes LIKE ?", (f"{burst}-%",))
            there = {r[0] for r in mine}
            facts = conn.execute("SELECT moments FROM person_facts").fetchone()
            total = conn.execute("SELECT count(*) FROM moments").fetchone()[0]
            conn.close()
            assert acked <= there, f"round {n}: acknowledged but missing {acked - there}"
            assert len(there - acked) <= 1  # at most the one in flight when killed
            assert facts is not None and facts[0] == total  # facts committed with moments
            acked_total += len(acked)
    assert outcomes["none"] > 0, outcomes  # the kills did interrupt imports
    assert acked_total > 0
    # The database still works for the next command.
    assert run("--db", f"sqlite:///{logs}", "log", "Maya", "call").exit_code == 0
