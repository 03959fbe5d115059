"""How fast is matching by meaning on a 10,000-person network?

    python bench/match_speed.py [--runs 11] [--quick] [--json] [--strict]

On the generated 10,000-person / 200,000-moment network (``bench/out/net-10k.db``, shared
with ``cli_speed.py``), copied fresh to ``bench/out/net-10k-match.db`` (no vectors yet):

* **Embedding**: ``kith reindex`` as a subprocess, the way a user runs it (model load,
  2,000 new interest phrases embedded and stored, then every saved item matched to
  people), and in this process ``services.semantic.reindex`` alone (embedding only).
* **Commands**: ``kith common``, ``kith similar`` and ``kith intros`` as fresh
  subprocesses, interleaved round-robin with the import floor
  ``python -c "import sqlalchemy, click"`` after one warm-up each; one more run of
  common and similar under ``PYTHONPROFILEIMPORTTIME=1`` checks they never load the
  model runtime (stored vectors are enough).

Targets (issue 4):

* ``kith common`` / ``kith similar``: median at most 1.3x the import floor + 100 ms;
* ``kith intros`` over all pairs: median under 3 s;
* embedding 2,000 new phrases: under 10 s (with a progress bar in ``kith reindex``);
* ``kith common`` / ``kith similar`` import no onnxruntime or tokenizers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from cli_speed import OUT, Measure, _bin, ensure_db, log, measure_all, parse_importtime, run

MATCH_DB = OUT / "net-10k-match.db"
HOME = OUT / "home"
TODAY = "2026-11-21"
FLOOR_TARGET, FLOOR_EXTRA = 1.3, 0.100
INTROS_TARGET = 3.0
EMBED_TARGET = 10.0
NEVER = ("onnxruntime", "tokenizers")
MY_INTERESTS = ("urban sketching", "ai ethics", "sourdough baking", "trail running")


def fresh_copy(source: Path) -> Path:
    """A copy of the network without vectors (removes any earlier copy and its WAL)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{MATCH_DB}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, MATCH_DB)
    return MATCH_DB


def subject(db: Path) -> str:
    """`#id` of the first person with at least three interests."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT person_id FROM interests GROUP BY person_id HAVING count(*) >= 3 "
            "ORDER BY person_id LIMIT 1"
        ).fetchone()
        phrases = con.execute("SELECT count(*) FROM phrases").fetchone()[0]
    finally:
        con.close()
    log(f"{phrases:,} phrases in the network")
    return f"#{row[0]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=11, help="timed runs per command (11)")
    ap.add_argument("--quick", action="store_true", help="5 runs")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)
    runs = 5 if args.quick else args.runs
    kith = _bin("kith")
    if kith is None:
        raise SystemExit("match_speed: no `kith` next to this Python; pip install -e . first")
    HOME.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "KITH_HOME": str(HOME)}
    env.pop("KITH_DATABASE_URL", None)
    db = fresh_copy(ensure_db(None, False))
    base = [str(kith), "--db", str(db), "--today", TODAY]

    log("migrating the copy and embedding its phrases: kith reindex ...")
    run([*base, "me"], env)  # migrate first, so reindex times embedding
    t0 = time.perf_counter()
    done = run([*base, "reindex"], env)
    reindex_s = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode(errors="replace"))
    log("  " + done.stdout.decode().strip())

    os.environ["KITH_HOME"] = str(HOME)
    from kithkin.services import semantic
    from kithkin.services.context import open_kith

    k = open_kith(f"sqlite:///{db}")
    semantic.encoder(k)  # the model load is not part of embedding
    t0 = time.perf_counter()
    embedded = semantic.reindex(k, everything=True)
    embed_s = time.perf_counter() - t0
    k.engine.dispose()
    log(f"embedded {embedded:,} phrases again in-process in {embed_s:.2f}s")

    me = [*base, "me"]
    for phrase in MY_INTERESTS:
        me += ["--interest", phrase]
    run(me, env)
    who = subject(db)
    floor = Measure(
        "floor", "import floor", [sys.executable, "-c", "import sqlalchemy, click"], runs
    )
    common = Measure("common", f"kith common {who}", [*base, "common", who], runs)
    similar = Measure("similar", f"kith similar {who}", [*base, "similar", who], runs)
    intros = Measure("intros", "kith intros", [*base, "intros"], max(3, runs // 2))
    log(f"timing {runs} runs each ...")
    measure_all([floor, common, similar, intros], env)

    imported: dict[str, list[str]] = {}
    for m in (common, similar):
        prof = subprocess.run(
            m.argv, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, capture_output=True, text=True
        )
        if prof.returncode != 0:
            raise SystemExit(f"match_speed: {' '.join(m.argv)} failed: {prof.stderr[-500:]}")
        names = {i.module.split(".")[0] for i in parse_importtime(prof.stderr)}
        imported[m.key] = sorted(n for n in NEVER if n in names)

    med = {m.key: statistics.median(m.times) for m in (floor, common, similar, intros)}
    limit = FLOOR_TARGET * med["floor"] + FLOOR_EXTRA
    rows: list[dict[str, Any]] = [
        {"figure": "import floor", "value": med["floor"], "target": None},
        {"figure": f"kith common {who}", "value": med["common"], "target": limit},
        {"figure": f"kith similar {who}", "value": med["similar"], "target": limit},
        {"figure": "kith intros (over all pairs)", "value": med["intros"], "target": INTROS_TARGET},
        {
            "figure": f"embed {embedded:,} phrases (in-process)",
            "value": embed_s,
            "target": EMBED_TARGET,
        },
        {"figure": "kith reindex (load, embed, match saved)", "value": reindex_s, "target": None},
    ]
    ok = all(r["target"] is None or r["value"] <= r["target"] for r in rows)
    ok = ok and not any(imported.values())
    if args.json:
        print(json.dumps({"rows": rows, "imports_model_runtime": imported, "pass": ok}, indent=2))
    else:
        print(f"\n{'figure':<44} {'median':>9} {'target':>9}  ")
        for r in rows:
            target = "" if r["target"] is None else f"{r['target']:.3f}s"
            mark = "" if r["target"] is None else ("pass" if r["value"] <= r["target"] else "SHORT")
            ratio = (
                f"  ({r['value'] / med['floor']:.2f}x floor)"
                if "kith c" in r["figure"] or "similar" in r["figure"]
                else ""
            )
            print(f"{r['figure']:<44} {r['value']:>8.3f}s {target:>9}  {mark}{ratio}")
        for key, found in imported.items():
            print(f"kith {key} imports the model runtime: {', '.join(found) or 'no'}")
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
