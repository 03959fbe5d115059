"""The weekly digest: one structure that the text, markdown and JSON renderings share."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from kithkin.domain.cadence import PANCAKE_CADENCE
from kithkin.domain.digest import (
    DRIFT_KINDS,
    RECIPROCITY_KINDS,
    WAITING_KINDS,
    Digest,
    assemble,
    birthday_keys,
    week_ending,
)
from kithkin.domain.errors import InvalidInput
from kithkin.services.context import Kith
from kithkin.services.settings import today_rules
from kithkin.services.today import person_state, ranked
from kithkin.storage import digest_repo, people_repo, today_repo

#: Today's reason kinds that the digest shows with an action.
NUDGE_KINDS = frozenset(RECIPROCITY_KINDS + DRIFT_KINDS + WAITING_KINDS)


def digest(kith: Kith, on: date | None = None) -> Digest:
    """The digest of the week ending ``on`` (default: today)."""
    day = on or kith.today
    rules = today_rules()
    try:
        week = week_ending(day, rules.birthday_within)
    except OverflowError:
        raise InvalidInput(
            "date", f"{day.isoformat()} is too near the end of the calendar"
        ) from None
    lines = ranked(kith, day, rules)
    nudged = sorted({ln.person_id for ln in lines for r in ln.reasons if r.kind in NUDGE_KINDS})
    aid = kith.account_id
    with kith.begin() as conn:
        moments = digest_repo.moments_between(conn, aid, week.start, week.end)
        replies = digest_repo.replies_between(conn, aid, week.start, week.end)
        ledger = digest_repo.ledger_between(conn, aid, week.start, week.end)
        kept = digest_repo.kept_between(conn, aid, week.start, week.end)
        open_promises = digest_repo.open_promises(conn, aid, day, week.ahead_until)
        keys = birthday_keys(day, week.birthdays_until)
        rows = digest_repo.people_ahead(conn, aid, day, week.ahead_until, keys, PANCAKE_CADENCE)
        dismissed = today_repo.active_dismissals(conn, aid, day)
        interests = people_repo.interests_of(conn, nudged)
    return assemble(
        week,
        moments=moments,
        replies=replies,
        ledger=ledger,
        kept=kept,
        open_promises=open_promises,
        lines=lines,
        ahead=[person_state(r) for r in rows],
        dismissed=dismissed,
        interests={pid: found[0]["phrase"] for pid, found in interests.items() if found},
        grace=rules.follow_up_grace,
    )


def as_dict(d: Digest) -> dict[str, Any]:
    """The digest for ``--json`` and the web API: the dataclasses as plain values."""
    out = asdict(d)
    out["quiet"] = d.quiet
    return out
