"""Every benchmark in one command, in one table.

    python bench/run.py [--quick] [--out FILE] [--only NAME ...]

Runs each benchmark script of this folder as its own process (``--json``), generating
the networks they need on first use, and prints one table: every figure the issues
named, what it is compared with (the import floor of the stack, khard, vobject alone),
its target and PASS or SHORT, with the peak memory of the largest process each
benchmark ran. A full run writes the table and a description of the machine to
``bench/RESULTS.md`` (``--out`` for elsewhere); ``--quick`` (about 2 minutes once the
networks exist) runs each benchmark in its short form and writes nothing unless
``--out`` is given. Exits 1 when a figure is short or a benchmark failed.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
PG_DEFAULT = "postgresql+psycopg://kith_ci:kith_ci@127.0.0.1:5432/kith_test"


@dataclass
class Row:
    """One figure of the table."""

    figure: str
    measured: str
    target: str = ""
    compared: str = ""
    mark: str = ""  # PASS, SHORT, or "" (no target)


@dataclass
class Outcome:
    """What one benchmark gave."""

    name: str
    rows: list[Row] = field(default_factory=list)
    seconds: float = 0.0
    peak_mib: float = 0.0
    failed: str | None = None
    note: str = ""


def _mark(ok: bool) -> str:
    return "PASS" if ok else "SHORT"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


# --------------------------------------------------------------------------- adapters


def constants(script: str, *names: str) -> list[float]:
    """Numbers a benchmark script sets at its top level (its targets), read from its
    source: importing it would grow this process, and every process it starts after
    would begin with its size (the peaks reported are theirs)."""
    tree = ast.parse((HERE / script).read_text(encoding="utf-8"))
    found: dict[str, float] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for t in node.targets:
                if isinstance(t, ast.Name) and isinstance(node.value.value, int | float):
                    found[t.id] = float(node.value.value)
    return [found[n] for n in names]


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def _targets(targets: list[dict[str, Any]]) -> list[Row]:
    """The ``targets`` list cli_speed and today_speed give: target, value, pass."""
    return [Row("target", _value(t["value"]), t["target"], "", _mark(t["pass"])) for t in targets]


def _commands(results: list[dict[str, Any]]) -> list[Row]:
    """Commands timed as fresh processes, each against the import floor (and khard)."""
    rows = []
    for r in results:
        said = []
        if r.get("x_floor") and r["command"].startswith(("kith", "khard")):
            said.append(f"{r['x_floor']:.2f}x the import floor")
        if r.get("khard_x"):
            said.append(f"khard takes {r['khard_x']:.1f}x as long")
        rows.append(Row(r["command"], f"{r['median_ms']:.0f} ms", "", "; ".join(said)))
    return rows


def cli_rows(d: dict[str, Any]) -> list[Row]:
    """cli_speed: show, find, log... against the import floor and khard."""
    return [*_commands(d["results"]), *_targets(d["targets"])]


def today_rows(d: dict[str, Any]) -> list[Row]:
    """today_speed: the CLI against the floor, today() and ranked() at 100k people."""
    scale = d["scale"]
    rows = _commands(d["cli"]["results"])
    if scale is None:  # --quick: the CLI on 10k only
        return [*rows, *_targets(d["targets"])]
    rows.append(Row("today() at 100k people", _s(scale["today_s"]), "", ""))
    if "ranked_peak_mb" in scale:
        rows.append(
            Row("ranked() peak allocations at 100k", f"{scale['ranked_peak_mb']:.0f} MB", "", "")
        )
    return [*rows, *_targets(d["targets"])]


def import_rows(d: dict[str, Any]) -> list[Row]:
    """import_speed: 10,000 contacts in and out, against vobject alone and khard."""
    ratio_max, vcard_max, linkedin_max, vdir_max = constants(
        "import_speed.py",
        "VCARD_RATIO_TARGET",
        "VCARD_SECONDS_TARGET",
        "LINKEDIN_SECONDS_TARGET",
        "VDIR_SECONDS_TARGET",
    )

    def fig(key: str) -> tuple[float, str]:
        f = d[key]
        return f["median_s"], f"{f['median_s']:.2f} s ({f['peak_mib']:.0f} MiB)"

    cards = f"{d['cards']:,}"
    vobj, vobj_shown = fig("vobject_alone")
    vcard, vcard_shown = fig("import_vcard")
    ratio = vcard / vobj
    li, li_shown = fig("import_linkedin")
    vdir, vdir_shown = fig("export_vdir")
    rows = [
        Row(f"vobject alone parses {cards} cards", vobj_shown),
        Row(
            f"kith import {cards} cards.vcf",
            vcard_shown,
            f"<= {ratio_max}x vobject, < {vcard_max:.0f} s",
            f"{ratio:.2f}x vobject alone",
            _mark(ratio <= ratio_max and vcard < vcard_max),
        ),
        Row(
            f"kith import {cards} Connections.csv",
            li_shown,
            f"< {linkedin_max:.0f} s",
            "",
            _mark(li < linkedin_max),
        ),
        Row(
            f"kith export --format vdir ({cards})",
            vdir_shown,
            f"< {vdir_max:.0f} s",
            "",
            _mark(vdir < vdir_max),
        ),
    ]
    if d.get("khard_list"):
        _, khard_shown = fig("khard_list")
        rows.append(Row("khard list over that vdir", khard_shown, "", "for scale"))
    return rows


def match_rows(d: dict[str, Any]) -> list[Row]:
    """match_speed: matching by meaning on 10,000 people, against the import floor."""
    rows = []
    floor = next((r["value"] for r in d["rows"] if r["figure"] == "import floor"), None)
    for r in d["rows"]:
        compared = ""
        if floor and r["figure"] != "import floor" and r["figure"].startswith("kith"):
            compared = f"{r['value'] / floor:.2f}x the import floor"
        target = "" if r["target"] is None else f"<= {_s(r['target'])}"
        mark = "" if r["target"] is None else _mark(r["value"] <= r["target"])
        rows.append(Row(r["figure"], _s(r["value"]), target, compared, mark))
    return rows


def lint_speed_rows(d: dict[str, Any]) -> list[Row]:
    """lint_speed: `kith lint FILE` as a fresh process."""
    med = d["median_ms"]
    lint = med["kith lint FILE"]
    return [
        Row(
            "kith lint FILE",
            f"{lint:.0f} ms",
            f"<= {d['target_ms']:.0f} ms",
            f"{lint / med['python -c pass']:.1f}x `python -c pass`, "
            f"+{d['over_kith_version_ms']:.0f} ms over `kith --version`",
            _mark(d["pass"]),
        )
    ]


def lint_quality_rows(d: dict[str, Any]) -> list[Row]:
    """lint_quality: precision and recall over the labelled corpus."""
    o = d["overall"]
    return [
        Row("lint precision", f"{o['precision']:.3f}", ">= 0.9", "", _mark(o["precision"] >= 0.9)),
        Row("lint recall", f"{o['recall']:.3f}", ">= 0.9", "", _mark(o["recall"] >= 0.9)),
    ]


def web_rows(d: dict[str, Any]) -> list[Row]:
    """web_load: 20 clients on loopback, p95 and throughput per page, both databases."""
    rows = []
    for b in d["backends"]:
        for r in b["rows"]:
            if r.get("missing"):
                rows.append(Row(f"{b['backend']}: {r['label']}", "missing", "", "", "SHORT"))
                continue
            rows.append(
                Row(
                    f"{b['backend']}: {r['label']}",
                    f"p95 {r['p95_ms']:.0f} ms, {r['rps']:.0f} req/s, {r['errors']} errors",
                    "p95 < 100 ms, >= 200 req/s, no errors",
                    f"p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms",
                    _mark(r["pass"]),
                )
            )
    return rows


# --------------------------------------------------------------------------- the suite


@dataclass(frozen=True)
class Bench:
    name: str
    script: str
    full: tuple[str, ...]
    quick: tuple[str, ...]
    rows: Callable[[dict[str, Any]], list[Row]]
    needs: tuple[str, ...] = ()  # programs it cannot run without


def suite(pg_url: str | None) -> list[Bench]:
    web_backend = ("--backend", "both" if pg_url else "sqlite")
    web_pg = ("--pg-url", pg_url) if pg_url else ()
    return [
        Bench("cli", "cli_speed.py", (), ("--quick", "--no-khard"), cli_rows),
        Bench("today", "today_speed.py", (), ("--quick", "--cli-only"), today_rows),
        Bench("import", "import_speed.py", (), ("--runs", "1"), import_rows),
        Bench("match", "match_speed.py", (), ("--quick",), match_rows),
        Bench("lint", "lint_speed.py", (), ("--runs", "5"), lint_speed_rows),
        Bench("lint quality", "lint_quality.py", (), (), lint_quality_rows),
        Bench(
            "web",
            "web_load.py",
            (*web_backend, *web_pg),
            (*web_backend, *web_pg, "--duration", "3", "--warmup", "1"),
            web_rows,
            needs=("wrk",),
        ),
    ]


def run_one(bench: Bench, quick: bool, log: Callable[[str], None]) -> Outcome:
    """Run one benchmark script as its own process; its figures and its peak memory."""
    out = Outcome(bench.name)
    missing = [p for p in bench.needs if shutil.which(p) is None]
    if missing:
        out.failed = f"needs {', '.join(missing)} (not installed)"
        return out
    args = [sys.executable, str(HERE / bench.script), *(bench.quick if quick else bench.full)]
    log(f"[{bench.name}] {' '.join(Path(a).name if '/' in a else a for a in args[1:])} --json")
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen([*args, "--json"], stdout=stdout, stderr=stderr)
        # wait4: this benchmark's own peak, the largest of it and every process it ran
        # and waited for (each `kith` it timed, the server it started).
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seconds = time.perf_counter() - started
        out.peak_mib = usage.ru_maxrss / 1024
        stdout.seek(0)
        stderr.seek(0)
        got, err = stdout.read(), stderr.read()
    if proc.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        out.failed = f"exit {proc.returncode}: {' / '.join(tail)}"
        return out
    try:
        out.rows = bench.rows(json.loads(got))
    except (ValueError, KeyError, TypeError) as exc:
        out.failed = f"could not read its figures: {exc!r}"
    return out


def pg_reachable(url: str) -> bool:
    """Whether the benchmark PostgreSQL answers (the web benchmark runs on it too).

    Asked in a child process: this one stays small, since every process it starts
    begins with its memory and the peaks reported are the children's.
    """
    probe = (
        "import sys; from sqlalchemy import create_engine, text\n"
        "e = create_engine(sys.argv[1], connect_args={'connect_timeout': 3})\n"
        "with e.connect() as c: c.execute(text('SELECT 1'))\n"
    )
    got = subprocess.run([sys.executable, "-c", probe, url], capture_output=True, check=False)
    return got.returncode == 0


# --------------------------------------------------------------------------- report


def machine() -> list[str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(ln for ln in f if ln.startswith("MemTotal")).split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, StopIteration, ValueError):
        pass
    return [
        f"{os.cpu_count()} cores ({cpu}){mem}",
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
    ]


def git_head() -> str:
    got = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return got.stdout.strip() or "unknown"


def table(outcomes: list[Outcome]) -> list[str]:
    lines = [
        "| benchmark | figure | measured | target | compared with | |",
        "|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        if o.failed:
            lines.append(f"| {o.name} | (did not run) | {o.failed} | | | SHORT |")
            continue
        for r in o.rows:
            cells = [o.name, r.figure, r.measured, r.target, r.compared, r.mark]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    lines += [
        "",
        "| benchmark | took | peak memory (largest process) |",
        "|---|---|---|",
    ]
    for o in outcomes:
        if not o.failed:
            lines.append(f"| {o.name} | {o.seconds:.0f} s | {o.peak_mib:.0f} MiB |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="short forms (about 2 minutes)")
    ap.add_argument(
        "--out",
        type=Path,
        help="write the results here (default: a full run writes bench/RESULTS.md)",
    )
    ap.add_argument("--only", nargs="+", help="these benchmarks (names as in the table)")
    ap.add_argument(
        "--pg-url",
        default=os.environ.get("KITH_BENCH_PG_URL", PG_DEFAULT),
        help="PostgreSQL for the web benchmark (skipped with a note when unreachable)",
    )
    args = ap.parse_args()

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    pg = args.pg_url if pg_reachable(args.pg_url) else None
    if pg is None:
        log(f"PostgreSQL at {args.pg_url} does not answer: the web benchmark runs on SQLite only")
    chosen = [b for b in suite(pg) if not args.only or b.name in args.only]
    started = time.perf_counter()
    outcomes = [run_one(b, args.quick, log) for b in chosen]
    took = time.perf_counter() - started

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = [
        "# Benchmark results",
        "",
        f"`python bench/run.py{' --quick' if args.quick else ''}` on {when}, commit "
        f"{git_head()}, in {took / 60:.1f} minutes.",
        "",
        *[f"- {line}" for line in machine()],
        f"- PostgreSQL: {'local server (web benchmark)' if pg else 'not reachable: SQLite only'}",
        "",
        "Each benchmark ran as its own process; bench/README.md says what each figure "
        "measures and how its target was set.",
        "",
    ]
    text = "\n".join([*head, *table(outcomes)]) + "\n"
    print(text, end="")
    out = args.out or (None if args.quick or args.only else RESULTS)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        log(f"written to {out}")
    short = any(o.failed or any(r.mark == "SHORT" for r in o.rows) for o in outcomes)
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
