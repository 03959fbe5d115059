"""Drawing one person's page in the terminal.

Plain ``click.style`` rather than Rich: `kith show` is the command people run most, and
Rich's import and layout cost about 30 ms a run (see bench/cli_speed.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from kithkin.domain.dates import humanize_delta
from kithkin.domain.records import ENERGY_WORDS
from kithkin.domain.summaries import sparkline

_ENERGY_COLOUR = {-2: "red", -1: "yellow", 0: None, 1: "green", 2: "green"}


def _say(text: str = "", **style: Any) -> None:
    click.echo(click.style(text, **style) if style else text)


def _heading(text: str) -> None:
    _say("")
    _say(text, bold=True, underline=True)


def _energy(e: int | None) -> str:
    if e is None:
        return ""
    return click.style(f"{e:+d} {ENERGY_WORDS[e]:<7}", fg=_ENERGY_COLOUR[e], bold=e == 2)


def _moment_line(m: dict[str, Any]) -> str:
    parts = [click.style(str(m["date"]), dim=True), f"{m['kind']:<11}"]
    if m["energy"] is not None:
        parts.append(_energy(m["energy"]))
    if m["depth"]:
        parts.append(click.style(m["depth"], italic=True))
    if m["topics"]:
        parts.append(click.style(", ".join(m["topics"]), fg="cyan"))
    if m["with"]:
        parts.append(click.style("with " + ", ".join(m["with"]), dim=True))
    if m["reply_state"]:
        state = {"awaiting": "awaiting reply", "no_reply": "no reply"}.get(
            m["reply_state"], f"replied {m['replied_on']}"
        )
        parts.append(click.style(f"[{m['outreach_style']}: {state}]", fg="yellow"))
    return "  " + "  ".join(parts)


def render_profile(p: dict[str, Any]) -> None:
    """Interests first, how you met, timeline, promises, ledger, energy; titles last."""
    head = click.style(p["name"], bold=True)
    if p["pronouns"]:
        head += click.style(f"  ({p['pronouns']})", dim=True)
    if p["status"] != "active":
        until = f" until {p['snoozed_until']}" if p["status"] == "snoozed" else ""
        head += click.style(f"  [{p['status']}{until}]", fg="magenta")
    click.echo(head)
    if p["tags"]:
        _say("  " + "  ".join(f"#{t}" for t in p["tags"]), fg="cyan")

    _heading("Interests")
    if p["interests"]:
        for i in p["interests"]:
            note = f" - {i['note']}" if i["note"] else ""
            click.echo("  • " + click.style(i["phrase"], bold=True) + note)
    else:
        _say("  none yet: `kith edit NAME --interest ...` (ask them!)", dim=True)

    met = p["met"]
    bits = [b for b in (met["how"], f"at {met['where']}" if met["where"] else None) if b]
    if met["on"]:
        bits.append(f"on {met['on']}")
    if met["through"]:
        bits.append(f"through {met['through']}")
    if bits:
        _heading("How you met")
        _say("  " + ", ".join(bits))
    facts = []
    if p["birthday"]:
        facts.append(f"birthday {p['birthday']['date']} (in {p['birthday']['in_days']} days)")
    for key, label in (
        ("location", "lives in"),
        ("timezone", "tz"),
        ("generation", ""),
        ("field", "field:"),
        ("pancake", "pancake test:"),
    ):
        if p[key]:
            facts.append(f"{label} {p[key]}".strip())
    if p["cadence_days"]:
        facts.append(f"keep in touch every {p['cadence_days']} days")
    if facts:
        _say("  " + " · ".join(facts), dim=True)
    if p["notes"]:
        _heading("Notes")
        _say("  " + p["notes"])

    today: date = p["as_of"]
    _heading(f"Moments ({p['moment_count']})")
    if not p["timeline"]:
        _say("  nothing logged yet: `kith log NAME coffee`", dim=True)
    for m in p["timeline"]:
        click.echo(_moment_line(m))
        if m["notes"]:
            _say(f"              {m['notes']}", dim=True)
    if len(p["timeline"]) < p["moment_count"]:
        _say("  ... `kith show NAME --all` for every moment", dim=True)

    if p["follow_ups"]:
        _heading("Open follow-ups")
        for f in p["follow_ups"]:
            due = f" (due {f['due']}, {humanize_delta(f['due'], today)})" if f["due"] else ""
            _say(f"  [#{f['id']}] {f['text']}{due}", fg="red" if f["overdue"] else None)

    led = p["ledger"]
    _heading("Reciprocity")
    _say(f"  gave {led['gave']}×, received {led['received']}× - {led['words']}")
    for e in led["recent"]:
        arrow = "→" if e["direction"] == "gave" else "←"
        note = f": {e['note']}" if e["note"] else ""
        _say(f"  {e['date']} {arrow} {e['kind']} ({e['size']}){note}", dim=True)

    en, rel = p["energy"], p["relationship"]
    if en["points"]:
        _heading("Energy")
        mean = f"recent mean {en['recent_mean']:+.1f}" if en["recent_mean"] is not None else ""
        _say(f"  {sparkline(en['points'])}  {mean}  {en['direction']}")
        if rel["energy_label"] != "unknown":
            _say(f"  {rel['energy_label']}: {rel['energy_evidence']}")
    if rel["depth"]:
        _say(f"  depth {rel['depth']}/100 ({rel['depth_label']})", dim=True)
    if rel["drift"]:
        _say(f"  drifting: {rel['drift']}", fg="yellow")

    if p["introductions"] or p["opportunities"]:
        _heading("Introductions and opportunities")
        for i in p["introductions"]:
            outcome = f" - {i['outcome']}" if i["outcome"] else ""
            _say(f"  intro {' ↔ '.join(i['between'])}: {i['status']}{outcome}")
        for o in p["opportunities"]:
            _say(f"  {o['kind']}: {o['title']} ({o['date']}) via {' → '.join(o['chain'])}")

    if p["channels"]:
        _heading("Reach them")
        for c in p["channels"]:
            _say(f"  {c['kind']}: {c['value']}")
    work = " · ".join(x for x in (p["title"], p["org"]) if x)
    if work:
        _say("")
        _say(work, dim=True)
    if p["status"] == "released" and p["release_note"]:
        _say(f"Released {p['released_on']}: {p['release_note']}", fg="magenta")
