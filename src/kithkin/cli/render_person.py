"""Drawing one person's page in the terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from kithkin.cli.common import console
from kithkin.domain.dates import humanize_delta
from kithkin.domain.records import ENERGY_WORDS
from kithkin.domain.summaries import sparkline

_ENERGY_STYLE = {-2: "red", -1: "yellow", 0: "white", 1: "green", 2: "bold green"}


def _energy(e: int | None) -> Text:
    if e is None:
        return Text("")
    return Text(f"{e:+d} {ENERGY_WORDS[e]}", style=_ENERGY_STYLE[e])


def render_profile(p: dict[str, Any]) -> None:
    """Interests first, how you met, timeline, promises, ledger, energy; titles last."""
    out = console()
    head = Text(p["name"], style="bold")
    if p["pronouns"]:
        head.append(f"  ({p['pronouns']})", style="dim")
    if p["status"] != "active":
        until = f" until {p['snoozed_until']}" if p["status"] == "snoozed" else ""
        head.append(f"  [{p['status']}{until}]", style="magenta")
    out.print(head)
    if p["tags"]:
        out.print(Text("  " + "  ".join(f"#{t}" for t in p["tags"]), style="cyan"))

    out.print(Text("\nInterests", style="bold underline"))
    if p["interests"]:
        for i in p["interests"]:
            line = Text("  • " + i["phrase"], style="bold")
            if i["note"]:
                line.append(f" - {i['note']}", style="default")
            out.print(line)
    else:
        out.print(Text("  none yet: `kith edit NAME --interest ...` (ask them!)", style="dim"))

    met = p["met"]
    bits = [b for b in (met["how"], f"at {met['where']}" if met["where"] else None) if b]
    if met["on"]:
        bits.append(f"on {met['on']}")
    if met["through"]:
        bits.append(f"through {met['through']}")
    if bits:
        out.print(Text("\nHow you met", style="bold underline"))
        out.print("  " + ", ".join(bits))
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
        out.print(Text("  " + " · ".join(facts), style="dim"))
    if p["notes"]:
        out.print(Text("\nNotes", style="bold underline"))
        out.print("  " + p["notes"])

    today: date = p["as_of"]
    out.print(Text(f"\nMoments ({p['moment_count']})", style="bold underline"))
    if not p["timeline"]:
        out.print(Text("  nothing logged yet: `kith log NAME coffee`", style="dim"))
    for m in p["timeline"]:
        line = Text(f"  {m['date']}  ", style="dim")
        line.append(f"{m['kind']:<11}")
        line.append_text(_energy(m["energy"]))
        if m["depth"]:
            line.append(f"  {m['depth']}", style="italic")
        if m["topics"]:
            line.append("  " + ", ".join(m["topics"]), style="cyan")
        if m["with"]:
            line.append("  with " + ", ".join(m["with"]), style="dim")
        if m["reply_state"]:
            state = {"awaiting": "awaiting reply", "no_reply": "no reply"}.get(
                m["reply_state"], f"replied {m['replied_on']}"
            )
            line.append(f"  [{m['outreach_style']}: {state}]", style="yellow")
        out.print(line)
        if m["notes"]:
            out.print(Text(f"              {m['notes']}", style="dim"))
    if len(p["timeline"]) < p["moment_count"]:
        out.print(Text("  ... `kith show NAME --all` for every moment", style="dim"))

    if p["follow_ups"]:
        out.print(Text("\nOpen follow-ups", style="bold underline"))
        for f in p["follow_ups"]:
            due = f" (due {f['due']}, {humanize_delta(f['due'], today)})" if f["due"] else ""
            out.print(Text(f"  [#{f['id']}] {f['text']}{due}", style="red" if f["overdue"] else ""))

    led = p["ledger"]
    out.print(Text("\nReciprocity", style="bold underline"))
    out.print(f"  gave {led['gave']}×, received {led['received']}× - {led['words']}")
    for e in led["recent"]:
        arrow = "→" if e["direction"] == "gave" else "←"
        note = f": {e['note']}" if e["note"] else ""
        out.print(Text(f"  {e['date']} {arrow} {e['kind']} ({e['size']}){note}", style="dim"))

    en = p["energy"]
    if en["points"]:
        out.print(Text("\nEnergy", style="bold underline"))
        mean = f"recent mean {en['recent_mean']:+.1f}" if en["recent_mean"] is not None else ""
        out.print(f"  {sparkline(en['points'])}  {mean}  {en['direction']}")

    if p["introductions"] or p["opportunities"]:
        out.print(Text("\nIntroductions and opportunities", style="bold underline"))
        for i in p["introductions"]:
            out.print(
                f"  intro {' ↔ '.join(i['between'])}: {i['status']}"
                + (f" - {i['outcome']}" if i["outcome"] else "")
            )
        for o in p["opportunities"]:
            out.print(f"  {o['kind']}: {o['title']} ({o['date']}) via {' → '.join(o['chain'])}")

    if p["channels"]:
        out.print(Text("\nReach them", style="bold underline"))
        for c in p["channels"]:
            out.print(f"  {c['kind']}: {c['value']}")
    work = " · ".join(x for x in (p["title"], p["org"]) if x)
    if work:
        out.print(Text(f"\n{work}", style="dim"))
    if p["status"] == "released" and p["release_note"]:
        out.print(Text(f"Released {p['released_on']}: {p['release_note']}", style="magenta"))
