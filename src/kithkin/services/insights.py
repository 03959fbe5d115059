"""Insights: the figures of the whole network, as one plain structure.

:func:`insights` returns a dict of plain values (numbers, text, dates, lists, dicts):
the terminal draws it and ``--json`` prints it as it is, and the web app will chart
the same dict. Sections, in order:

- ``energy``: who fuels you and who drains you, with the evidence;
- ``reciprocity``: balances, martyrdom (with the mini-collab suggestion), kindness
  owed, people who vanished and people released;
- ``depth``: how deep your relationships are, and which are drifting;
- ``opportunities``: where opportunities really came from (the first link of each chain);
- ``titles``: the share of your outreach that went to senior titles against the share
  of opportunity value that came through them (descriptive: nothing ranks by title);
- ``replies``: reply rate by outreach style;
- ``intros``: introductions you made and what came of them;
- ``met``: where you met people, and who introduced you;
- ``diversity``: fields and generations, and reverse mentorship.

"Your network" (energy, depth, met, diversity) is everyone not released; balances,
outreach, opportunities and introductions count every record, released or not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy import Connection

from kithkin.domain import insights as ins
from kithkin.domain.depth import DepthScore, depth_score, drift
from kithkin.domain.energy import EnergyReading, energy_reading
from kithkin.domain.errors import InvalidInput
from kithkin.domain.facts import PersonFacts
from kithkin.domain.reciprocity import (
    MINI_COLLAB,
    kindness_owed,
    martyr_candidate,
    martyrdom,
    vanished,
)
from kithkin.domain.records import DEPTHS
from kithkin.domain.summaries import SPARK_POINTS, Balance
from kithkin.domain.today import TodayRules
from kithkin.services import insights_network as net
from kithkin.services.context import Kith
from kithkin.services.settings import today_rules
from kithkin.storage import facts_repo, insights_repo, today_repo

SECTIONS = ins.SECTIONS
#: How many people each list shows by default.
TOP_DEFAULT = 10
#: How many calendar months the network's energy line covers.
MONTHS = 12
#: What to do about a drainer (principle 3: no obligation coffees).
DRAINER_ADVICE = "no obligation coffees: see them when you choose to, not out of duty"

Out = dict[str, Any]


class InsightData:
    """The records one run of Insights reads, each loaded once, on first use."""

    def __init__(self, conn: Connection, kith: Kith, rules: TodayRules) -> None:
        self.conn = conn
        self.account_id = kith.account_id
        self.today = kith.today
        self.rules = rules

    @cached_property
    def people(self) -> dict[int, dict[str, Any]]:
        return {r["id"]: r for r in insights_repo.network(self.conn, self.account_id)}

    @cached_property
    def current(self) -> list[int]:
        """Your network: everyone not released, by name."""
        return [pid for pid, p in self.people.items() if p["status"] != "released"]

    @cached_property
    def facts(self) -> dict[int, PersonFacts]:
        stored = facts_repo.stored(self.conn, self.account_id)
        return {pid: stored.get(pid, PersonFacts()) for pid in self.people}

    @cached_property
    def energy(self) -> dict[int, EnergyReading]:
        return {pid: energy_reading(self.facts[pid]) for pid in self.current}

    @cached_property
    def depth(self) -> dict[int, DepthScore | None]:
        return {
            pid: depth_score(self.facts[pid], self.today) if self.facts[pid].moments else None
            for pid in self.current
        }

    @cached_property
    def opportunities(self) -> list[ins.Opportunity]:
        return [
            o
            for o in insights_repo.opportunity_chains(self.conn, self.account_id)
            if o.on <= self.today
        ]

    @cached_property
    def sources(self) -> list[ins.Source]:
        return ins.opportunity_sources(self.opportunities)

    def person(self, pid: int) -> Out:
        """A person as JSON: id and name."""
        return {"id": pid, "name": self.people[pid]["name"]}

    def names(self, ids: Sequence[int]) -> list[str]:
        return [self.people[pid]["name"] for pid in ids]


def capped(rows: list[Any], top: int, key: str) -> Out:
    """``{key: the first top rows, "more_" + key: how many were left out}``."""
    return {key: rows[:top], f"more_{key}": max(0, len(rows) - top)}


def _energy(d: InsightData, top: int) -> Out:
    totals = {pid: ins.energy_total(d.facts[pid], d.today) for pid in d.energy}
    groups = ins.energy_map(d.energy, totals)
    shown = [*groups.fuellers[:top], *groups.drainers[:top]]
    recent = insights_repo.recent_energies(d.conn, d.account_id, shown, SPARK_POINTS)

    def row(pid: int) -> Out:
        r, f = d.energy[pid], d.facts[pid]
        return {
            **d.person(pid),
            "total": net.rounded(totals[pid], 1),
            "mean": net.rounded(r.mean),
            "lately": net.rounded(r.lately),
            "trend": r.trend,
            "rated": r.rated,
            "fuelled": r.fuelled,
            "drained": r.drained,
            "evidence": r.evidence(),
            "recent": recent.get(pid, []),
            "gave_you": f.received_count,
        }

    starts = ins.month_starts(d.today, MONTHS)
    days = insights_repo.energy_by_day(d.conn, d.account_id, starts[0])
    return {
        "counts": groups.counts,
        "fuellers": [row(p) for p in groups.fuellers[:top]],
        "more_fuellers": max(0, len(groups.fuellers) - top),
        "drainers": [row(p) for p in groups.drainers[:top]],
        "more_drainers": max(0, len(groups.drainers) - top),
        "drainer_advice": DRAINER_ADVICE,
        "monthly": {
            "months": [s.strftime("%Y-%m") for s in starts],
            "mean": [net.rounded(m) for m in ins.monthly_energy(days, d.today, MONTHS)],
        },
    }


def _balance(b: Balance) -> Out:
    return {
        "gave": b.gave_count,
        "gave_size": b.gave_size,
        "received": b.received_count,
        "received_size": b.received_size,
        "net": b.net,
        "words": b.words(),
    }


def _martyrs(d: InsightData) -> list[Out]:
    rule = d.rules.martyr
    ids = [pid for pid in d.current if martyr_candidate(d.facts[pid], d.today, rule)]
    ledgers = today_repo.ledger_entries(d.conn, ids)
    out = []
    for pid in ids:
        m = martyrdom(ledgers.get(pid, []), d.today, rule)
        if m is not None:
            words = m.words()
            out.append(
                {**d.person(pid), "gives": m.gives, "since": m.since, "kinds": list(m.kinds)}
                | {"words": words, "suggestion": MINI_COLLAB}
            )
    return sorted(out, key=lambda m: (-m["gives"], m["since"], m["name"]))


def _vanished(d: InsightData) -> list[Out]:
    offers = {
        pid: x.last_offer_on
        for pid, x in d.facts.items()
        if x.last_offer_on is not None and x.unanswered
    }
    outreach = today_repo.outreach_since(d.conn, offers)
    out = []
    for pid, offered in offers.items():
        silent = vanished(offered, outreach.get(pid, []))
        if silent is not None:
            out.append({**d.person(pid), "offered_on": offered, "unanswered": silent})
    return sorted(out, key=lambda v: v["name"])


def _reciprocity(d: InsightData, top: int) -> Out:
    f = d.facts
    balances = {
        pid: Balance(x.gave_count, x.gave_size, x.received_count, x.received_size)
        for pid, x in f.items()
    }
    owed = [(pid, kindness_owed(f[pid], d.today)) for pid in d.current]
    owed.sort(key=lambda t: t[1] or date.min, reverse=True)
    released = [
        {**d.person(pid), "released_on": p["released_on"], "note": p["release_note"]}
        for pid, p in d.people.items()
        if p["status"] == "released"
    ]
    released.sort(key=lambda r: (r["released_on"] or date.min, r["name"]), reverse=True)
    people = [
        {**d.person(pid), **_balance(balances[pid]), "status": d.people[pid]["status"]}
        for pid in ins.lopsided_first(balances)
    ]
    return {
        "totals": _balance(ins.total_balance(balances.values())),
        **capped(people, top, "people"),
        **capped(_martyrs(d), top, "martyrdom"),
        **capped(
            [{**d.person(pid), "they_gave_on": on} for pid, on in owed if on is not None],
            top,
            "kindness_owed",
        ),
        **capped(_vanished(d), top, "vanished"),
        **capped(released, top, "released"),
    }


def _depth(d: InsightData, top: int) -> Out:
    scored = {pid: s for pid, s in d.depth.items() if s is not None}
    order = sorted(scored, key=lambda p: (-scored[p].score, d.people[p]["name"]))
    bands = []
    for band, count in ins.depth_distribution(d.depth.values()):
        if band == ins.NO_MOMENTS:
            ids = [p for p, s in d.depth.items() if s is None]
        else:
            ids = [p for p in order if scored[p].label == band]
        bands.append({"band": band, "people": count, "names": d.names(ids[:top])})
    drifting = []
    for pid in d.current:
        dr = drift(d.facts[pid], d.today)
        if dr is not None:
            drifting.append(
                {
                    **d.person(pid),
                    "past_per_year": dr.past_per_year,
                    "lately_per_year": dr.lately_per_year,
                    "words": dr.words(),
                }
            )
    drifting.sort(key=lambda r: (-r["past_per_year"], r["name"]))
    by_depth = insights_repo.moment_depths(d.conn, d.account_id)
    return {
        "bands": bands,
        "moments_by_depth": {k: by_depth.get(k, 0) for k in DEPTHS},
        "deepest": [
            {**d.person(p), "score": scored[p].score, "band": scored[p].label} for p in order[:top]
        ],
        **capped(drifting, top, "drifting"),
    }


_BUILDERS: dict[str, Callable[[InsightData, int], Out]] = {
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


def insights(kith: Kith, sections: Sequence[str] | None = None, *, top: int = TOP_DEFAULT) -> Out:
    """Every insight (or the named ``sections``, in their usual order) as of kith.today.

    ``top`` caps each list of people; the counts beside each list say how many more.
    """
    chosen = [s for s in SECTIONS if not sections or s in sections]
    unknown = sorted(set(sections or ()) - set(SECTIONS))
    if unknown:
        raise InvalidInput(
            "section", f"no section '{unknown[0]}' (sections: {', '.join(SECTIONS)})"
        )
    if top < 1:
        raise InvalidInput("top", "must be at least 1")
    rules = today_rules()
    with kith.begin() as conn:
        data = InsightData(conn, kith, rules)
        out: Out = {"as_of": kith.today, "network": len(data.current), "people": len(data.people)}
        for name in chosen:
            out[name] = _BUILDERS[name](data, top)
    return out
