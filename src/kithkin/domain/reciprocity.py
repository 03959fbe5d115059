"""Reciprocity, not martyrdom: giving with nothing back, vanishing, kindness owed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from kithkin.domain.facts import LedgerFact, MomentFact, PersonFacts


@dataclass(frozen=True)
class MartyrdomRule:
    """Flag giving ``gives`` or more times in a row within ``window_days`` (configurable)."""

    gives: int = 3
    window_days: int = 90


#: After this many unanswered outreaches following a mini-collab offer, they vanished.
VANISH_AFTER = 2
#: Something received within this many days, not returned since, is kindness owed.
KINDNESS_WINDOW = 120
#: What to suggest to a martyr: a small project where both sides give.
MINI_COLLAB = "suggest a small mutual project: co-host a workshop, or swap skills for a week"


@dataclass(frozen=True)
class Martyrdom:
    """A run of giving with nothing received."""

    gives: int
    since: date
    kinds: tuple[str, ...]

    def words(self) -> str:
        """'you gave 5 times in a row since 2026-08-12 (help) and nothing came back'."""
        return (
            f"you gave {self.gives} times in a row since {self.since.isoformat()} "
            f"({', '.join(self.kinds)}) and nothing came back"
        )


def martyr_candidate(facts: PersonFacts, today: date, rule: MartyrdomRule) -> bool:
    """A cheap necessary condition for :func:`martyrdom`, from the facts alone."""
    return (
        facts.gives_since_received >= rule.gives
        and facts.last_gave_on is not None
        and facts.last_gave_on >= today - timedelta(days=rule.window_days)
    )


def martyrdom(
    entries: Iterable[LedgerFact], today: date, rule: MartyrdomRule = MartyrdomRule()
) -> Martyrdom | None:
    """Giving again and again with nothing back.

    run = the "gave" entries dated after the newest "received" one (entries after
    ``today`` are ignored); recent = those within ``rule.window_days`` of today.
    Flagged when len(recent) ≥ ``rule.gives``.
    """
    upto = [e for e in entries if e.on <= today]
    last_received = max((e.on for e in upto if e.direction == "received"), default=None)
    start = today - timedelta(days=rule.window_days)
    recent = sorted(
        (e for e in upto if e.direction == "gave" and e.on >= start)
        if last_received is None
        else (e for e in upto if e.direction == "gave" and e.on > last_received and e.on >= start),
        key=lambda e: (e.on, e.kind),
    )
    if len(recent) < rule.gives:
        return None
    return Martyrdom(len(recent), recent[0].on, tuple(dict.fromkeys(e.kind for e in recent)))


def vanished(offer_on: date, outreach: Iterable[MomentFact]) -> int | None:
    """Unanswered outreaches since a mini-collab offer, when they add up to vanishing.

    Counts outreach on or after ``offer_on`` still awaiting or marked unanswered; any
    answered one since the offer means they did not vanish. Returns the count when it
    is at least VANISH_AFTER, else None.
    """
    since = [m for m in outreach if m.outreach and m.on >= offer_on]
    if any(m.reply_state == "replied" for m in since):
        return None
    silent = sum(1 for m in since if m.reply_state in ("awaiting", "no_reply"))
    return silent if silent >= VANISH_AFTER else None


def kindness_owed(facts: PersonFacts, today: date) -> date | None:
    """The date they last gave, when it is recent and you have not given since.

    Owed when last_received_on ≥ today − KINDNESS_WINDOW and no "gave" entry is on or
    after it.
    """
    got = facts.last_received_on
    if got is None or got > today or got < today - timedelta(days=KINDNESS_WINDOW):
        return None
    if facts.last_gave_on is not None and facts.last_gave_on >= got:
        return None
    return got
