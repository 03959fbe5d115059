"""`python bench/run.py` runs benchmarks as processes and writes one table (checked here
on the fastest one, the lint's precision and recall; figures are not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_the_suite_runner_writes_one_table_with_the_machine(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    got = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--quick",
            "--only",
            "lint quality",
            "--out",
            str(out),
            "--pg-url",
            "postgresql+psycopg://nobody:x@127.0.0.1:1/none",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert got.returncode in (0, 1), got.stderr  # 1 only when a figure is short
    text = out.read_text(encoding="utf-8")
    assert text == got.stdout
    assert "cores" in text and "Python 3." in text and "SQLite 3." in text
    assert "PostgreSQL: not reachable" in text
    figures = [line.split(" | ") for line in text.splitlines() if "| lint quality | lint" in line]
    assert [f[1] for f in figures] == ["lint precision", "lint recall"]
    for f in figures:
        assert 0.0 < float(f[2]) <= 1.0  # a measured ratio, beside its target and mark
        assert f[3] == ">= 0.9" and f[-1].rstrip(" |") in ("PASS", "SHORT")
    took = [
        line for line in text.splitlines() if line.startswith("| lint quality | ") and "MiB" in line
    ]
    assert len(took) == 1  # how long it took and its peak memory
