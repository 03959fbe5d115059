"""Browsing people: search as you type, narrowed by tag, status and energy.

The web app's People page and ``GET /api/v1/people`` both answer from here. Words match
a folded name (accents and case ignored) or one of the person's interests; every word
must match. Energy is the label of :func:`kithkin.domain.energy.energy_reading`.
"""

from __future__ import annotations

from typing import Any

from kithkin.domain import records
from kithkin.domain.directory import Directory, query_words
from kithkin.domain.energy import LABELS as ENERGY_LABELS
from kithkin.domain.energy import energy_reading
from kithkin.domain.facts import PersonFacts
from kithkin.services import cache
from kithkin.services.context import Kith
from kithkin.storage import browse_repo, facts_repo
from kithkin.storage.facts_repo import facts_of_row

#: The most people one answer lists (the rest are counted in ``total``).
MAX_LIMIT = 500
#: At most this many words of a query are used.
MAX_WORDS = 8
#: Up to this many matches, the energy filter reads their facts by id; beyond, the
#: account's (one indexed read either way).
FACTS_BY_ID = 500


_NOTHING = PersonFacts()


def _facts(row: dict[str, Any]) -> PersonFacts:
    if row.get("person_id") is None:  # no stored facts yet: nothing logged
        return _NOTHING
    return facts_of_row(row)


def directory(kith: Kith) -> Directory:
    """The account's people as a search sees them, built once per change of its data
    (three statements over the account); later searches match in memory and read only
    the rows they list."""

    def compute() -> Directory:
        with kith.begin() as conn:
            return browse_repo.directory(conn, kith.account_id)

    return cache.remembered(kith, ("directory",), compute, large=True)


def search(
    kith: Kith,
    q: str | None = None,
    *,
    tag: str | None = None,
    status: str | None = None,
    energy: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """``{"total": n, "people": [...]}``: who matches, by name, ``limit`` from ``offset``."""
    if status:
        status = records.choice("status", status, records.STATUSES)
    if energy:
        energy = records.choice("energy", energy, ENERGY_LABELS)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    found = directory(kith).matching(
        query_words(q, MAX_WORDS), tag=tag or None, status=status or None, today=kith.today
    )
    with kith.begin() as conn:
        if energy:  # a reading per match, from the stored facts of the account
            few = [p.id for p in found] if len(found) <= FACTS_BY_ID else None
            stored = facts_repo.stored(conn, kith.account_id, few)
            found = [p for p in found if energy_reading(stored.get(p.id, _NOTHING)).label == energy]
        page = found[offset:][:limit]
        rows = browse_repo.people_by_ids(conn, kith.account_id, [p.id for p in page])
    listed = {p.id: p for p in page}
    out = []
    for r in rows:
        facts, p = _facts(r), listed[r["id"]]
        out.append(
            {
                "id": r["id"],
                "name": r["display_name"],
                "status": records.effective_status(r["status"], r["snoozed_until"], kith.today),
                "energy": energy_reading(facts).label,
                "last_seen": facts.last_on,
                "moments": facts.moments,
                "tags": list(p.tags),
                "interests": list(p.interests[:5]),
                "org": r["org"],
                "met_where": r["met_where"],
            }
        )
    return {"total": len(found), "people": out}


def tags(kith: Kith) -> list[str]:
    """Every tag in use, by name, for the filter (from the account's directory)."""
    return directory(kith).tags()
