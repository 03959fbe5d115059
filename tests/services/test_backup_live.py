"""A backup taken while another process writes is a consistent, usable database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PG_URL, TODAY
from kithkin.services.backup import backup
from kithkin.services.context import open_kith
from kithkin.services.people import PersonInput, add_person, list_people

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from kithkin.services.context import open_kith
    from kithkin.services.moments import MomentInput, log_moment
    kith = open_kith(sys.argv[1], today=date(2026, 11, 21))
    for i in range(int(sys.argv[2])):
        log_moment(kith, MomentInput(people=["Maya"], kind="message", note=f"n{i}"))
        print(i, flush=True)
    """
)


@pytest.mark.skipif(bool(PG_URL), reason="the online file backup is SQLite's own")
def test_backups_during_a_burst_of_writes_are_consistent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    kith = open_kith(url, today=TODAY)
    add_person(kith, PersonInput(name="Maya López"))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, "400"], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    writer.stdout.readline()  # the writer is running
    copies = []
    for n in range(5):
        dest = tmp_path / f"copy{n}.db"
        backup(kith, dest)
        copies.append(dest)
        time.sleep(0.05)
    writer.wait(timeout=120)
    assert writer.returncode == 0
    counts = []
    for dest in copies:
        con = sqlite3.connect(dest)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        moments = con.execute("SELECT count(*) FROM moments").fetchone()[0]
        links = con.execute("SELECT count(*) FROM moment_people").fetchone()[0]
        assert moments == links  # never a moment without its person: whole transactions
        counts.append(moments)
        con.close()
    assert counts == sorted(counts)
    assert counts[0] < 400  # the first copy was taken mid-burst
    restored = open_kith(f"sqlite:///{copies[-1]}", today=TODAY)
    assert [p["name"] for p in list_people(restored)] == ["Maya López"]
    restored.engine.dispose()
    kith.engine.dispose()
