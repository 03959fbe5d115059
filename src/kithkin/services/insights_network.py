"""Insights about the shape of the network and where value came from.

The sections ``opportunities``, ``titles``, ``replies``, ``intros``, ``met`` and
``diversity`` of :func:`kithkin.services.insights.insights` (see its module for the
whole structure). Each takes the run's :class:`~kithkin.services.insights.InsightData`
and how many people a list shows, and returns plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kithkin.domain import diversity as div
from kithkin.domain import insights as ins
from kithkin.storage import insights_repo, records_repo

if TYPE_CHECKING:
    from kithkin.services.insights import InsightData

Out = dict[str, Any]


def rounded(x: float | None, digits: int = 2) -> float | None:
    """``x`` rounded, None kept."""
    return None if x is None else round(x, digits)


def opportunities(d: InsightData, top: int) -> Out:
    """Where opportunities came from: value per first link of each chain."""
    total = sum(o.weight for o in d.opportunities if o.chain)

    def source(s: ins.Source) -> Out:
        p = d.people[s.person_id]
        depth = d.depth.get(s.person_id)
        energy = d.energy.get(s.person_id)
        return {
            **d.person(s.person_id),
            "title": p["title"],
            "met_where": p["met_where"],
            "depth": depth.label if depth else None,
            "energy": energy.label if energy else None,
            "opportunities": s.count,
            "value": s.value,
            "share": rounded(ins.share(s.value, total), 3),
            "what": [
                {"title": o.title, "value": o.value, "then": d.names(o.chain[1:])}
                for o in sorted(
                    (o for o in d.opportunities if o.source == s.person_id),
                    key=lambda o: (-o.weight, o.on, o.id),
                )[:top]
            ],
        }

    return {
        "count": len(d.opportunities),
        "value": total,
        "without_chain": sum(1 for o in d.opportunities if not o.chain),
        "sources": [source(s) for s in d.sources[:top]],
        "more_sources": max(0, len(d.sources) - top),
    }


def titles(d: InsightData, top: int) -> Out:
    """Share of your outreach to senior titles against the share of value via them."""
    f = d.facts
    t = ins.titles_vs_value(
        {pid: p["title"] for pid, p in d.people.items()},
        {pid: x.by_me for pid, x in f.items() if x.by_me},
        d.opportunities,
    )
    by_source = {s.person_id: s for s in d.sources}
    senior = [pid for pid in t.senior if f[pid].by_me or pid in by_source]
    senior.sort(key=lambda p: (-f[p].by_me, d.people[p]["name"]))
    return {
        "senior_words": sorted(ins.SENIOR_TITLE_WORDS),
        "senior_people": len(t.senior),
        "people": len(d.people),
        "outreach": {
            "total": t.outreach,
            "senior": t.outreach_senior,
            "share": rounded(t.outreach_share, 3),
        },
        "opportunities": {
            "total": t.opportunities,
            "senior": t.opportunities_senior,
            "value": t.value,
            "value_senior": t.value_senior,
            "share": rounded(t.value_share, 3),
            "value_senior_anywhere": t.value_senior_anywhere,
            "share_anywhere": rounded(t.value_share_anywhere, 3),
        },
        "senior": [
            {
                **d.person(pid),
                "title": d.people[pid]["title"],
                "initiated": f[pid].by_me,
                "outreach": f[pid].outreach,
                "replied": f[pid].replied,
                "opportunities": by_source[pid].count if pid in by_source else 0,
                "value": by_source[pid].value if pid in by_source else 0,
            }
            for pid in senior[:top]
        ],
        "more_senior": max(0, len(senior) - top),
    }


def _rate(r: ins.ReplyRate) -> Out:
    return {
        "style": r.style,
        "sent": r.sent,
        "replied": r.replied,
        "unanswered": r.unanswered,
        "pending": r.pending,
        "rate": rounded(r.rate, 3),
        "median_days": r.median_days,
    }


def replies(d: InsightData, top: int) -> Out:
    """Reply rate per outreach style, and over all outreach."""
    wait = d.rules.unanswered_after
    rows, overall = ins.reply_rates(insights_repo.outreach(d.conn, d.account_id), d.today, wait)
    return {"wait_days": wait, "styles": [_rate(r) for r in rows], "all": _rate(overall)}


def intros(d: InsightData, top: int) -> Out:
    """Introductions you made, by stage, newest first, with what came of them."""
    rows = [r for r in records_repo.intros(d.conn, d.account_id) if r["proposed_on"] <= d.today]
    s = ins.intro_summary(r["status"] for r in rows)
    return {
        "total": s.total,
        "by_status": s.by_status,
        "both_agreed": s.both_agreed,
        "made": s.made,
        "with_outcome": s.with_outcome,
        "open": s.open,
        "list": [
            {
                "id": r["id"],
                "a": r["a_name"],
                "b": r["b_name"],
                "status": r["status"],
                "proposed_on": r["proposed_on"],
                "made_on": r["made_on"],
                "reason": r["reason"],
                "outcome": r["outcome"],
                "waiting_on": [
                    name
                    for name, agreed in (
                        (r["a_name"], r["a_agreed_on"]),
                        (r["b_name"], r["b_agreed_on"]),
                    )
                    if agreed is None and r["status"] == "proposed"
                ],
            }
            for r in rows[:top]
        ],
        "more_list": max(0, len(rows) - top),
    }


def met(d: InsightData, top: int) -> Out:
    """Where you met people (with the value that came through them) and who introduced whom."""
    where = {pid: d.people[pid]["met_where"] for pid in d.current}
    places = div.places(where, d.sources)
    introducers: dict[int, list[int]] = {}
    for pid in d.current:
        via = d.people[pid]["introduced_by_id"]
        if via is not None:
            introducers.setdefault(via, []).append(pid)
    return {
        "places": [
            {
                "place": p.label,
                "people": len(p.people),
                "names": d.names(p.people[:top]),
                "opportunities": p.opportunities,
                "value": p.value,
            }
            for p in places[:top]
        ],
        "more_places": max(0, len(places) - top),
        "unknown": sum(1 for w in where.values() if not (w or "").strip()),
        "through_someone": sum(len(v) for v in introducers.values()),
        "introducers": [
            {**d.person(via), "introduced": d.names(ids[:top]), "count": len(ids)}
            for via, ids in sorted(introducers.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
        ],
        "more_introducers": max(0, len(introducers) - top),
    }


def _distribution(dist: div.Distribution, top: int, order: Callable[[str], Any] | None) -> Out:
    """The distribution's counts (most common first, or by ``order`` of the value)."""
    counts = sorted(dist.counts, key=lambda c: order(c[0])) if order else list(dist.counts)
    return {
        "counts": [{"value": v, "people": n} for v, n in counts[:top]],
        "more": max(0, len(counts) - top),
        "distinct": len(dist.counts),
        "known": dist.known,
        "unknown": dist.unknown,
        "effective": round(dist.effective, 2),
        "largest_share": rounded(dist.largest_share, 3),
    }


def diversity(d: InsightData, top: int) -> Out:
    """Fields, generations, and reverse mentorship."""
    fields = div.distribution(d.people[pid]["field"] for pid in d.current)
    gens = {
        pid: div.generation_of(d.people[pid]["generation"], d.people[pid]["birthday_year"], d.today)
        for pid in d.current
    }
    generations = div.distribution(gens.values())
    mentors = div.reverse_mentors(
        gens, {pid: d.facts[pid].received_count for pid in d.current}, d.sources
    )
    return {
        "fields": _distribution(fields, top, None),
        "generations": _distribution(generations, top, lambda v: (div.generation_order(v), v)),
        "more_reverse_mentors": max(0, len(mentors) - top),
        "reverse_mentors": [
            {
                **d.person(m.person_id),
                "generation": m.generation,
                "gave_you": m.received,
                "opportunities": m.opportunities,
                "value": m.value,
            }
            for m in mentors[:top]
        ],
    }
