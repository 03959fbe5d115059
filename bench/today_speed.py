"""How fast is `kith today`: on the command line, and ranking a very large network?

    python bench/today_speed.py [--runs 15] [--quick] [--json] [--strict] [--profile]

Two parts, both on synthetic networks from ``generate.py`` (seed 7, ending 2026-11-21),
generated once and cached in ``bench/out/``; a cached file that is missing, on an older
schema, of another size or without its ``person_facts`` is regenerated:

* **CLI** on the 10,000-person / 200,000-moment network (``net-10k.db``, shared with
  ``cli_speed.py``): ``kith --db DB --today 2026-11-21 today`` (and ``today --json``) as
  fresh subprocesses, interleaved round-robin with the import floor
  ``python -c "import sqlalchemy, click"`` after one warm-up each; then one run under
  ``PYTHONPROFILEIMPORTTIME=1`` for the modules it imports.
* **Scale** on the 100,000-person / 2,000,000-moment network (``net-100k.db``), in this
  process after a warm-up: ``services.today.ranked`` (stored facts and candidates in one
  query, the prefilter, the ranking), the same with ``everyone=True`` (no prefilter, every
  active person ranked) and whether both give the same lines, ``facts_repo.rebuild`` (the
  one aggregated GROUP BY over every moment, written to ``person_facts``), the SQL
  statements each issues, the candidates, the lines and peak memory.

Targets:

* ``kith today`` and ``kith today --json``: median at most 1.3x the import floor;
* ``kith today`` imports none of fastapi, onnxruntime, numpy, vobject, alembic, rich;
* ``ranked`` at 100k people / 2M moments: median under 1 s, in as many SQL statements
  as at 10k (no per-person queries), the same lines as ``everyone=True``.

Settings are isolated: ``KITH_HOME`` points at an empty ``bench/out/home`` so a user's
``config.toml`` cannot change the rules being timed.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from cli_speed import FORBIDDEN, OUT, Measure, _bin, log, measure_all, parse_importtime, run

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src" / "kithkin"
HOME = OUT / "home"
SEED = 7
END = date(2026, 11, 21)

#: kith today may take at most this multiple of the import floor (median).
FLOOR_TARGET = 1.3
#: ranked() at scale must take less than this many seconds (median).
SCALE_TARGET_S = 1.0
#: Modules `kith today` must never import.
TODAY_FORBIDDEN = (*FORBIDDEN, "rich")


@dataclass(frozen=True)
class Network:
    """A cached synthetic network."""

    key: str
    path: Path
    people: int
    moments: int


CLI_NET = Network("10k", OUT / "net-10k.db", 10_000, 200_000)
SCALE_NET = Network("100k", OUT / "net-100k.db", 100_000, 2_000_000)


# --------------------------------------------------------------------------- fixtures


def stale(net: Network) -> str | None:
    """Why the cached file cannot be measured as is, or None when it can."""
    from kithkin.storage.database import SCHEMA_HEAD

    if not net.path.exists():
        return "missing"
    con = sqlite3.connect(f"file:{net.path}?mode=ro", uri=True)
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != SCHEMA_HEAD:
            return f"schema {version[0] if version else None}, head is {SCHEMA_HEAD}"
        n_people = con.execute("SELECT count(*) FROM people").fetchone()[0]
        n_moments = con.execute("SELECT count(*) FROM moments").fetchone()[0]
        if (n_people, n_moments) != (net.people, net.moments):
            return f"{n_people:,} people / {n_moments:,} moments"
        n_facts = con.execute("SELECT count(*) FROM person_facts").fetchone()[0]
        if n_facts != n_people:
            return f"person_facts has {n_facts:,} rows for {n_people:,} people"
        # generate() pins the account's creation to the first day of the window.
        created = con.execute("SELECT min(created_at) FROM accounts").fetchone()[0]
        start = datetime.combine(END - timedelta(days=3 * 365), datetime.min.time())
        if not str(created).startswith(start.isoformat(sep=" ")):
            return f"not the network ending {END}"
    except sqlite3.DatabaseError as exc:
        return f"unreadable: {exc}"
    finally:
        con.close()
    return None


def ensure(net: Network, regenerate: bool) -> dict[str, float] | None:
    """Make sure the cached network is fresh; its generation timings if it was built now.

    Generation runs in a child process (2M moments take ~3 GB, which would otherwise
    show as this process's peak memory) into a temporary file that then replaces the
    cached one, so a reader of the old file is not disturbed.
    """
    why = "--regenerate" if regenerate else stale(net)
    if why is None:
        return None
    log(f"generating {net.path.name} ({why}): {net.people:,} people / {net.moments:,} moments")
    tmp = net.path.with_name(f"{net.path.stem}.tmp.db")
    argv = [
        sys.executable,
        str(BENCH / "generate.py"),
        "--people",
        str(net.people),
        "--moments",
        str(net.moments),
        "--seed",
        str(SEED),
        "--end",
        END.isoformat(),
        "--db",
        str(tmp),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        log(f"  {line}")
    if done.returncode != 0:
        raise SystemExit(f"today_speed: generating {tmp} failed:\n{done.stderr}")
    for suffix in ("-wal", "-shm"):
        Path(f"{net.path}{suffix}").unlink(missing_ok=True)
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)  # empty after the final checkpoint
    os.replace(tmp, net.path)
    timings = re.search(r"^timings: (.*)$", done.stdout, re.M)
    if timings is None:
        return {}
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)s", timings.group(1))}


def source_digests() -> dict[str, str]:
    """A digest of each of kithkin's sources: to notice them changing during a run."""
    return {
        str(path.relative_to(SRC.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(SRC.rglob("*.py"))
    }


def git_head() -> str:
    """The checkout's commit, ``+src changes`` when src/ differs from it (or ``?``)."""
    root = str(BENCH.parent)
    head = run(["git", "-C", root, "rev-parse", "--short", "HEAD"], dict(os.environ))
    if head.returncode != 0:
        return "?"
    dirty = run(["git", "-C", root, "status", "--porcelain", "--", "src"], dict(os.environ))
    return head.stdout.decode().strip() + (" +src changes" if dirty.stdout.strip() else "")


def _stamp(digests: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:12]


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


# --------------------------------------------------------------------------- CLI


def cli_imports(argv: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
    """What one run of ``argv`` imports (PYTHONPROFILEIMPORTTIME): the forbidden modules
    found, and where the import time goes."""
    done = run(argv, dict(env, PYTHONPROFILEIMPORTTIME="1"))
    if done.returncode != 0:
        raise SystemExit(f"today_speed: `{' '.join(argv)}` failed under importtime")
    mods = parse_importtime(done.stderr.decode(errors="replace"))
    names = [m.module for m in mods]
    forbidden = sorted(
        {p for m in names for p in TODAY_FORBIDDEN if m == p or m.startswith(p + ".")}
    )
    packages: dict[str, int] = {}
    for m in mods:
        root = m.module.split(".")[0]
        packages[root] = packages.get(root, 0) + m.self_us
    top = sorted((m for m in mods if m.depth == 0), key=lambda m: m.cumulative_us, reverse=True)
    kithkin_mods = [m.module for m in mods if m.module.startswith("kithkin")]
    return {
        "argv": list(argv),
        "modules": len(mods),
        "total_ms": round(sum(m.self_us for m in mods) / 1000, 1),
        "forbidden": forbidden,
        "kithkin_modules": kithkin_mods,
        "top_level": [
            {"module": m.module, "cumulative_ms": round(m.cumulative_us / 1000, 1)} for m in top[:8]
        ],
        "by_package": [
            {"package": k, "self_ms": round(v / 1000, 1)}
            for k, v in sorted(packages.items(), key=lambda kv: kv[1], reverse=True)[:8]
        ],
    }


def cli_part(db: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    kith = _bin("kith")
    if kith is None:
        raise SystemExit("today_speed: no `kith` script next to sys.executable or on PATH")
    py = sys.executable
    today = [str(kith), "--db", str(db), "--today", END.isoformat(), "today"]
    shown = run([*today, "--json"], env)
    if shown.returncode != 0:
        raise SystemExit(f"today_speed: `kith today --json` failed: {shown.stderr.decode()}")
    lines_shown = len(json.loads(shown.stdout))
    measures = {
        "startup": Measure("startup", "python -c pass", [py, "-c", "pass"], runs),
        "floor": Measure(
            "floor",
            "import sqlalchemy, click (floor)",
            [py, "-c", "import sqlalchemy, click"],
            runs,
        ),
        "today": Measure("today", "kith today", today, runs),
        "today_json": Measure("today_json", "kith today --json", [*today, "--json"], runs),
    }
    log(f"CLI: {runs} runs each, round-robin after a warm-up")
    measure_all(list(measures.values()), env)
    floor = measures["floor"].median_ms
    rows = []
    for key, m in measures.items():
        row: dict[str, Any] = {
            "key": key,
            "command": m.label,
            "argv": m.argv,
            "median_ms": round(m.median_ms, 1),
            "p90_ms": round(m.p90_ms, 1),
            "min_ms": round(min(m.times) * 1000, 1),
            "x_floor": round(m.median_ms / floor, 2),
            "over_floor_ms": round(m.median_ms - floor, 1),
            "pass": None,
            "times_ms": [round(t * 1000, 1) for t in m.times],
        }
        if key in ("today", "today_json"):
            row["pass"] = m.median_ms <= FLOOR_TARGET * floor
        rows.append(row)
    log("CLI: import profile ...")
    return {
        "db": str(db),
        "runs": runs,
        "lines_shown": lines_shown,
        "results": rows,
        "imports": cli_imports(today, env),
    }


# --------------------------------------------------------------------------- in process


def _median(times: list[float]) -> float:
    return statistics.median(times)


def _timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Seconds of each of ``runs`` calls of ``fn``, and the last call's result."""
    times: list[float] = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return times, out


@contextmanager
def counting_statements(engine: Any) -> Iterator[list[str]]:
    """The SQL statements ``engine`` runs inside the block (their first words)."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        seen.append(" ".join(statement.split()[:3]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


@contextmanager
def phase_clock(phases: dict[str, float]) -> Iterator[None]:
    """Time the database reads and the ranking that ``services.today.ranked`` calls, by
    wrapping them for the duration of the block (one instrumented run, not the timed ones)."""
    from kithkin.services import today as svc
    from kithkin.storage import today_repo

    targets: list[tuple[Any, str, str]] = [
        (today_repo, "candidates", "candidates query + rows"),
        (today_repo, "lapsed_promises", "lapsed promises query"),
        (today_repo, "ledger_entries", "ledger query (martyrdom)"),
        (today_repo, "outreach_since", "outreach query (vanished)"),
        (today_repo, "active_dismissals", "dismissals query"),
        (svc, "rank", "rank() in Python"),
    ]
    saved: list[tuple[Any, str, Any]] = []
    for module, name, label in targets:
        fn = getattr(module, name, None)
        if fn is None:
            continue

        def wrapped(*a: Any, _fn: Any = fn, _label: str = label, **kw: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return _fn(*a, **kw)
            finally:
                phases[_label] = phases.get(_label, 0.0) + time.perf_counter() - t0

        saved.append((module, name, fn))
        setattr(module, name, wrapped)
    try:
        yield
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)


def _peak_mb(fn: Callable[[], Any]) -> float:
    """Peak Python allocations during one call, in MB (tracemalloc: an untimed run)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _counts(kith: Any) -> dict[str, int]:
    """Active people, and candidates with and without the prefilter."""
    from kithkin.domain.today import prefilter
    from kithkin.services.settings import today_rules
    from kithkin.storage import today_repo

    pf = prefilter(kith.today, today_rules())
    with kith.begin() as conn:
        cands = today_repo.candidates(conn, kith.account_id, pf)
        active = today_repo.candidates(conn, kith.account_id, pf, use_prefilter=False)
    return {"active": len(active), "candidates": len(cands)}


def inprocess_small(db: Path, runs: int) -> dict[str, Any]:
    """today() and ranked() on the CLI's network, in this process: the part of the CLI
    time that is not imports."""
    from kithkin.services import today as svc
    from kithkin.services.context import open_kith
    from kithkin.storage.database import sqlite_url

    kith = open_kith(sqlite_url(db), today=END)
    try:
        lines = svc.ranked(kith)  # warm-up
        svc.today(kith)
        today_t, _ = _timed(lambda: svc.today(kith), runs)
        ranked_t, lines = _timed(lambda: svc.ranked(kith), runs)
        with counting_statements(kith.engine) as stmts:
            svc.ranked(kith)
        return {
            "today_ms": round(_median(today_t) * 1000, 1),
            "ranked_ms": round(_median(ranked_t) * 1000, 1),
            "lines": len(lines),
            "statements": len(stmts),
            **_counts(kith),
        }
    finally:
        kith.engine.dispose()


def scale_part(db: Path, runs: int, everyone_runs: int, rebuild_runs: int) -> dict[str, Any]:
    """ranked(), ranked(everyone=True) and rebuild() on the large network."""
    from kithkin.services import today as svc
    from kithkin.services.context import open_kith
    from kithkin.storage import facts_repo
    from kithkin.storage.database import sqlite_url

    kith = open_kith(sqlite_url(db), today=END)
    try:
        log("scale: warm-up ...")
        svc.ranked(kith)
        svc.ranked(kith, everyone=True)
        log(f"scale: ranked() x{runs} ...")
        ranked_t, lines = _timed(lambda: svc.ranked(kith), runs)
        log(f"scale: ranked(everyone=True) x{everyone_runs} ...")
        everyone_t, every = _timed(lambda: svc.ranked(kith, everyone=True), everyone_runs)
        today_t, _ = _timed(lambda: svc.today(kith), runs)
        top_matches = svc.top(kith, 7) == lines[:7] and svc.top(kith, 50) == lines[:50]
        counts = _counts(kith)

        with counting_statements(kith.engine) as stmts:
            svc.ranked(kith)
        ranked_stmts = list(stmts)
        phases: dict[str, float] = {}
        with phase_clock(phases):
            t0 = time.perf_counter()
            svc.ranked(kith)
            total = time.perf_counter() - t0
        phases["rest: rows to PersonState, transaction"] = total - sum(phases.values())
        log("scale: memory ...")
        ranked_mb = _peak_mb(lambda: svc.ranked(kith))
        everyone_mb = _peak_mb(lambda: svc.ranked(kith, everyone=True))

        log(f"scale: aggregate query, rebuild x{rebuild_runs} ...")

        def aggregate() -> int:
            with kith.begin() as conn:
                return len(conn.execute(facts_repo.aggregate(conn, kith.account_id)).all())

        aggregate_t, n_aggregated = _timed(aggregate, max(1, rebuild_runs))

        def rebuild() -> None:
            with kith.begin() as conn:
                facts_repo.rebuild(conn, kith.account_id)

        with counting_statements(kith.engine) as stmts:
            rebuild_t, _ = _timed(rebuild, rebuild_runs)
        rebuild_stmts = len(stmts) // max(1, rebuild_runs)
        after = svc.ranked(kith)
        return {
            "db": str(db),
            "ranked_s": round(_median(ranked_t), 3),
            "ranked_times_s": [round(t, 3) for t in ranked_t],
            "everyone_s": round(_median(everyone_t), 3),
            "everyone_times_s": [round(t, 3) for t in everyone_t],
            "today_s": round(_median(today_t), 3),
            "today_times_s": [round(t, 3) for t in today_t],
            "top_matches_ranked": top_matches,
            "aggregate_s": round(_median(aggregate_t), 3),
            "aggregate_rows": n_aggregated,
            "rebuild_s": round(_median(rebuild_t), 3),
            "rebuild_times_s": [round(t, 3) for t in rebuild_t],
            "rebuild_statements": rebuild_stmts,
            "lines": len(lines),
            "everyone_lines": len(every),
            "lines_match": lines == every,
            "lines_after_rebuild_match": after == lines,
            "ranked_statements": len(ranked_stmts),
            "ranked_statement_heads": ranked_stmts,
            "phases_s": {k: round(v, 3) for k, v in phases.items()},
            "phases_total_s": round(total, 3),
            "ranked_peak_mb": round(ranked_mb, 1),
            "everyone_peak_mb": round(everyone_mb, 1),
            **counts,
        }
    finally:
        kith.engine.dispose()


def profile_ranked(db: Path, top: int = 25) -> str:
    """cProfile of one ranked() call (after a warm-up), by cumulative time."""
    from kithkin.services import today as svc
    from kithkin.services.context import open_kith
    from kithkin.storage.database import sqlite_url

    kith = open_kith(sqlite_url(db), today=END)
    try:
        svc.ranked(kith)
        prof = cProfile.Profile()
        prof.enable()
        svc.ranked(kith)
        prof.disable()
    finally:
        kith.engine.dispose()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# --------------------------------------------------------------------------- report


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "SHORT")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]

    def line(values: Sequence[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = (v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True))
        return "  ".join((first, *rest)).rstrip()

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def targets_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    cli, small, scale = report["cli"], report["small"], report["scale"]
    out: list[dict[str, Any]] = []
    for r in cli["results"]:
        if r["pass"] is not None:
            out.append(
                {
                    "target": f"{r['command']} median <= {FLOOR_TARGET}x floor",
                    "value": r["x_floor"],
                    "pass": r["pass"],
                }
            )
    out.append(
        {
            "target": f"kith today imports none of {', '.join(TODAY_FORBIDDEN)}",
            "value": cli["imports"]["forbidden"],
            "pass": not cli["imports"]["forbidden"],
        }
    )
    if scale is None:  # --cli-only
        return out
    out.append(
        {
            "target": f"today() (the top lines) at {SCALE_NET.key} median < {SCALE_TARGET_S:g} s",
            "value": scale["today_s"],
            "pass": scale["today_s"] < SCALE_TARGET_S and scale["top_matches_ranked"],
        }
    )
    out.append(
        {
            "target": "ranked() SQL statements at 100k == at 10k (no per-person queries)",
            "value": [scale["ranked_statements"], small["statements"]],
            "pass": scale["ranked_statements"] == small["statements"],
        }
    )
    out.append(
        {
            "target": "ranked() == ranked(everyone=True) at 100k",
            "value": scale["lines_match"],
            "pass": scale["lines_match"],
        }
    )
    return out


def print_report(report: dict[str, Any]) -> None:
    cli, small, scale = report["cli"], report["small"], report["scale"]
    print(
        f"kith today speed: Python {report['python']}, SQLAlchemy {report['sqlalchemy']}, "
        f"{report['cpus']} CPUs, commit {report['commit']}, today {END}"
    )
    print(
        f"\nCLI: {CLI_NET.people:,} people / {CLI_NET.moments:,} moments ({cli['db']}), "
        f"{cli['runs']} runs each, round-robin; Today shows {cli['lines_shown']} lines"
    )
    _table(
        ("command", "median ms", "p90 ms", "min ms", "x floor", "over floor ms", "target"),
        [
            (
                r["command"],
                f"{r['median_ms']:.1f}",
                f"{r['p90_ms']:.1f}",
                f"{r['min_ms']:.1f}",
                f"{r['x_floor']:.2f}",
                f"{r['over_floor_ms']:+.1f}",
                "" if r["pass"] is None else f"<= {FLOOR_TARGET}x {_mark(r['pass'])}",
            )
            for r in cli["results"]
        ],
    )
    if small is not None:
        print(
            f"in process on the same file: today() {small['today_ms']:.1f} ms, ranked() "
            f"{small['ranked_ms']:.1f} ms ({small['candidates']:,} candidates of "
            f"{small['active']:,} active people, {small['lines']:,} lines, "
            f"{small['statements']} SQL statements)"
        )
    imp = cli["imports"]
    print(
        f"imports of `kith today`: {imp['modules']} modules "
        f"({len(imp['kithkin_modules'])} of kithkin), {imp['total_ms']:.0f} ms self time "
        "under importtime (inflated by profiling)"
    )
    forb = ", ".join(imp["forbidden"]) or "none"
    print(f"  forbidden ({', '.join(TODAY_FORBIDDEN)}): {forb}  {_mark(not imp['forbidden'])}")
    print(
        "  top-level by cumulative ms: "
        + ", ".join(f"{t['module']} {t['cumulative_ms']:.0f}" for t in imp["top_level"][:6])
    )
    print(
        "  self ms by package: "
        + ", ".join(f"{t['package']} {t['self_ms']:.0f}" for t in imp["by_package"][:6])
    )
    if scale is not None:
        _print_scale(scale, small, report["max_rss_mb"])
    _print_footer(report)


def _print_scale(scale: dict[str, Any], small: dict[str, Any], max_rss_mb: float) -> None:
    print(
        f"\nScale: {SCALE_NET.people:,} people / {SCALE_NET.moments:,} moments "
        f"({scale['db']}), in one process after a warm-up"
    )
    _table(
        ("figure", "median s", "runs", "target"),
        [
            (
                "today(): top 7 lines, candidates by score bound, in words",
                f"{scale['today_s']:.3f}",
                str(len(scale["today_times_s"])),
                f"< {SCALE_TARGET_S:g} s " + _mark(scale["today_s"] < SCALE_TARGET_S),
            ),
            (
                "ranked(): every line, stored facts + prefilter, rank all",
                f"{scale['ranked_s']:.3f}",
                str(len(scale["ranked_times_s"])),
                "",
            ),
            (
                "ranked(everyone=True): every active person ranked",
                f"{scale['everyone_s']:.3f}",
                str(len(scale["everyone_times_s"])),
                "",
            ),
            (
                "facts_repo.rebuild(): aggregate all moments, write facts",
                f"{scale['rebuild_s']:.3f}",
                str(len(scale["rebuild_times_s"])),
                "",
            ),
            (
                "  the aggregated query alone (read every row)",
                f"{scale['aggregate_s']:.3f}",
                str(max(1, len(scale["rebuild_times_s"]))),
                "",
            ),
        ],
    )
    same = "yes" if scale["lines_match"] else "NO"
    print(
        f"candidates: {scale['candidates']:,} of {scale['active']:,} active people; lines: "
        f"{scale['lines']:,} (everyone=True: {scale['everyone_lines']:,}, identical: {same}; "
        f"after rebuild: {'identical' if scale['lines_after_rebuild_match'] else 'CHANGED'}; "
        f"top 7 and 50 = ranked()[:k]: {'yes' if scale['top_matches_ranked'] else 'NO'})"
    )
    print(
        f"SQL statements: ranked() {scale['ranked_statements']} (at {CLI_NET.key}: "
        f"{small['statements']}), rebuild() {scale['rebuild_statements']}"
    )
    print(
        f"peak memory: ranked() {scale['ranked_peak_mb']:.0f} MB, everyone=True "
        f"{scale['everyone_peak_mb']:.0f} MB (tracemalloc, untimed runs); "
        f"process max RSS {max_rss_mb:.0f} MB"
    )
    print(f"one instrumented ranked(): {scale['phases_total_s']:.3f} s")
    for label, s in scale["phases_s"].items():
        print(f"  {s:7.3f} s  {label}")


def _print_footer(report: dict[str, Any]) -> None:
    gen = report["generated"]
    for key, t in gen.items():
        if t:
            print(
                f"generated {key} now: {t.get('total', 0):.1f} s, of which person_facts "
                f"rebuild {t.get('facts', 0):.2f} s"
            )
    if report["sources_changed"]:
        print(
            "\nWARNING: kithkin's sources changed during the run, figures may mix versions: "
            + ", ".join(report["sources_changed"])
        )
    short = [t["target"] for t in report["targets"] if not t["pass"]]
    n = len(report["targets"])
    print(
        f"\ntargets: {n - len(short)}/{n} PASS" + (f"; SHORT: {'; '.join(short)}" if short else "")
    )


# --------------------------------------------------------------------------- main


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Time kith today on the CLI and at scale.")
    ap.add_argument("--runs", type=int, default=15, help="timed runs per CLI command (15)")
    ap.add_argument("--quick", action="store_true", help="5 CLI runs; 3 of ranked(), 1 of the rest")
    ap.add_argument("--regenerate", action="store_true", help="rebuild both cached networks")
    ap.add_argument("--json", action="store_true", help="print every figure as JSON")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is short")
    ap.add_argument(
        "--profile", action="store_true", help="also print a cProfile of one ranked() at 100k"
    )
    ap.add_argument(
        "--cli-only",
        action="store_true",
        help="only `kith today` as a process on 10k (no in-process or 100k figures)",
    )
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    runs = 5 if args.quick else args.runs
    scale_runs, everyone_runs, rebuild_runs = (3, 1, 1) if args.quick else (7, 3, 3)
    OUT.mkdir(parents=True, exist_ok=True)
    HOME.mkdir(parents=True, exist_ok=True)
    os.environ["KITH_HOME"] = str(HOME)  # no user config.toml: the default rules
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHONPROFILE")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    nets = (CLI_NET,) if args.cli_only else (CLI_NET, SCALE_NET)
    generated = {net.key: ensure(net, args.regenerate) for net in nets}
    sources = source_digests()
    import sqlalchemy

    report: dict[str, Any] = {
        "python": sys.version.split()[0],
        "sqlalchemy": sqlalchemy.__version__,
        "cpus": os.cpu_count(),
        "sources": _stamp(sources),
        "commit": git_head(),
        "generated": generated,
        "cli": cli_part(CLI_NET.path, runs, env),
    }
    report["small"] = report["scale"] = None
    if not args.cli_only:
        log("in process, 10k ...")
        report["small"] = inprocess_small(CLI_NET.path, scale_runs)
        report["scale"] = scale_part(SCALE_NET.path, scale_runs, everyone_runs, rebuild_runs)
    report["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report["sources_changed"] = _changed(sources, source_digests())
    report["targets"] = targets_of(report)
    if args.profile and not args.cli_only:
        report["profile"] = profile_ranked(SCALE_NET.path)

    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
        if "profile" in report:
            print(f"\ncProfile of one ranked() at {SCALE_NET.key}:\n{report['profile']}")
    if args.strict and any(not t["pass"] for t in report["targets"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
