"""How fast does `kith lint` answer? Wall time of a fresh process against a 150 ms target.

    python bench/lint_speed.py [--runs 15] [--json] [--strict]

Times, as fresh subprocesses interleaved round-robin after one warm-up each (the way an
editor hook or a script calls it):

* ``python -c pass``: interpreter start;
* ``python -c "import click"``: the floor any ``kith`` command pays;
* ``python -m kithkin --version``: the ``kith`` entry point doing nothing, so the cost of
  linting itself is the difference;
* ``python -m kithkin lint FILE``: a 90-word first-contact draft written to
  ``bench/out/lint-draft.txt``, linted with findings (exit code 1 or 2 is expected).

Then one run under ``PYTHONPROFILEIMPORTTIME=1`` lists what ``kith lint`` imports (none of
sqlalchemy, rich, alembic, platformdirs may appear: lint never opens the database), and
``lint()`` itself is timed in this process over the labelled corpus.

Target: ``kith lint FILE`` median under 150 ms. ``KITH_HOME`` points at an empty folder
under ``bench/out`` and the run checks that no database appeared there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kithkin.domain.lint import lint

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
HOME = OUT / "lint-home"
CORPUS = BENCH.parent / "tests" / "fixtures" / "lint" / "corpus.jsonl"
#: `kith lint FILE` must answer within this many milliseconds (median).
TARGET_MS = 150.0
#: Modules `kith lint` must never import.
FORBIDDEN = ("sqlalchemy", "rich", "alembic", "platformdirs", "fastapi", "numpy")
DRAFT = (
    "Hi Maya,\n\n"
    "I'm a ceramicist in Porto and I've spent the last year trying to ship fragile pieces "
    "without plastic. I would love to pick your brain about mycelium packaging, since I "
    "know you have worked with it. My studio is small and I have tried cardboard, wool and "
    "paper, and my pieces keep arriving broken. Could we hop on a call sometime soon? I can "
    "work around your schedule, and I am happy to share what I have learned so far.\n\n"
    "Thanks so much,\nInês\n"
)


def _run(argv: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(list(argv), env=env, capture_output=True, check=False)


def _time(argv: Sequence[str], env: dict[str, str], ok: set[int]) -> float:
    t0 = time.perf_counter()
    done = _run(argv, env)
    elapsed = time.perf_counter() - t0
    if done.returncode not in ok:
        err = done.stderr.decode(errors="replace").strip().splitlines()
        raise SystemExit(f"lint_speed: {' '.join(argv)} failed: {err[-1] if err else '?'}")
    return elapsed


def imported(argv: Sequence[str], env: dict[str, str]) -> list[str]:
    """Top-level package names a run imports (from -X importtime)."""
    done = _run(argv, {**env, "PYTHONPROFILEIMPORTTIME": "1"})
    names = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.decode(errors="replace").splitlines()
        if line.startswith("import time:") and "|" in line and "cumulative" not in line
    }
    return sorted(names)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time kith lint as a fresh process.")
    ap.add_argument("--runs", type=int, default=15, help="timed runs per command (15)")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON")
    ap.add_argument("--strict", action="store_true", help="exit 1 when the target is short")
    args = ap.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir()
    draft = OUT / "lint-draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "KITH_HOME": str(HOME)}
    env.pop("KITH_DATABASE_URL", None)
    py = sys.executable
    commands = {
        "python -c pass": ([py, "-c", "pass"], {0}),
        'python -c "import click"': ([py, "-c", "import click"], {0}),
        "kith --version": ([py, "-m", "kithkin", "--version"], {0}),
        "kith lint FILE": ([py, "-m", "kithkin", "lint", str(draft)], {0, 1, 2}),
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    for argv_, ok in commands.values():
        _time(argv_, env, ok)  # warm-up
    for _ in range(args.runs):
        for key, (argv_, ok) in commands.items():
            times[key].append(_time(argv_, env, ok))

    verdict = _run(commands["kith lint FILE"][0], env)
    findings = [
        line.split()[1] for line in verdict.stdout.decode().splitlines()[:-1] if line[:1] != " "
    ]
    modules = imported(commands["kith lint FILE"][0], env)
    forbidden = [m for m in modules if m in FORBIDDEN]
    db_made = any(HOME.iterdir())

    rows = json.loads("[" + ",".join(CORPUS.read_text(encoding="utf-8").splitlines()) + "]")
    t0 = time.perf_counter()
    for _ in range(5):
        for r in rows:
            lint(r["text"], first_contact=r["first_contact"])
    per_message_us = (time.perf_counter() - t0) / (5 * len(rows)) * 1e6

    medians = {k: statistics.median(v) * 1000 for k, v in times.items()}
    p90 = {k: statistics.quantiles(v, n=10, method="inclusive")[8] * 1000 for k, v in times.items()}
    lint_ms = medians["kith lint FILE"]
    passed = lint_ms < TARGET_MS and not forbidden and not db_made
    if args.json:
        data = {
            "runs": args.runs,
            "median_ms": medians,
            "p90_ms": p90,
            "target_ms": TARGET_MS,
            "pass": passed,
            "findings": findings,
            "modules": len(modules),
            "forbidden": forbidden,
            "database_created": db_made,
            "lint_us_per_message": per_message_us,
            "over_kith_version_ms": lint_ms - medians["kith --version"],
        }
        print(json.dumps(data, indent=2))
    else:
        print(
            f"kith lint speed: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
            f"{args.runs} runs each, interleaved after one warm-up\n"
        )
        print(f"{'command':<28} {'median ms':>10} {'p90 ms':>8}")
        print("-" * 48)
        for key in commands:
            print(f"{key:<28} {medians[key]:>10.1f} {p90[key]:>8.1f}")
        print(f"\nthe draft ({len(DRAFT.split())} words) gets: {', '.join(findings) or 'nothing'}")
        print(f"imports {len(modules)} top-level packages; forbidden: {forbidden or 'none'}")
        print(f"database created in KITH_HOME: {'YES' if db_made else 'no'}")
        print(f"lint() in process: {per_message_us:.0f} µs a message over {len(rows)} messages")
        extra = lint_ms - medians["kith --version"]
        print(f"kith lint costs {extra:+.1f} ms over `kith --version` (imports, regexes, the lint)")
        print(
            f"\ntarget: kith lint median {lint_ms:.1f} ms < {TARGET_MS:.0f} ms "
            f"{'PASS' if passed else 'SHORT'}"
        )
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
