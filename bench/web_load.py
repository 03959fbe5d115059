"""How the web app holds up under 20 concurrent clients, on SQLite and on PostgreSQL.

    python bench/web_load.py [--backend sqlite|postgresql|both] [--duration 30]
        [--connections 20] [--workers N] [--quick] [--json] [--strict]

The server runs as a user starts it, ``kith --db URL --today 2026-11-21 serve --port P
--workers N`` (loopback, no login), on the 10k-person / 200k-moment network from
``generate.py`` (seed 7, ending 2026-11-21; see ``web_load_db.py`` for the PostgreSQL
copy). The load comes from wrk (Debian's ``wrk``) with ``web_load.lua``: each scenario is
a warm-up, then ``--duration`` seconds with ``--connections`` connections, GETs rotating
over a list of paths:

* Today (``/``), a person's page (``/people/{id}`` over 2,000 people: more than the 512
  answers a worker keeps, so most requests compute the page), the people search
  (``/people?q=word`` over words that each find someone);
* the same through the API: ``/api/v1/today``, ``/api/v1/people/{id}``,
  ``/api/v1/people?q=``.

A scenario whose route does not exist yet (404 on a real person) is reported as missing.
Targets, for each row: p95 under 100 ms, at least 200 requests/s, no errors (non-2xx
answers, socket errors, timeouts).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cli_speed import OUT, _bin, log
from kithkin.storage.database import sqlite_url
from today_speed import END, HOME, SEED, git_head
from web_load_cpu import busy_s, children_s, database_cpu, processes_cpu_s, sampling
from web_load_db import Targets, pick_targets, postgres_network, q, sqlite_network

BENCH = Path(__file__).resolve().parent
LUA = BENCH / "web_load.lua"
PG_DEFAULT = "postgresql+psycopg://kith_ci:kith_ci@127.0.0.1:5432/kith_test"

P95_TARGET_MS = 100.0
RPS_TARGET = 200.0
#: People ids the person scenarios rotate over, and search words tried.
N_IDS = 2_000
N_WORDS = 60


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    template: str  # "{id}" or "{word}" are filled from the targets
    fallback: str | None = None  # used (and said) when the template's route is missing


SCENARIOS = (
    Scenario("today", "Today page", "/"),
    Scenario("person", "a person's page", "/people/{id}"),
    Scenario("search", "people search", "/people?q={word}", "/api/v1/people?q={word}"),
    Scenario("api_today", "API today", "/api/v1/today"),
    Scenario("api_person", "API person", "/api/v1/people/{id}"),
    Scenario("api_search", "API people search", "/api/v1/people?q={word}"),
)


def paths_of(template: str, targets: Targets) -> list[str]:
    if "{id}" in template:
        return [template.format(id=i) for i in targets.ids]
    if "{word}" in template:
        return [template.format(word=q(w)) for w in targets.words]
    return [template]


# --------------------------------------------------------------------------- server


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    base: str
    log_path: Path
    pids: list[int] = field(default_factory=list)

    def group(self) -> list[int]:
        """The server's processes (its process group: the supervisor and the workers)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == self.proc.pid:  # pgrp
                found.append(int(entry.name))
        return sorted(found)

    def cpu_s(self) -> float:
        """CPU seconds (user + system) used so far by the server's processes."""
        return processes_cpu_s(self.group())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextmanager
def serving(url: str, workers: int, name: str) -> Iterator[Server]:
    """``kith serve`` on ``url`` in its own process group, until the block ends."""
    kith = _bin("kith")
    if kith is None:
        raise SystemExit("web_load: no `kith` script next to this python or on PATH")
    port = _free_port()
    log_path = OUT / f"web-load-{name}.log"
    env = {k: v for k, v in os.environ.items() if k != "KITH_DATABASE_URL"}
    env["KITH_HOME"] = str(HOME)
    HOME.mkdir(parents=True, exist_ok=True)
    argv = [str(kith), "--db", url, "--today", END.isoformat(), "serve"]
    argv += ["--port", str(port), "--workers", str(workers)]
    with log_path.open("wb") as err:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=err, stderr=err, start_new_session=True
        )
    server = Server(proc, f"http://127.0.0.1:{port}", log_path)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"web_load: the server exited ({proc.returncode}); see {log_path}")
            try:
                if get(server.base + "/api/v1/openapi.json", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"web_load: the server did not answer in 120 s; see {log_path}")
            time.sleep(0.25)
        server.pids = server.group()
        yield server
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for sig, wait in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue


# --------------------------------------------------------------------------- load


def wrk(base: str, paths_file: Path, seconds: float, connections: int) -> dict[str, Any]:
    """One wrk run; its figures (``web_load.lua``'s JSON line) and the CPU wrk used."""
    threads = max(1, min(os.cpu_count() or 1, connections))
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s"]
    argv += ["--timeout", "10s", "-s", str(LUA), base, "--", str(paths_file)]
    cpu0 = children_s()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("WEB_LOAD_JSON "):
            return dict(json.loads(line.split(" ", 1)[1]), wrk_cpu_s=children_s() - cpu0)
    raise SystemExit(f"web_load: wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def measure(
    server: Server, sc: Scenario, targets: Targets, args: argparse.Namespace, backend: str
) -> dict[str, Any]:
    """One scenario: probe its route, warm up, measure."""
    row: dict[str, Any] = {"key": sc.key, "label": sc.label, "path": sc.template}
    template = sc.template
    status, _ = get(server.base + paths_of(template, targets)[0])
    if status == 404 and sc.fallback:
        row["note"] = f"{sc.template} missing: measured {sc.fallback}"
        template = sc.fallback
        row["path"] = template
        status, _ = get(server.base + paths_of(template, targets)[0])
    row["probe_status"] = status
    if status == 404:
        row["missing"] = True
        return row
    paths = paths_of(template, targets)
    paths_file = OUT / f"web-load-paths-{backend}-{sc.key}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    row["distinct_paths"] = len(paths)
    if args.warmup > 0:
        wrk(server.base, paths_file, args.warmup, args.connections)
    pg0 = database_cpu(server.group()) if backend == "PostgreSQL" else {}
    cpu0, busy0 = server.cpu_s(), busy_s()
    with sampling(server.group, backend == "PostgreSQL") as seen:
        got = wrk(server.base, paths_file, args.duration, args.connections)
    cpu, busy = server.cpu_s() - cpu0, busy_s() - busy0
    # Backends opened during the run count whole (as last sampled).
    pg_cpu = sum(v - pg0.get(pid, 0.0) for pid, v in seen.items())
    if backend == "PostgreSQL":
        row["db_connections_opened"] = len(seen.keys() - pg0.keys())
    seconds = got["duration_us"] / 1e6
    # Cores busy on average: the server, its PostgreSQL backends, wrk, and everything
    # else on the machine (other programs: a busy machine shows here).
    row["cores_busy"] = {
        "server": round(cpu / seconds, 2),
        "postgres": round(pg_cpu / seconds, 2),
        "wrk": round(got["wrk_cpu_s"] / seconds, 2),
        "others": round(max(0.0, busy - cpu - pg_cpu - got["wrk_cpu_s"]) / seconds, 2),
    }
    errors = got["non2xx"] + got["connect"] + got["read"] + got["write"] + got["timeout"]
    row.update(
        requests=got["requests"],
        seconds=round(seconds, 2),
        rps=round(got["requests"] / seconds, 1) if seconds else 0.0,
        p50_ms=got["p50_us"] / 1000,
        p95_ms=got["p95_us"] / 1000,
        p99_ms=got["p99_us"] / 1000,
        max_ms=got["max_us"] / 1000,
        errors=errors,
        non2xx=got["non2xx"],
        socket_errors=got["connect"] + got["read"] + got["write"] + got["timeout"],
        server_cpu_ms_per_request=round(1000 * cpu / got["requests"], 2)
        if got["requests"]
        else None,
        kb_per_response=round(got["bytes"] / 1024 / got["requests"], 1)
        if got["requests"]
        else None,
    )
    short = []
    if row["p95_ms"] >= P95_TARGET_MS:
        short.append(f"p95 {row['p95_ms']:.0f} ms")
    if row["rps"] < RPS_TARGET:
        short.append(f"{row['rps']:.0f} req/s")
    if errors:
        short.append(f"{errors} errors")
    row["pass"] = not short
    row["short"] = short
    log(
        f"  {sc.key:<11} p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  "
        f"p99 {row['p99_ms']:7.1f} ms  {row['rps']:7.1f} req/s  errors {errors}"
    )
    return row


def run_backend(name: str, url: str, targets: Targets, args: argparse.Namespace) -> dict[str, Any]:
    log(f"{name}: serving with {args.workers} worker(s)")
    with serving(url, args.workers, name) as server:
        chosen = [sc for sc in SCENARIOS if not args.only or sc.key in args.only]
        rows = [measure(server, sc, targets, args, name) for sc in chosen]
        alive = server.proc.poll() is None
    out = {"backend": name, "url": url, "rows": rows, "log": str(server.log_path)}
    if not alive or any(r.get("errors") for r in rows):
        log(f"{name}: errors or the server died; the server's log is {server.log_path}")
    return out


# --------------------------------------------------------------------------- report


def _cell(row: dict[str, Any], key: str, fmt: str) -> str:
    return format(row[key], fmt) if row.get(key) is not None else ""


def print_report(report: dict[str, Any]) -> None:
    s = report["settings"]
    print(
        f"web_load: {s['connections']} connections, {s['duration']:g} s each after "
        f"{s['warmup']:g} s warm-up, {s['workers']} worker(s), {report['machine']}"
    )
    print(
        f"targets per row: p95 < {P95_TARGET_MS:g} ms, >= {RPS_TARGET:g} req/s, no errors; "
        f"{len(report['ids'])} people ids, {len(report['words'])} search words "
        f"(median {report['words_found_median']} people found)"
    )
    head: tuple[str, ...] = ("scenario", "path", "p50 ms", "p95 ms", "p99 ms", "req/s")
    head += ("errors", "CPU ms/req", "cores: server/db/wrk/others", "")
    for b in report["backends"]:
        print(f"\n{b['backend']} ({b['url']})")
        lines: list[tuple[str, ...]] = [head]
        for r in b["rows"]:
            if r.get("missing"):
                lines.append((r["label"], r["path"], *[""] * (len(head) - 3), "missing"))
                continue
            mark = "PASS" if r["pass"] else "SHORT: " + ", ".join(r["short"])
            lines.append(
                (
                    r["label"],
                    r["path"],
                    _cell(r, "p50_ms", ".1f"),
                    _cell(r, "p95_ms", ".1f"),
                    _cell(r, "p99_ms", ".1f"),
                    _cell(r, "rps", ".1f"),
                    str(r["errors"]),
                    _cell(r, "server_cpu_ms_per_request", ".1f"),
                    "{server:.2f}/{postgres:.2f}/{wrk:.2f}/{others:.2f}".format(**r["cores_busy"]),
                    mark,
                )
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
        for line in lines:
            print(
                "  ".join(
                    c.ljust(w) if i < 2 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(line, widths, strict=True))
                ).rstrip()
            )
        opened = [
            f"{r['key']} {r['db_connections_opened']}"
            for r in b["rows"]
            if "db_connections_opened" in r
        ]
        if opened:
            print("PostgreSQL connections opened during each run: " + ", ".join(opened))
        for r in b["rows"]:
            if r.get("note"):
                print(f"note: {r['note']}")


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per scenario (30)")
    ap.add_argument("--warmup", type=float, default=None, help="warm-up seconds (5; 2 quick)")
    ap.add_argument("--connections", type=int, default=20, help="concurrent clients (20)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    ap.add_argument("--quick", action="store_true", help="5 s per scenario")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is short")
    ap.add_argument("--only", nargs="+", choices=[s.key for s in SCENARIOS], help="scenarios")
    ap.add_argument("--pg-url", default=os.environ.get("KITH_BENCH_PG_URL", PG_DEFAULT))
    ap.add_argument("--regenerate", action="store_true", help="rebuild the cached network")
    ap.add_argument("--reload-pg", action="store_true", help="copy the network to PG again")
    args = ap.parse_args(argv)
    if args.quick:
        args.duration = 5.0
    if args.warmup is None:
        args.warmup = 2.0 if args.quick else 5.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("web_load: needs wrk (Debian: apt-get install wrk)")
    db = sqlite_network(args.regenerate)
    targets = pick_targets(db, N_IDS, N_WORDS, SEED)
    urls = []
    if args.backend in ("sqlite", "both"):
        urls.append(("SQLite", sqlite_url(db)))
    if args.backend in ("postgresql", "both"):
        urls.append(("PostgreSQL", postgres_network(db, args.pg_url, log, args.reload_pg)))
    found = sorted(targets.found)
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    report: dict[str, Any] = {
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{(wrk_version.stdout or wrk_version.stderr).split(' [')[0].strip()}",
        "commit": git_head(),
        "settings": {
            "duration": args.duration,
            "warmup": args.warmup,
            "connections": args.connections,
            "workers": args.workers,
            "today": END.isoformat(),
        },
        "ids": targets.ids,
        "words": targets.words,
        "words_found_median": found[len(found) // 2],
        "backends": [run_backend(name, url, targets, args) for name, url in urls],
    }
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        print_report(report)
    short = [
        r for b in report["backends"] for r in b["rows"] if not r.get("missing") and not r["pass"]
    ]
    return 1 if args.strict and short else 0


if __name__ == "__main__":
    sys.exit(main())
