"""Insights in the terminal: Rich tables, bars and sparklines, one section after another.

Draws the dict :func:`kithkin.services.insights.insights` returns and nothing else: every
figure here is also in ``kith insights --json``. This module draws the relationship
sections (energy, reciprocity, depth); ``render_insights_network`` draws the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date

import click
from rich.console import Console
from rich.text import Text

from kithkin.cli import render_insights_network as net
from kithkin.cli.common import console
from kithkin.cli.insights_charts import (
    MAX_WIDTH,
    Out,
    bar,
    heading,
    hint,
    indented,
    more,
    plural,
    spark_floats,
    table,
)
from kithkin.domain.summaries import sparkline

#: The monthly energy line spans at least one point of energy (−2 … +2), however flat.
MONTHLY_SPAN = 1.0


def _energy(c: Console, s: Out) -> None:
    heading(c, "Energy map: who fuels you, who drains you")
    n = s["counts"]
    line = Text()
    line.append(plural(n["fueller"], "fueller"), style="green")
    line.append(f" · {n['neutral']} neutral · ")
    line.append(plural(n["drainer"], "drainer"), style="red")
    line.append(f" · {n['unknown']} not rated enough yet")
    c.print(line)
    months, means = s["monthly"]["months"], s["monthly"]["mean"]
    known = [m for m in means if m is not None]
    if known:
        trend = Text("Mean energy of your moments, month by month: ")
        trend.append(spark_floats(means, MONTHLY_SPAN), style="cyan")
        trend.append(
            f"  {months[0]} → {months[-1]}, {min(known):+.1f} to {max(known):+.1f}", style="dim"
        )
        c.print(trend)
    for title, key, style in (("fuellers", "fuellers", "green"), ("drainers", "drainers", "red")):
        if not s[key]:
            continue
        t = table(title, "latest", "evidence")
        for r in s[key]:
            evidence = Text(r["evidence"])
            if r["gave_you"]:
                evidence.append(f" · gave you {plural(r['gave_you'], 'thing')}", style="dim")
            spark = Text(sparkline(r["recent"]), style=style)
            t.add_row(Text(r["name"], style="bold"), spark, evidence)
        c.print()
        c.print(t)
        more(c, s[f"more_{key}"], key)
        if key == "fuellers":
            hint(c, "who brings the most energy first: every rated moment, recent ones weigh more")
    if s["drainers"]:
        hint(c, f"→ {s['drainer_advice']}", "yellow")


def _net_bar(net: int, most: int, width: int = 8) -> Text:
    """A diverging bar of whole cells: left (yellow) when you gave more, right (green)
    when they did; at least one cell for any imbalance."""
    cells = max(1, round(abs(net) / most * width)) if net and most else 0
    out = Text(("█" * cells if net < 0 else "").rjust(width), style="yellow")
    out.append("│", style="dim")
    out.append(("█" * cells if net > 0 else "").ljust(width), style="green")
    return out


def _balances(c: Console, s: Out) -> None:
    tot = s["totals"]
    c.print(
        f"Overall you gave {plural(tot['gave'], 'time')} and received "
        f"{plural(tot['received'], 'time')}: {tot['words']}."
    )
    if not s["people"]:
        return
    t = table("person", "you gave", "they gave", "balance", "", right=(1, 2))
    most = max(abs(r["net"]) for r in s["people"])
    for r in s["people"]:
        name = Text(r["name"], style="bold")
        if r["status"] == "released":
            name.append(" (released)", style="dim")
        words = Text(r["words"], style="dim")
        t.add_row(name, str(r["gave"]), str(r["received"]), _net_bar(r["net"], most), words)
    c.print()
    c.print(t)
    hint(c, "the balance weighs each exchange by size: small 1, medium 2, large 3")


def _reciprocity(c: Console, s: Out) -> None:
    heading(c, "Reciprocity: what went each way")
    _balances(c, s)
    if s["martyrdom"]:
        c.print()
        c.print(Text("Giving with nothing back", style="bold yellow"))
        t = table("person", "what happened", header=False)
        for m in s["martyrdom"]:
            t.add_row(Text(m["name"], style="bold"), m["words"])
        indented(c, t)
        more(c, s["more_martyrdom"], "people")
        hint(c, f"→ {s['martyrdom'][0]['suggestion']}", "yellow")
    if s["kindness_owed"]:
        c.print()
        c.print(
            Text("Kindness owed: they gave lately, you have not given back since", style="bold")
        )
        t = table("person", "when", header=False)
        for k in s["kindness_owed"]:
            t.add_row(Text(k["name"], style="bold"), f"gave you something on {k['they_gave_on']}")
        indented(c, t)
        more(c, s["more_kindness_owed"], "people")
        hint(c, "→ return the favour: an article, an intro, an hour", "green")
    released = {r["id"]: r for r in s["released"]}
    if s["vanished"]:
        c.print()
        c.print(Text("Vanished after your mini-collab offer", style="bold"))
        t = table("person", "what happened", header=False)
        for v in s["vanished"]:
            what = Text(
                f"{plural(v['unanswered'], 'outreach', 'outreaches')} unanswered since "
                f"{v['offered_on']}"
            )
            r = released.pop(v["id"], None)
            if r:
                note = f": “{r['note']}”" if r["note"] else ""
                what.append(f"\nreleased on {r['released_on']}{note}", style="dim")
            else:
                what.append(f"\n→ you can let go: kith release '{v['name']}'", style="yellow")
            t.add_row(Text(v["name"], style="bold"), what)
        indented(c, t)
        more(c, s["more_vanished"], "people")
    if released:
        c.print()
        gone = [f"{r['name']} ({r['released_on']})" for r in released.values()]
        c.print(Text.assemble(("Released: ", "bold"), ", ".join(gone)))
        more(c, s["more_released"], "people")


def _depth(c: Console, s: Out) -> None:
    heading(c, "Depth: how deep your relationships go")
    most = max((b["people"] for b in s["bands"]), default=0) or 1
    t = table("band", "people", "", "who", right=(1,), header=False)
    for b in s["bands"]:
        if b["band"] == "no moments yet" and not b["people"]:
            continue
        shown = b["names"][:4]
        rest = b["people"] - len(shown)
        names = ", ".join(shown) + (f", +{rest}" if rest > 0 else "")
        t.add_row(
            b["band"],
            str(b["people"]),
            Text(bar(b["people"] / most, 20), style="cyan"),
            Text(names, style="dim"),
        )
    c.print(t)
    md = s["moments_by_depth"]
    total = sum(md.values())
    if total:
        c.print(f"Moments by depth: {' · '.join(f'{k} {v / total:.0%}' for k, v in md.items())}")
    if not s["drifting"]:
        c.print(Text("No close relationship is drifting away.", style="dim"))
        return
    c.print()
    c.print(Text("Drifting: once close, lately far less", style="bold yellow"))
    t = table("person", "how", header=False)
    for r in s["drifting"]:
        t.add_row(Text(r["name"], style="bold"), r["words"])
    indented(c, t)
    more(c, s["more_drifting"], "people")


_RENDER: dict[str, Callable[[Console, Out], None]] = {
    "energy": _energy,
    "reciprocity": _reciprocity,
    "depth": _depth,
    "opportunities": net.opportunities,
    "titles": net.titles,
    "replies": net.replies,
    "intros": net.intros,
    "met": net.met,
    "diversity": net.diversity,
}


def render_insights(data: Out, sections: Sequence[str]) -> None:
    """Print the chosen sections, in order, no wider than MAX_WIDTH."""
    c = console()
    # A terminal (or COLUMNS) sets the width, up to MAX_WIDTH; a file or pipe gets MAX_WIDTH.
    wide = c.is_terminal or "COLUMNS" in os.environ
    c.width = min(c.width, MAX_WIDTH) if wide else MAX_WIDTH
    with c.capture() as captured:
        _render(c, data, sections)
    # Tables pad every cell to its column's width: drop the spaces that end a line.
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def _render(c: Console, data: Out, sections: Sequence[str]) -> None:
    as_of: date = data["as_of"]
    c.print(
        Text.assemble(
            (f"Insights · {as_of.strftime('%d %B %Y')}", "bold"),
            (f" · {plural(data['network'], 'person', 'people')} in your network", "dim"),
        )
    )
    if not data["people"]:
        hint(c, "Nobody here yet: `kith add NAME`, or try `kith demo`.")
        return
    for name in sections:
        _RENDER[name](c, data[name])
