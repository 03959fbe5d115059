"""One person's whole story, assembled for `kith show` and the person page."""

from __future__ import annotations

from datetime import date
from typing import Any

from kithkin.domain import records
from kithkin.domain.dates import format_birthday, next_birthday
from kithkin.domain.depth import depth_score, drift
from kithkin.domain.energy import energy_reading
from kithkin.domain.errors import NotFound
from kithkin.domain.facts import PersonFacts
from kithkin.domain.summaries import TREND_HISTORY, Balance, energy_trend
from kithkin.services.context import Kith
from kithkin.services.people import resolve_id
from kithkin.storage import moments_repo, people_repo, profile_repo, records_repo
from kithkin.storage.profile_repo import (
    HAS_FOLLOW_UPS,
    HAS_INTROS,
    HAS_LEDGER,
    HAS_OPPORTUNITIES,
)

#: How many moments the timeline shows by default.
TIMELINE_DEFAULT = 15
#: How many of the latest rated moments the energy chart draws.
CHART_POINTS = 60


def _relationship(facts: PersonFacts, today: date) -> dict[str, Any]:
    """The engine's reading of a relationship: depth, energy label, drift."""
    depth = depth_score(facts, today)
    energy = energy_reading(facts)
    fading = drift(facts, today)
    return {
        "depth": depth.score,
        "depth_label": depth.label,
        "energy_label": energy.label,
        "energy_evidence": energy.evidence(),
        "drift": fading.words() if fading else None,
    }


def profile(kith: Kith, query: str, *, timeline: int | None = TIMELINE_DEFAULT) -> dict[str, Any]:
    """Everything about a person, interests first, titles last."""
    with kith.begin() as conn:
        pid = resolve_id(kith, conn, query)
        head = profile_repo.person_head(conn, kith.account_id, pid)
        if head is None:
            raise NotFound(f"no person with id #{pid}")
        interests, tags, chans = people_repo.lists_of(conn, pid)
        index = moments_repo.moment_index(conn, pid)
        shown = index[:timeline] if timeline else index
        moments = moments_repo.moments_by_ids(conn, [i for i, _, _ in shown], pid)
        aid, has = kith.account_id, head.has
        follow = moments_repo.follow_ups_of(conn, aid, pid) if HAS_FOLLOW_UPS in has else []
        entries = records_repo.ledger_of(conn, aid, pid) if HAS_LEDGER in has else []
        intros = records_repo.intros(conn, aid, pid) if HAS_INTROS in has else []
        opps = records_repo.opportunities_list(conn, aid, pid) if HAS_OPPORTUNITIES in has else []
    p, facts = head.row, head.facts
    balance = Balance.of((e["direction"], e["size"]) for e in entries)
    ledger = entries[:5]
    trend = energy_trend([(d, e) for _, d, e in index if e is not None][:TREND_HISTORY])
    birthday = None
    if p["birthday_month"]:
        nb = next_birthday(p["birthday_month"], p["birthday_day"], kith.today)
        birthday = {
            "date": format_birthday(p["birthday_year"], p["birthday_month"], p["birthday_day"]),
            "next": nb,
            "in_days": (nb - kith.today).days,
        }
    return {
        "id": pid,
        "as_of": kith.today,
        "uid": p["uid"],
        "name": p["display_name"],
        "nickname": p["nickname"],
        "pronouns": p["pronouns"],
        "status": records.effective_status(p["status"], p["snoozed_until"], kith.today),
        "snoozed_until": p["snoozed_until"],
        "released_on": p["released_on"],
        "release_note": p["release_note"],
        "interests": interests,
        "met": {
            "how": p["met_how"],
            "where": p["met_where"],
            "on": p["met_on"],
            "through": head.introduced_by,
        },
        "notes": p["notes"],
        "pancake": p["pancake"],
        "cadence_days": p["cadence_days"],
        "tags": tags,
        "birthday": birthday,
        "location": p["location"],
        "timezone": p["timezone"],
        "generation": p["generation"],
        "field": p["field"],
        "channels": chans,
        "moment_count": len(index),
        "last_seen": index[0][1] if index else None,
        "timeline": [
            {
                "id": m["id"],
                "date": m["occurred_on"],
                "kind": m["kind"],
                "energy": m["energy"],
                "depth": m["depth"],
                "topics": m["topics"],
                "with": m["with"],
                "notes": m["notes"],
                "initiated_by": m["initiated_by"],
                "outreach_style": m["outreach_style"],
                "reply_state": m["reply_state"],
                "replied_on": m["replied_on"],
            }
            for m in moments
        ],
        "follow_ups": [
            {
                "id": f["id"],
                "text": f["text"],
                "due": f["due_on"],
                "overdue": bool(f["due_on"] and f["due_on"] < kith.today),
            }
            for f in follow
        ],
        "ledger": {
            "gave": balance.gave_count,
            "gave_size": balance.gave_size,
            "received": balance.received_count,
            "received_size": balance.received_size,
            "net": balance.net,
            "words": balance.words(),
            "recent": [
                {
                    "date": e["occurred_on"],
                    "direction": e["direction"],
                    "kind": e["kind"],
                    "size": records.SIZE_NAMES[e["size"]],
                    "note": e["note"],
                }
                for e in ledger
            ],
        },
        "relationship": _relationship(facts, kith.today),
        "energy": {
            "points": trend.points,
            "recent_mean": trend.recent_mean,
            "earlier_mean": trend.earlier_mean,
            "direction": trend.direction,
            "history": _rated_history(index),
        },
        "introductions": [
            {
                "id": i["id"],
                "between": [i["a_name"], i["b_name"]],
                "status": i["status"],
                "outcome": i["outcome"],
            }
            for i in intros
        ],
        "opportunities": [
            {"title": o["title"], "kind": o["kind"], "date": o["occurred_on"], "chain": o["chain"]}
            for o in opps
        ],
        "org": p["org"],
        "title": p["title"],
    }


def _rated_history(
    index: list[tuple[int, date, int | None]], limit: int = CHART_POINTS
) -> list[tuple[date, float]]:
    """(date, energy) of the latest ``limit`` rated moments, oldest first: what the person
    page's energy chart draws, −2 (drained) … +2 (fuelled) over time."""
    rated = [(d, float(e)) for _, d, e in index if e is not None][: max(0, limit)]
    return rated[::-1]
