"""The Insights page's charts: each section of the insights dict drawn as inline SVG.

Only drawing happens here: every figure comes from
:func:`kithkin.services.insights.insights` (as ``kith insights`` shows it) and the
network picture from :func:`kithkin.services.network_graph.network`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup

from kithkin.web import svg

Out = dict[str, Any]
#: The energy scale of a moment, and its gridlines.
ENERGY_TICKS = ((-2.0, "drains"), (0.0, "neutral"), (2.0, "fuels"))


@dataclass(frozen=True)
class Chart:
    """One picture with its title and a one-line caption in plain words."""

    title: str
    caption: str
    svg: Markup
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A line of a list under the charts: a person (linked when ``id``) and words."""

    name: str
    words: str
    id: int | None = None


@dataclass
class Section:
    key: str
    heading: str
    charts: list[Chart] = field(default_factory=list)
    lists: list[tuple[str, list[Item]]] = field(default_factory=list)
    summary: str = ""


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _energy(s: Out) -> Section:
    n = s["counts"]
    sec = Section(
        "energy",
        "Energy: who fuels you, who drains you",
        summary=f"{plural(n['fueller'], 'fueller')} · {n['neutral']} neutral · "
        f"{plural(n['drainer'], 'drainer')} · {n['unknown']} not rated enough yet",
    )
    points = [
        (date.fromisoformat(f"{month}-01"), mean)
        for month, mean in zip(s["monthly"]["months"], s["monthly"]["mean"], strict=True)
        if mean is not None
    ]
    label = "Mean energy of your moments, month by month"
    sec.charts.append(
        Chart(
            label,
            "Above the middle line your moments fuelled you that month; below it they drained you.",
            svg.line_chart(points, label=label, y_min=-2, y_max=2, y_ticks=ENERGY_TICKS),
        )
    )
    rows = [(r["name"], r["total"] or 0.0) for r in s["fuellers"] + s["drainers"]]
    label = "Who fuels you and who drains you"
    sec.charts.append(
        Chart(
            label,
            "Green bars fuel you, orange bars drain you; recent moments weigh more.",
            svg.bar_chart(rows, label=label),
            (f"With a drainer: {s['drainer_advice']}.",) if s["drainers"] else (),
        )
    )
    return sec


def _reciprocity(s: Out) -> Section:
    t = s["totals"]
    sec = Section(
        "reciprocity",
        "Reciprocity: what went each way",
        summary=f"Overall you gave {plural(t['gave'], 'time')} and received "
        f"{plural(t['received'], 'time')}: {t['words']}.",
    )
    label = "Balance with each person"
    sec.charts.append(
        Chart(
            label,
            "Orange to the left: you gave more; green to the right: they gave more "
            "(each exchange weighs by size: small 1, medium 2, large 3).",
            svg.bar_chart([(r["name"], r["net"]) for r in s["people"]], label=label),
        )
    )
    label = "Giving with nothing back"
    martyrs = s["martyrdom"]
    sec.charts.append(
        Chart(
            label,
            "How many times in a row you gave to someone who gave nothing back.",
            svg.bar_chart([(m["name"], m["gives"]) for m in martyrs], label=label),
            (f"Try this: {martyrs[0]['suggestion']}.",) if martyrs else (),
        )
    )
    label = "Vanished after your mini-collab offer"
    sec.charts.append(
        Chart(
            label,
            "Outreach left unanswered since you offered a small project together.",
            svg.bar_chart([(v["name"], v["unanswered"]) for v in s["vanished"]], label=label),
        )
    )
    if s["kindness_owed"]:
        sec.lists.append(
            (
                "Kindness owed: they gave lately, you have not given back since",
                [
                    Item(k["name"], f"gave you something on {k['they_gave_on']}", k["id"])
                    for k in s["kindness_owed"]
                ],
            )
        )
    if s["released"]:
        sec.lists.append(
            (
                "Released",
                [
                    Item(
                        r["name"],
                        f"on {r['released_on']}" + (f": {r['note']}" if r["note"] else ""),
                        r["id"],
                    )
                    for r in s["released"]
                ],
            )
        )
    return sec


def _depth(s: Out) -> Section:
    sec = Section("depth", "Depth: how deep your relationships go")
    bands = [
        (b["band"], b["people"]) for b in s["bands"] if b["people"] or b["band"] != "no moments yet"
    ]
    label = "People by depth of relationship"
    sec.charts.append(
        Chart(
            label,
            "How many people sit in each band, from deep to surface.",
            svg.histogram(bands, label=label),
        )
    )
    md = s["moments_by_depth"]
    total = sum(md.values())
    label = "Moments by depth"
    sec.charts.append(
        Chart(
            label,
            "Of all your moments, how many stayed on the surface, got personal, or vulnerable.",
            svg.histogram(
                list(md.items()),
                label=label,
                value_labels=[pct(v / total if total else None) for v in md.values()],
            ),
        )
    )
    label = "Your deepest relationships"
    sec.charts.append(
        Chart(
            label,
            "A depth score out of 100: recent, frequent moments, how personal they get, "
            "and how mutual it is.",
            svg.bar_chart(
                [(r["name"], r["score"]) for r in s["deepest"]], label=label, max_value=100
            ),
        )
    )
    if s["drifting"]:
        sec.lists.append(
            (
                "Drifting: once close, lately far less",
                [Item(r["name"], r["words"], r["id"]) for r in s["drifting"]],
            )
        )
    return sec


def _opportunities(s: Out) -> Section:
    sec = Section(
        "opportunities",
        "Where opportunities really came from",
        summary=f"{plural(s['count'], 'opportunity', 'opportunities')} worth {s['value']} in all."
        if s["count"]
        else "",
    )
    label = "Opportunity value by first link"
    rows = s["sources"]
    unknown = s["without_chain"]
    sec.charts.append(
        Chart(
            label,
            "Each opportunity's value, credited to the person who started its chain.",
            svg.bar_chart(
                [(r["name"], r["value"]) for r in rows],
                label=label,
                value_labels=[f"{r['value']} · {pct(r['share'])}" for r in rows],
            ),
            (f"+ {unknown} with nobody recorded as where it came from.",) if unknown else (),
        )
    )
    return sec


def _titles(s: Out) -> Section:
    o, v = s["outreach"], s["opportunities"]
    sec = Section("titles", "Titles vs. value")
    label = "Outreach to senior titles against value through them"
    have = bool(o["total"] or v["total"])
    rows = (
        [
            ("outreach to them", 100 * (o["share"] or 0.0)),
            ("value through them", 100 * (v["share"] or 0.0)),
        ]
        if have
        else []
    )
    sec.charts.append(
        Chart(
            label,
            f"Share of the moments you started that went to the "
            f"{plural(s['senior_people'], 'person', 'people')} with a senior title, against the "
            "share of opportunity value that came through them. Described, never used to rank.",
            svg.bar_chart(
                rows,
                label=label,
                max_value=100,
                value_labels=[pct(o["share"]), pct(v["share"])],
            ),
        )
    )
    return sec


def _replies(s: Out) -> Section:
    sec = Section("replies", "Reply rate by outreach style")
    rows = [*s["styles"], s["all"]] if s["styles"] else []
    label = "Reply rate by outreach style"
    sec.charts.append(
        Chart(
            label,
            f"How often each way of reaching out got a reply; more than "
            f"{plural(s['wait_days'], 'day')} without one counts as no reply.",
            svg.bar_chart(
                [(r["style"], 100 * (r["rate"] or 0.0)) for r in rows],
                label=label,
                max_value=100,
                value_labels=[f"{pct(r['rate'])} of {r['sent']}" for r in rows],
            ),
        )
    )
    return sec


def _intros(s: Out) -> Section:
    sec = Section(
        "intros",
        "Introductions you made",
        summary=f"{s['total']} proposed · {s['both_agreed']} with both sides agreed · "
        f"{s['made']} made · {s['with_outcome']} with an outcome"
        if s["total"]
        else "",
    )
    label = "Introductions by stage"
    bins = list(s["by_status"].items()) if s["total"] else []
    sec.charts.append(
        Chart(
            label,
            "Where each introduction you proposed stands now.",
            svg.histogram(bins, label=label),
        )
    )
    if s["list"]:
        sec.lists.append(
            (
                "Latest introductions",
                [
                    Item(
                        f"{r['a']} ↔ {r['b']}",
                        f"{r['status']}, proposed {r['proposed_on']}"
                        + (f": {r['outcome']}" if r["outcome"] else ""),
                    )
                    for r in s["list"]
                ],
            )
        )
    return sec


def _met(s: Out) -> Section:
    sec = Section(
        "met",
        "Where you met",
        summary=f"{plural(s['unknown'], 'person', 'people')} with no place recorded."
        if s["unknown"]
        else "",
    )
    label = "People by where you met them"
    sec.charts.append(
        Chart(
            label,
            "How many people you met at each place.",
            svg.bar_chart([(p["place"], p["people"]) for p in s["places"]], label=label),
        )
    )
    label = "Who introduced you to people"
    sec.charts.append(
        Chart(
            label,
            f"{plural(s['through_someone'], 'person', 'people')} came to you through "
            "someone you know.",
            svg.bar_chart([(r["name"], r["count"]) for r in s["introducers"]], label=label),
        )
    )
    return sec


def _diversity(s: Out) -> Section:
    f, g = s["fields"], s["generations"]
    sec = Section(
        "diversity",
        "Diversity: fields and generations",
        summary=f"{f['distinct']} fields, as diverse as {f['effective']:g} equally common ones."
        if f["known"]
        else "",
    )
    label = "People by field"
    sec.charts.append(
        Chart(
            label,
            "The most common fields of work in your network.",
            svg.histogram([(c["value"], c["people"]) for c in f["counts"]], label=label),
        )
    )
    label = "People by generation"
    sec.charts.append(
        Chart(
            label,
            "How your network spreads across generations, oldest first.",
            svg.histogram([(c["value"], c["people"]) for c in g["counts"]], label=label),
        )
    )
    if s["reverse_mentors"]:
        sec.lists.append(
            (
                "Reverse mentorship: younger people who gave you something",
                [
                    Item(
                        m["name"],
                        f"{m['generation']}: gave you {plural(m['gave_you'], 'thing')}",
                        m["id"],
                    )
                    for m in s["reverse_mentors"]
                ],
            )
        )
    return sec


_SECTIONS = {
    "energy": _energy,
    "reciprocity": _reciprocity,
    "depth": _depth,
    "opportunities": _opportunities,
    "titles": _titles,
    "replies": _replies,
    "intros": _intros,
    "met": _met,
    "diversity": _diversity,
}


def network_picture(net: Out) -> Chart:
    """The network drawing with its caption."""
    label = "Your network: shared interests and introductions"
    more = f" ({net['more']} more linked people are left out)" if net["more"] else ""
    return Chart(
        label,
        f"The {plural(net['shown'], 'most linked person', 'most linked people')}{more}: "
        "a line joins two people who share an interest, a dashed line two people linked "
        "by an introduction.",
        svg.network_chart(net["nodes"], net["edges"], label=label),
    )


def sections(data: Out) -> list[Section]:
    """The page's sections, in the order of ``kith insights``."""
    return [build(data[key]) for key, build in _SECTIONS.items() if key in data]
