"""Insights in the terminal, the network's shape: where opportunities came from, titles
vs. value, reply rates, introductions, where you met, diversity.

Each function draws one section of the dict :func:`kithkin.services.insights.insights`
returns (see ``render_insights`` for the rest).
"""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.text import Text

from kithkin.cli.insights_charts import (
    Out,
    and_list,
    bar,
    heading,
    hint,
    more,
    percent,
    plural,
    table,
)

#: How many of one person's opportunities the table lists.
WHAT_SHOWN = 3


def opportunities(c: Console, s: Out) -> None:
    heading(c, "Where opportunities really came from")
    sources = s["sources"]
    if not sources:
        hint(c, "No opportunity recorded yet: `kith opportunity TITLE --kind job --via NAME`.")
        return
    best = [r for r in sources if r["value"] == sources[0]["value"]][:3]
    doors = [f"{r['name']} ({r['title']})" if r["title"] else r["name"] for r in best]
    together = sum(r["share"] or 0.0 for r in best)
    c.print(
        f"{plural(s['count'], 'opportunity', 'opportunities')} worth {s['value']} in all; "
        f"the most valuable came through {and_list(doors)}: {percent(together)} of all value."
    )
    t = table("first link", "title", "value", "share", "what came → and through whom", right=(2, 3))
    for r in sources:
        what = Text()
        for i, w in enumerate(r["what"][:WHAT_SHOWN]):
            what.append(("\n" if i else "") + w["title"])
            if w["then"]:
                what.append(f" → {' → '.join(w['then'])}", style="dim")
        if r["opportunities"] > WHAT_SHOWN:
            what.append(f"\n+ {r['opportunities'] - WHAT_SHOWN} more", style="dim")
        t.add_row(
            Text(r["name"], style="bold"),
            r["title"] or "",
            Text(str(r["value"]), style="yellow"),
            percent(r["share"]),
            what,
        )
    c.print()
    c.print(t)
    more(c, s["more_sources"], "people")
    if s["without_chain"]:
        hint(c, f"+ {s['without_chain']} with nobody recorded as where it came from")


def titles(c: Console, s: Out) -> None:
    heading(c, "Titles vs. value")
    o, v = s["outreach"], s["opportunities"]
    if not o["total"] and not v["total"]:
        hint(
            c, "Nothing to compare yet: log the moments you start and the opportunities that come."
        )
        return
    c.print(
        f"{percent(o['share'])} of the moments you started went to the "
        f"{plural(s['senior_people'], 'person', 'people')} with a senior title; "
        f"{percent(v['share'])} of your opportunity value came through them."
    )
    t = table("", "", "", "", right=(2,), header=False)
    t.add_row(
        "your outreach to senior titles",
        Text(bar(o["share"] or 0.0, 24), style="magenta"),
        percent(o["share"]),
        Text(f"{o['senior']} of {o['total']} moments", style="dim"),
    )
    t.add_row(
        "opportunity value through them",
        Text(bar(v["share"] or 0.0, 24), style="green"),
        percent(v["share"]),
        Text(f"value {v['value_senior']} of {v['value']}", style="dim"),
    )
    c.print(t)
    if v["value_senior_anywhere"] > v["value_senior"]:
        hint(
            c,
            "counting a senior title anywhere along a chain, not only where it started: "
            f"{percent(v['share_anywhere'])}",
        )
    if s["senior"]:
        t = table("person", "title", "you started", "replies", "value via them", right=(2,))
        for r in s["senior"]:
            replies = f"{r['replied']} of {r['outreach']}" if r["outreach"] else "–"
            value = str(r["value"]) if r["value"] else "none"
            t.add_row(
                Text(r["name"], style="bold"), r["title"], str(r["initiated"]), replies, value
            )
        c.print()
        c.print(t)
        more(c, s["more_senior"], "people")
    hint(
        c,
        "senior: a title with a word like CEO, founder, director, partner or head; "
        "titles are described here, never used to rank anyone",
    )


def replies(c: Console, s: Out) -> None:
    heading(c, "Reply rate by outreach style")
    if not s["styles"]:
        hint(c, "No outreach logged yet: `kith log NAME message --outreach no-reason`.")
        return
    t = table(
        "style", "sent", "replied", "no reply", "waiting", "rate", "", "typical wait",
        right=(1, 2, 3, 4, 5),
    )  # fmt: skip

    def row(r: Out, style: str = "") -> None:
        wait = "" if r["median_days"] is None else plural(round(r["median_days"]), "day")
        t.add_row(
            Text(r["style"], style=style),
            str(r["sent"]),
            str(r["replied"]),
            str(r["unanswered"]),
            str(r["pending"]),
            percent(r["rate"]),
            Text(bar(r["rate"] or 0.0, 12), style="green"),
            wait,
        )

    for r in s["styles"]:
        row(r)
    t.add_section()
    row(s["all"], "bold")
    c.print(t)
    hint(
        c,
        f"awaiting more than {plural(s['wait_days'], 'day')} counts as no reply; "
        "waiting: too early to tell",
    )


def _intro_state(r: Out) -> Text:
    status = r["status"]
    if status == "closed":
        return Text(r["outcome"] or "closed", style="green")
    if status == "declined":
        return Text("declined" + (f": {r['outcome']}" if r["outcome"] else ""), style="dim")
    if status == "made":
        return Text(f"made on {r['made_on']}; what came of it?")
    if status == "agreed":
        return Text("both agreed: make the introduction", style="yellow")
    if r["waiting_on"]:
        return Text(f"asked; waiting on {and_list(r['waiting_on'])}")
    return Text("proposed")


def intros(c: Console, s: Out) -> None:
    heading(c, "Introductions you made")
    if not s["total"]:
        hint(c, "No introductions yet: `kith intro A B`.")
        return
    c.print(
        f"{s['total']} proposed · {s['both_agreed']} with both sides agreed · {s['made']} made · "
        f"{s['with_outcome']} with an outcome · {s['by_status']['declined']} declined"
    )
    t = table("between", "proposed", "what came of it")
    for r in s["list"]:
        t.add_row(f"{r['a']} ↔ {r['b']}", str(r["proposed_on"]), _intro_state(r))
    c.print()
    c.print(t)
    more(c, s["more_list"], "introductions")


def met(c: Console, s: Out) -> None:
    heading(c, "Where you met")
    if s["places"]:
        t = table("place", "people", "opportunities", "value", "who", right=(1, 2, 3))
        for p in s["places"]:
            who = ", ".join(p["names"][:3]) + ("…" if p["people"] > 3 else "")
            t.add_row(
                p["place"],
                str(p["people"]),
                str(p["opportunities"]) if p["opportunities"] else "–",
                Text(str(p["value"]), style="yellow") if p["value"] else "–",
                Text(who, style="dim"),
            )
        c.print(t)
        more(c, s["more_places"], "places")
    else:
        hint(c, "No meeting places recorded yet: `kith edit NAME --met-where PLACE`.")
    if s["unknown"]:
        hint(c, f"+ {plural(s['unknown'], 'person', 'people')} with no place recorded")
    if s["introducers"]:
        c.print()
        c.print(
            f"Introduced by someone you know: {plural(s['through_someone'], 'person', 'people')}"
        )
        for r in s["introducers"]:
            names = r["introduced"] + (
                [f"{r['count'] - len(r['introduced'])} more"]
                if r["count"] > len(r["introduced"])
                else []
            )
            hint(c, Text.assemble((r["name"], "bold"), f" → {and_list(names)}"))
        more(c, s["more_introducers"], "people who introduced you")


def _fields(c: Console, f: Out) -> None:
    largest = f["counts"][0]
    c.print(
        f"Fields: {f['distinct']} different among {plural(f['known'], 'person', 'people')}, "
        f"as diverse as {f['effective']:g} equally common fields; the largest, "
        f"{largest['value']}, holds {percent(f['largest_share'])}."
    )
    items = [f"{x['value']}\u00a0{x['people']}" for x in f["counts"]]
    if f["more"]:
        items.append(f"+{f['more']}\u00a0more")
    # textwrap keeps a no-break space whole (Rich would break there): "food 1" stays together
    for line in textwrap.wrap(" · ".join(items), width=max(20, c.width - 2)):
        hint(c, line.replace("\u00a0", " "), "dim")


def diversity(c: Console, s: Out) -> None:
    heading(c, "Diversity: fields and generations")
    if s["fields"]["known"]:
        _fields(c, s["fields"])
    g = s["generations"]
    if g["known"]:
        c.print("Generations:")
        most = max(x["people"] for x in g["counts"])
        t = table("generation", "people", "", right=(1,), header=False)
        for x in g["counts"]:
            t.add_row(
                f"  {x['value']}", str(x["people"]), Text(bar(x["people"] / most, 20), style="cyan")
            )
        if g["more"]:
            t.add_row(Text(f"  +{g['more']} more", style="dim"), "", "")
        if g["unknown"]:
            t.add_row(Text("  unknown", style="dim"), Text(str(g["unknown"]), style="dim"), "")
        c.print(t)
    if s["reverse_mentors"]:
        c.print(Text("Reverse mentorship, from people younger than most of your network:", "bold"))
    for m in s["reverse_mentors"]:
        parts = []
        if m["gave_you"]:
            parts.append(f"gave you {plural(m['gave_you'], 'thing')}")
        if m["opportunities"]:
            n = plural(m["opportunities"], "opportunity", "opportunities")
            parts.append(f"opened the door to {n} worth {m['value']}")
        hint(c, Text.assemble((m["name"], "bold"), f" ({m['generation']}): {and_list(parts)}"))
    more(c, s["more_reverse_mentors"], "people")
    if g["known"] and not s["reverse_mentors"]:
        hint(c, "nobody younger than most of your network has given you something yet")
    if not s["fields"]["known"] and not g["known"]:
        hint(c, "No fields or generations recorded yet: `kith edit NAME --field design`.")
