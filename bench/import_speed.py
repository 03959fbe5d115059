"""How fast are imports and exports, against vobject alone and the targets?

    python bench/import_speed.py [--cards 10000] [--runs 3] [--json]

Generates (once, cached in ``bench/out/``) a 10,000-card vCard 3.0 file in the shapes
phones and Google write (one to three e-mails and phones, addresses, birthdays with and
without a year, notes, categories, Apple ``itemN`` labels, a few small photos) and a
10,000-row LinkedIn ``Connections.csv`` (preamble, BOM, CRLF, quoted commas). Every
figure is a fresh subprocess, the way a user runs it, with its peak memory (maxrss):

* ``vobject alone``: ``python -c`` that imports vobject and parses the whole file
  (``readComponents``) — the comparison for the vCard import;
* ``kith import cards.vcf`` into an empty database (its schema made beforehand, as on
  any database that has been used once): at most 1.5x vobject alone, and under 20 s;
* ``kith import Connections.csv`` into an empty database: under 5 s;
* ``kith export --format vdir`` of the 10,000 imported people: under 10 s;
* ``khard list`` over that vdir, for scale (no target).

Medians of ``--runs`` runs. Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import generate  # bench/generate.py, beside this file

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"

VCARD_RATIO_TARGET = 1.5
VCARD_SECONDS_TARGET = 20.0
LINKEDIN_SECONDS_TARGET = 5.0
VDIR_SECONDS_TARGET = 10.0

#: Names and organisations as varied as the generated network's (~260 first and ~335
#: family names): a real address book, not a hundred copies of one name.
FIRST = list(generate.FIRST_NAMES)
LAST = list(generate.LAST_NAMES)
ORGS = [*generate.ORGS, "Stripe, Inc.", "Green Roofs, Lda"]
TITLES = list(generate.TITLES)
CITIES = [city for city, _tz in generate.CITIES]
PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP" + "A" * 600 + "//2Q=="


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _fold(line: str) -> str:
    out, rest = [], line
    while len(rest.encode()) > 75:
        cut = 74
        while len(rest[:cut].encode()) > 74:
            cut -= 1
        out.append(rest[:cut])
        rest = " " + rest[cut:]
    out.append(rest)
    return "\r\n".join(out)


def write_cards(path: Path, n: int, seed: int = 11) -> None:
    """``n`` vCard 3.0 cards in the shapes phones and Google export."""
    rnd = random.Random(seed)
    parts: list[str] = []
    for i in range(n):
        given = rnd.choice(FIRST)
        family = rnd.choice(LAST)
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//iPhone OS 17.1//EN",
            f"N:{family};{given};;;",
            f"FN:{given} {family}",
            f"UID:bench-{i:05d}-{rnd.getrandbits(32):08x}",
        ]
        if rnd.random() < 0.1:
            lines.append(f"NICKNAME:{given[:3]}")
        for k in range(rnd.choice((1, 1, 2, 3))):
            kind = rnd.choice(("HOME", "WORK"))
            lines.append(f"EMAIL;type=INTERNET;type={kind}:{given.lower()}.{i}.{k}@mail.example")
        for _ in range(rnd.choice((0, 1, 1, 2))):
            lines.append(f"TEL;type=CELL;type=VOICE:+351 9{rnd.randrange(10**7, 10**8)}")
        if rnd.random() < 0.3:
            city = rnd.choice(CITIES)
            lines.append(f"ADR;type=HOME:;;Rua {rnd.randrange(1, 300)}\\, 2º;{city};;1000-001;PT")
        if rnd.random() < 0.6:
            lines.append(f"ORG:{rnd.choice(ORGS).replace(',', chr(92) + ',')}")
            lines.append(f"TITLE:{rnd.choice(TITLES)}")
        if rnd.random() < 0.4:
            year = rnd.choice(("1604", str(rnd.randrange(1950, 2005))))
            lines.append(
                f"BDAY;value=date:{year}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
            )
        if rnd.random() < 0.3:
            lines.append(_fold("NOTE:Met at the climbing gym\\, loves natural wine and " * 2))
        if rnd.random() < 0.3:
            lines.append("CATEGORIES:myContacts,Climbing")
        if rnd.random() < 0.2:
            lines.append(f"item1.URL;type=pref:https://example.org/~{given.lower()}{i}")
            lines.append("item1.X-ABLabel:_$!<HomePage>!$_")
        if rnd.random() < 0.05:
            lines.append(_fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}"))
        lines.append("END:VCARD")
        parts.append("\r\n".join(lines) + "\r\n")
    path.write_text("".join(parts), encoding="utf-8", newline="")


def write_linkedin(path: Path, n: int, seed: int = 12) -> None:
    """``n`` rows of a LinkedIn Connections.csv export."""
    rnd = random.Random(seed)
    rows = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        "addresses are missing. You will only see email addresses for connections who "
        'have allowed their connections to see or download their email address."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for i in range(n):
        given = rnd.choice(FIRST)
        family = rnd.choice(LAST)
        url = f"https://www.linkedin.com/in/{given.lower()}-{i:05d}"
        email = f"{given.lower()}.{i}@mail.example" if rnd.random() < 0.1 else ""
        org = rnd.choice(ORGS)
        org = f'"{org}"' if "," in org else org
        on = f"{rnd.randrange(1, 29)} {rnd.choice(months)} {rnd.randrange(2010, 2026)}"
        rows.append(f"{given},{family},{url},{email},{org},{rnd.choice(TITLES)},{on}")
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one subprocess, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed: {err.strip()}")
    return seconds, int(usage.ru_maxrss)


def _bin(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def measure(label: str, runs: int, make: Any) -> dict[str, Any]:
    """Median time and peak memory over ``runs``; ``make()`` returns the command."""
    times, peaks = [], []
    for n in range(runs):
        cmd = make()
        t, peak = run(cmd)
        times.append(t)
        peaks.append(peak)
        log(f"  {label} run {n + 1}: {t:.2f} s, {peak / 1024:.0f} MiB")
    return {"median_s": statistics.median(times), "peak_mib": max(peaks) / 1024}


def _mark(ok: bool) -> str:
    return "ok" if ok else "SHORT"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    cards = OUT / f"cards-{args.cards}.vcf"
    linkedin = OUT / f"linkedin-{args.cards}.csv"
    if not cards.exists():
        log(f"writing {cards}")
        write_cards(cards, args.cards)
    if not linkedin.exists():
        log(f"writing {linkedin}")
        write_linkedin(linkedin, args.cards)
    kith = _bin("kith")
    work = OUT / "import-bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    counter = iter(range(10**6))

    template = work / "empty.db"
    run([kith, "--db", str(template), "db", "upgrade"])  # the schema, made once

    def fresh_db() -> str:
        """An empty database with its schema (creating one is not part of an import)."""
        db = work / f"db{next(counter)}.db"
        shutil.copy(template, db)
        return str(db)

    parse = (
        "import sys, vobject\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "n = sum(1 for _ in vobject.readComponents(text))\n"
    )
    log("vobject alone")
    vobj = measure("vobject", args.runs, lambda: [sys.executable, "-c", parse, str(cards)])
    log("kith import (vCard)")
    vcard = measure(
        "import vcard", args.runs, lambda: [kith, "--db", fresh_db(), "import", str(cards)]
    )
    log("kith import (LinkedIn)")
    li = measure(
        "import linkedin", args.runs, lambda: [kith, "--db", fresh_db(), "import", str(linkedin)]
    )
    source = work / "source.db"
    run([kith, "--db", str(source), "import", str(cards)])

    def vdir_cmd() -> list[str]:
        folder = work / "vdir"
        shutil.rmtree(folder, ignore_errors=True)
        return [kith, "--db", str(source), "export", "--format", "vdir", str(folder)]

    log("kith export --format vdir")
    vdir = measure("export vdir", args.runs, vdir_cmd)
    khard = None
    if Path(_bin("khard")).exists():
        conf = work / "khard.conf"
        conf.write_text(
            f"[addressbooks]\n[[bench]]\npath = {work / 'vdir'}\n[general]\neditor = true\n"
            "merge_editor = true\n",
            encoding="utf-8",
        )
        log("khard list (for scale)")
        khard = measure("khard list", args.runs, lambda: [_bin("khard"), "-c", str(conf), "list"])
    ratio = vcard["median_s"] / vobj["median_s"]
    result = {
        "cards": args.cards,
        "vobject_alone": vobj,
        "import_vcard": {**vcard, "ratio_to_vobject": ratio},
        "import_linkedin": li,
        "export_vdir": vdir,
        "khard_list": khard,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    rows = [
        ("vobject alone parses the file", vobj, ""),
        (
            "kith import cards.vcf",
            vcard,
            f"{ratio:.2f}x vobject (target <= {VCARD_RATIO_TARGET}x and "
            f"< {VCARD_SECONDS_TARGET:.0f} s) "
            + _mark(ratio <= VCARD_RATIO_TARGET and vcard["median_s"] < VCARD_SECONDS_TARGET),
        ),
        (
            "kith import Connections.csv",
            li,
            f"target < {LINKEDIN_SECONDS_TARGET:.0f} s "
            + _mark(li["median_s"] < LINKEDIN_SECONDS_TARGET),
        ),
        (
            "kith export --format vdir",
            vdir,
            f"target < {VDIR_SECONDS_TARGET:.0f} s "
            + _mark(vdir["median_s"] < VDIR_SECONDS_TARGET),
        ),
    ]
    if khard:
        rows.append(("khard list over that vdir", khard, "for scale"))
    print(f"{args.cards:,} cards / rows, median of {args.runs} runs (peak memory)")
    for label, fig, note in rows:
        print(f"  {label:<32} {fig['median_s']:6.2f} s  ({fig['peak_mib']:4.0f} MiB)  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
