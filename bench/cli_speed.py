"""How fast does `kith` answer, compared with the cost of its imports and with khard?

    python bench/cli_speed.py [--db PATH] [--runs 15] [--quick] [--json] [--strict]

Without ``--db`` the 10,000-person / 200,000-moment network is generated once and cached
at ``bench/out/net-10k.db``. Every command runs as a fresh subprocess through the ``kith``
console script next to ``sys.executable`` (the same virtualenv), the way a user runs it;
the runs of all commands are interleaved so drift in the machine's load hits them alike.

Targets:

* ``kith show``, ``kith find`` and ``kith log``: median at most 1.3x the import floor,
  the median of ``python -c "import sqlalchemy, click"`` (what any kith run must pay);
* ``khard list`` over the same people as a vdir of vCards: at least 10x slower than each
  of those kith commands;
* ``kith show`` (and find, log) import none of fastapi, onnxruntime, numpy, vobject,
  alembic (checked with ``PYTHONPROFILEIMPORTTIME=1``).
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kithkin.domain.names import fold

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
DEFAULT_DB = OUT / "net-10k.db"
DEFAULT_PEOPLE = 10_000
DEFAULT_MOMENTS = 200_000

#: kith show/find/log may take at most this multiple of the import floor (median).
FLOOR_TARGET = 1.3
#: khard list must take at least this multiple of each kith command (median).
KHARD_TARGET = 10.0
#: Modules `kith show/find/log` must never import.
FORBIDDEN = ("fastapi", "onnxruntime", "numpy", "vobject", "alembic")
#: Modules worth knowing about when they show up (reported, not a failure).
WATCHED = (
    "rich.markdown",
    "rich.syntax",
    "rich.table",
    "rich",
    "pygments",
    "rapidfuzz",
    "psycopg",
    "uvicorn",
    "starlette",
    "jinja2",
    "pydantic",
    "icalendar",
    "argon2",
    "plotly",
    "platformdirs",
    "zoneinfo",
    "asyncio",
    "importlib.metadata",
    "ssl",
    "email",
)


def log(msg: str) -> None:
    """Progress on stderr, so stdout stays clean for --json."""
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- fixtures


def _bin(name: str) -> Path | None:
    """A console script from the virtualenv that runs this script, else from PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return here
    found = shutil.which(name)
    return Path(found) if found else None


def ensure_db(db: Path | None, regenerate: bool) -> Path:
    """The database to measure: the given one, or the cached 10k network."""
    if db is not None:
        if not db.exists():
            raise SystemExit(f"cli_speed: {db} does not exist")
        return db
    if regenerate or not DEFAULT_DB.exists():
        from generate import generate

        log(f"generating {DEFAULT_PEOPLE:,} people / {DEFAULT_MOMENTS:,} moments ...")
        generate(DEFAULT_DB, DEFAULT_PEOPLE, DEFAULT_MOMENTS, verbose=False)
    return DEFAULT_DB


def ensure_vdir(db: Path) -> Path:
    """The people of ``db`` as vCards, rewritten only when the database changed."""
    from generate import write_vcards

    folder = OUT / ("vdir-10k" if db.resolve() == DEFAULT_DB.resolve() else f"vdir-{db.stem}")
    st = db.stat()
    stamp = f"{db.resolve()} {st.st_size} {st.st_mtime_ns}"
    marker = folder / ".source"
    if not (marker.exists() and marker.read_text() == stamp):
        t0 = time.perf_counter()
        n = write_vcards(db, folder)
        marker.write_text(stamp)
        log(f"wrote {n:,} vCards to {folder} in {time.perf_counter() - t0:.1f}s")
    return folder


def khard_config(vdir: Path) -> Path:
    """A khard config with one address book: the vdir."""
    conf = OUT / "khard.conf"
    conf.write_text(
        "[addressbooks]\n"
        "[[bench]]\n"
        f"path = {vdir.resolve()}\n\n"
        "[general]\n"
        "editor = /bin/true\n"
        "merge_editor = /bin/true\n"
        "default_action = list\n"
    )
    return conf


@dataclass(frozen=True)
class Subject:
    """Who the kith commands ask about."""

    name: str
    moments: int
    fragment: str
    people: int
    total_moments: int


def _db_facts(db: Path) -> tuple[list[tuple[str, str | None, int]], int, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        top = con.execute(
            "SELECT p.display_name, p.family_name, count(*) AS n FROM people p "
            "JOIN moment_people mp ON mp.person_id = p.id "
            "GROUP BY p.id ORDER BY n DESC, p.id LIMIT 40"
        ).fetchall()
        people = con.execute("SELECT count(*) FROM people").fetchone()[0]
        moments = con.execute("SELECT count(*) FROM moments").fetchone()[0]
    finally:
        con.close()
    return [(str(a), b, int(c)) for a, b, c in top], int(people), int(moments)


def pick_subject(kith: Path, db: Path, env: dict[str, str]) -> Subject:
    """The person with the most moments whose name `kith show` resolves to one person."""
    top, people, total = _db_facts(db)
    for name, family, n in top:
        if run([str(kith), "--db", str(db), "show", name], env).returncode != 0:
            continue  # shared by several people: ambiguous without a terminal
        fragment = fold(family or name).replace(" ", "")[:4]
        if run([str(kith), "--db", str(db), "find", fragment], env).returncode == 0:
            return Subject(name, n, fragment, people, total)
    raise SystemExit(f"cli_speed: no person in {db} resolves to exactly one match")


# --------------------------------------------------------------------------- timing


def run(argv: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Run a command to completion, output captured (and discarded by the caller)."""
    return subprocess.run(
        list(argv), env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )


@dataclass
class Measure:
    """One command and its wall times."""

    key: str
    label: str
    argv: list[str]
    runs: int
    times: list[float] = field(default_factory=list)

    def once(self, env: dict[str, str]) -> None:
        t0 = time.perf_counter()
        done = run(self.argv, env)
        elapsed = time.perf_counter() - t0
        if done.returncode != 0:
            err = done.stderr.decode(errors="replace").strip().splitlines()
            raise SystemExit(
                f"cli_speed: `{' '.join(self.argv)}` failed ({done.returncode}): "
                f"{err[-1] if err else 'no message'}"
            )
        self.times.append(elapsed)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p90_ms(self) -> float:
        if len(self.times) < 2:
            return self.times[0] * 1000
        return statistics.quantiles(self.times, n=10, method="inclusive")[8] * 1000


def measure_all(measures: list[Measure], env: dict[str, str]) -> None:
    """One untimed warm-up each, then the timed runs, interleaved round-robin."""
    for m in measures:
        m.once(env)
        m.times.clear()
    rounds = max(m.runs for m in measures)
    for r in range(rounds):
        for m in measures:
            if r < m.runs:
                m.once(env)
        log(f"  round {r + 1}/{rounds}")


# --------------------------------------------------------------------------- imports


@dataclass(frozen=True)
class Imported:
    """One line of ``-X importtime``: self and cumulative microseconds, nesting depth."""

    module: str
    self_us: int
    cumulative_us: int
    depth: int


def parse_importtime(stderr: str) -> list[Imported]:
    """The modules a run imported, from PYTHONPROFILEIMPORTTIME's stderr."""
    out: list[Imported] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        name = parts[2]
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        out.append(Imported(name.strip(), int(parts[0]), int(parts[1]), depth))
    return out


def _matches(module: str, prefixes: Sequence[str]) -> str | None:
    for p in prefixes:
        if module == p or module.startswith(p + "."):
            return p
    return None


def import_report(argv: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
    """What one run of ``argv`` imports: forbidden and watched modules, the costliest."""
    prof = dict(env, PYTHONPROFILEIMPORTTIME="1")
    done = run(argv, prof)
    if done.returncode != 0:
        raise SystemExit(f"cli_speed: `{' '.join(argv)}` failed under importtime")
    mods = parse_importtime(done.stderr.decode(errors="replace"))
    names = [m.module for m in mods]
    forbidden = sorted({m for m in names if _matches(m, FORBIDDEN)})
    watched = sorted({p for m in names if (p := _matches(m, WATCHED))})
    by_self = sorted(mods, key=lambda m: m.self_us, reverse=True)[:10]
    top_level = sorted(
        (m for m in mods if m.depth == 0), key=lambda m: m.cumulative_us, reverse=True
    )[:10]
    packages: dict[str, int] = {}
    for m in mods:
        root = m.module.split(".")[0]
        packages[root] = packages.get(root, 0) + m.self_us
    return {
        "argv": list(argv),
        "modules": len(mods),
        "total_ms": sum(m.self_us for m in mods) / 1000,
        "forbidden": forbidden,
        "watched": watched,
        "top_self": [{"module": m.module, "self_ms": m.self_us / 1000} for m in by_self],
        "top_level": [
            {"module": m.module, "cumulative_ms": m.cumulative_us / 1000} for m in top_level
        ],
        "by_package": [
            {"package": k, "self_ms": v / 1000}
            for k, v in sorted(packages.items(), key=lambda kv: kv[1], reverse=True)[:10]
        ],
    }


# --------------------------------------------------------------------------- report


def _mark(ok: bool) -> str:
    return "PASS" if ok else "SHORT"


def summarise(measures: dict[str, Measure]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for the table and the list of targets with their verdicts."""
    floor = measures["floor"].median_ms
    khard = measures.get("khard")
    rows: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    for key, m in measures.items():
        row: dict[str, Any] = {
            "key": key,
            "command": m.label,
            "median_ms": round(m.median_ms, 1),
            "p90_ms": round(m.p90_ms, 1),
            "runs": len(m.times),
            "x_floor": round(m.median_ms / floor, 2),
            "khard_x": None,
            "floor_target": None,
            "khard_target": None,
            "times_ms": [round(t * 1000, 1) for t in m.times],
        }
        if key in ("show", "find", "log"):
            ok = m.median_ms <= FLOOR_TARGET * floor
            row["floor_target"] = _mark(ok)
            targets.append(
                {
                    "target": f"{key} median <= {FLOOR_TARGET}x floor",
                    "value": row["x_floor"],
                    "pass": ok,
                }
            )
            if khard is not None:
                ratio = khard.median_ms / m.median_ms
                row["khard_x"] = round(ratio, 1)
                ok = ratio >= KHARD_TARGET
                row["khard_target"] = _mark(ok)
                targets.append(
                    {
                        "target": f"khard list >= {KHARD_TARGET:g}x {key}",
                        "value": round(ratio, 1),
                        "pass": ok,
                    }
                )
        rows.append(row)
    return rows, targets


def print_table(rows: list[dict[str, Any]]) -> None:
    head = (
        "command",
        "median ms",
        "p90 ms",
        "x floor",
        "khard/this",
        f"<={FLOOR_TARGET}x floor",
        f"khard>={KHARD_TARGET:g}x",
    )
    cells = [
        (
            r["command"],
            f"{r['median_ms']:.1f}",
            f"{r['p90_ms']:.1f}",
            f"{r['x_floor']:.2f}",
            "" if r["khard_x"] is None else f"{r['khard_x']:.1f}",
            r["floor_target"] or "",
            r["khard_target"] or "",
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(head)]

    def line(values: Sequence[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = (v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True))
        return "  ".join((first, *rest))

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for c in cells:
        print(line(c))


def print_imports(reports: dict[str, dict[str, Any]]) -> None:
    for key, rep in reports.items():
        forb = ", ".join(rep["forbidden"]) or "none"
        verdict = "PASS" if not rep["forbidden"] else "SHORT"
        print(
            f"\nimports of `kith {key}`: {rep['modules']} modules, "
            f"{rep['total_ms']:.0f} ms self time under importtime (inflated by profiling)"
        )
        print(f"  forbidden ({', '.join(FORBIDDEN)}): {forb}  {verdict}")
        print(f"  watched, present: {', '.join(rep['watched']) or 'none'}")
        if key != "show":
            continue
        print("  top 10 by self time:")
        for t in rep["top_self"]:
            print(f"    {t['self_ms']:8.1f} ms  {t['module']}")
        print("  top-level imports by cumulative time:")
        for t in rep["top_level"]:
            print(f"    {t['cumulative_ms']:8.1f} ms  {t['module']}")
        print("  self time by package:")
        for t in rep["by_package"]:
            print(f"    {t['self_ms']:8.1f} ms  {t['package']}")


# --------------------------------------------------------------------------- main


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Time kith commands against the import floor and khard."
    )
    ap.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"database to measure (default: generate/cache {DEFAULT_DB})",
    )
    ap.add_argument("--runs", type=int, default=15, help="timed runs per kith command (15)")
    ap.add_argument(
        "--khard-runs",
        type=int,
        default=None,
        help="timed runs of khard list (default: min(runs, 5))",
    )
    ap.add_argument("--quick", action="store_true", help="5 runs, 2 of khard")
    ap.add_argument("--no-khard", action="store_true", help="skip the khard comparison")
    ap.add_argument("--regenerate", action="store_true", help="rebuild the cached network")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a target is short or a forbidden module is imported",
    )
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    runs = 5 if args.quick else args.runs
    khard_runs = args.khard_runs or (2 if args.quick else min(runs, 5))
    OUT.mkdir(parents=True, exist_ok=True)
    kith = _bin("kith")
    if kith is None:
        raise SystemExit("cli_speed: no `kith` script next to sys.executable or on PATH")
    py = sys.executable
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHONPROFILE")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    db = ensure_db(args.db, args.regenerate)
    log(f"database {db}")
    subject = pick_subject(kith, db, env)
    log(f"subject: {subject.name!r} ({subject.moments} moments), find {subject.fragment!r}")
    log_db = OUT / f"{db.stem}-log.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{log_db}{suffix}").unlink(missing_ok=True)
        if Path(f"{db}{suffix}").exists() and suffix != "-shm":
            shutil.copyfile(f"{db}{suffix}", f"{log_db}{suffix}")

    k = str(kith)
    show = [k, "--db", str(db), "show", subject.name]
    find = [k, "--db", str(db), "find", subject.fragment]
    log_cmd = [k, "--db", str(log_db), "log", subject.name, "coffee", "--energy", "1"]
    measures: dict[str, Measure] = {
        "startup": Measure("startup", "python -c pass", [py, "-c", "pass"], runs),
        "floor": Measure(
            "floor",
            "import sqlalchemy, click (floor)",
            [py, "-c", "import sqlalchemy, click"],
            runs,
        ),
        "show": Measure("show", f'kith show "{subject.name}"', show, runs),
        "find": Measure("find", f"kith find {subject.fragment}", find, runs),
        "log": Measure("log", f'kith log "{subject.name}" coffee --energy 1', log_cmd, runs),
    }
    khard = None if args.no_khard else _bin("khard")
    if khard is not None:
        conf = khard_config(ensure_vdir(db))
        measures["khard"] = Measure(
            "khard",
            f"khard list ({subject.people:,} vCards)",
            [str(khard), "-c", str(conf), "list"],
            khard_runs,
        )
    elif not args.no_khard:
        log("khard not found: skipping the comparison")

    log(f"timing: {runs} runs each, khard {khard_runs if khard else 0}")
    measure_all(list(measures.values()), env)
    rows, targets = summarise(measures)
    log("import profiles ...")
    imports = {
        "show": import_report(show, env),
        "find": import_report(find, env),
        "log": import_report(log_cmd, env),
    }
    for key, rep in imports.items():
        targets.append(
            {
                "target": f"{key} imports none of {', '.join(FORBIDDEN)}",
                "value": rep["forbidden"],
                "pass": not rep["forbidden"],
            }
        )

    if args.json:
        print(
            json.dumps(
                {
                    "python": sys.version.split()[0],
                    "executable": py,
                    "cpus": os.cpu_count(),
                    "db": str(db),
                    "people": subject.people,
                    "moments": subject.total_moments,
                    "subject": {
                        "name": subject.name,
                        "moments": subject.moments,
                        "find": subject.fragment,
                    },
                    "results": rows,
                    "targets": targets,
                    "imports": imports,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print(
            f"kith CLI speed: {subject.people:,} people, {subject.total_moments:,} moments "
            f"({db}); Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
        )
        print(
            f"subject: {subject.name} ({subject.moments} moments); "
            f"runs: {runs}, khard {khard_runs if khard else 0}\n"
        )
        print_table(rows)
        print_imports(imports)
        short = [t["target"] for t in targets if not t["pass"]]
        print(
            f"\ntargets: {len(targets) - len(short)}/{len(targets)} PASS"
            + (f"; SHORT: {'; '.join(short)}" if short else "")
        )
    if args.strict and any(not t["pass"] for t in targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
