"""Today: the ranked list, and acting on its lines (done, snooze)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import Connection

from kithkin.domain.actions import action_for
from kithkin.domain.errors import InvalidInput
from kithkin.domain.records import item_title
from kithkin.domain.today import (
    Bounds,
    Gift,
    PersonState,
    Prefilter,
    TodayLine,
    TodayRules,
    dismiss_until,
    prefilter,
    rank,
    top_lines,
)
from kithkin.services.context import Kith, new_uid
from kithkin.services.settings import today_rules
from kithkin.storage import people_repo, records_repo, saved_repo, today_repo
from kithkin.storage.facts_repo import facts_of_row


@dataclass(frozen=True)
class TodayItem:
    """One numbered line of Today, in words."""

    index: int
    person_id: int
    name: str
    kind: str
    reason: str
    action: str
    also: tuple[str, ...]
    energy: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        """The item for --json."""
        return {
            "index": self.index,
            "person_id": self.person_id,
            "person": self.name,
            "kind": self.kind,
            "reason": self.reason,
            "action": self.action,
            "also": list(self.also),
            "energy": self.energy,
            "score": self.score,
        }


def person_state(row: dict[str, Any]) -> PersonState:
    """A PersonState from a row of people columns joined with person_facts."""
    month, day = row["birthday_month"], row["birthday_day"]
    return PersonState(
        id=row["id"],
        name=row["display_name"],
        cadence_days=row["cadence_days"],
        pancake=row["pancake"],
        birthday=(row["birthday_year"], month, day) if month and day else None,
        facts=facts_of_row(row),
    )


def _rank_states(
    conn: Connection,
    kith: Kith,
    states: list[PersonState],
    pf: Prefilter,
    rules: TodayRules,
    dismissed: set[tuple[int, str]],
    *,
    all_promises: bool = False,
) -> list[TodayLine]:
    """Rank these people, reading the details their facts ask for (promises, the
    ledger of possible martyrs, the outreach of possible vanishers) in three queries."""
    ids = None if all_promises else [s.id for s in states]
    promises = today_repo.lapsed_promises(conn, kith.account_id, pf, ids)
    rule = rules.martyr
    martyrs = [
        s.id
        for s in states
        if s.facts.gives_since_received >= rule.gives and s.facts.last_gave_on is not None
    ]
    offers = {
        s.id: s.facts.last_offer_on
        for s in states
        if s.facts.last_offer_on is not None and s.facts.unanswered
    }
    return rank(
        states,
        pf.today,
        rules,
        promises=promises,
        ledgers=today_repo.ledger_entries(conn, martyrs),
        outreach=today_repo.outreach_since(conn, offers),
        gifts=gifts(conn, kith, [s.id for s in states], pf.gifts_since),
        dismissed=dismissed,
    )


def gifts(conn: Connection, kith: Kith, ids: list[int], since: date) -> dict[int, list[Gift]]:
    """Unsent saved items that fit these people (from the stored matches)."""
    return {
        pid: [
            Gift(
                r["item_id"],
                item_title(r["url"], r["text"], 50),
                r["topic"],
                r["interest"],
                r["score"],
                r["saved_on"],
            )
            for r in rows
        ]
        for pid, rows in saved_repo.matches_of(conn, kith.account_id, ids, since).items()
        if rows
    }


def ranked(
    kith: Kith, on: date | None = None, rules: TodayRules | None = None, *, everyone: bool = False
) -> list[TodayLine]:
    """Every line Today could show on ``on`` (default: today), best first.

    ``everyone`` skips the database's prefilter and ranks every active person: slower,
    the same answer (tests hold the two together).
    """
    day = on or kith.today
    rules = rules or today_rules()
    pf = prefilter(day, rules)
    with kith.begin() as conn:
        rows = today_repo.candidates(conn, kith.account_id, pf, use_prefilter=not everyone)
        dismissed = today_repo.active_dismissals(conn, kith.account_id, day)
        states = [person_state(r) for r in rows]
        return _rank_states(conn, kith, states, pf, rules, dismissed, all_promises=True)


#: How many candidates Today ranks at a time while looking for its top lines.
BATCH = 128


def top(
    kith: Kith,
    k: int,
    on: date | None = None,
    rules: TodayRules | None = None,
    *,
    batch: int = BATCH,
) -> list[TodayLine]:
    """The first ``k`` lines of :func:`ranked`, ranking only as many candidates as needed:
    the database orders candidates by an upper bound on their score, and ranking stops
    once no remaining candidate can reach the top ``k``."""
    day = on or kith.today
    rules = rules or today_rules()
    pf = prefilter(day, rules)
    with kith.begin() as conn:
        dismissed = today_repo.active_dismissals(conn, kith.account_id, day)
        rows = today_repo.by_bound(conn, kith.account_id, pf, Bounds())

        def batches() -> Iterator[tuple[list[TodayLine], float]]:
            while chunk := list(islice(rows, batch)):
                states = [person_state(r) for r in chunk]
                lines = _rank_states(conn, kith, states, pf, rules, dismissed)
                yield lines, float(chunk[-1]["bound"])

        try:
            return top_lines(batches(), k)
        finally:
            rows.close()  # the rest of the candidates are never read


def items(kith: Kith, lines: list[TodayLine]) -> list[TodayItem]:
    """Numbered lines in words, each action tied to one of the person's interests."""
    with kith.begin() as conn:
        interests = people_repo.interests_of(conn, [line.person_id for line in lines])
    out = []
    for i, line in enumerate(lines, 1):
        first = interests.get(line.person_id) or []
        interest = first[0]["phrase"] if first else None
        out.append(
            TodayItem(
                index=i,
                person_id=line.person_id,
                name=line.name,
                kind=line.reason.kind,
                reason=line.reason.words,
                action=action_for(line.reason.kind, line.name, interest),
                also=tuple(r.words for r in line.reasons[1:]),
                energy=line.energy,
                score=line.score,
            )
        )
    return out


def today(kith: Kith, on: date | None = None, limit: int | None = None) -> list[TodayItem]:
    """Today's list: the top ``limit`` lines (the settings' limit by default)."""
    rules = today_rules()
    return items(kith, top(kith, limit or rules.limit, on, rules))


def _line(kith: Kith, index: int, on: date | None) -> TodayLine:
    lines = top(kith, max(index, 1), on)
    if not lines:
        raise InvalidInput("line", f"there is no line {index}: Today's list is empty")
    if not 1 <= index <= len(lines):
        raise InvalidInput("line", f"there is no line {index} on Today (lines 1 to {len(lines)})")
    return lines[index - 1]


def done(kith: Kith, index: int, on: date | None = None) -> str:
    """Act on line ``index``: a promise is marked kept; any other reason is hidden for a
    while (see ``dismiss_until``). Returns what was done, in words."""

    return _act(kith, _line(kith, index, on), on or kith.today)


def done_for(kith: Kith, person_id: int, kind: str, on: date | None = None) -> str:
    """Act on the line Today shows for this person and reason (as :func:`done`).

    For callers that showed the list a while ago (the web page): line numbers may have
    moved since, the person and the reason have not.
    """
    rules = today_rules()
    for line in top(kith, rules.limit, on, rules):
        if line.person_id == person_id and line.reason.kind == kind:
            return _act(kith, line, on or kith.today)
    raise InvalidInput("line", "that line is no longer on Today's list")


def _act(kith: Kith, line: TodayLine, day: date) -> str:
    from kithkin.storage import moments_repo

    reason = line.reason
    with kith.begin() as conn:
        if reason.kind == "follow-up" and reason.ref is not None:
            promise = moments_repo.follow_ups_of(
                conn, kith.account_id, open_only=False, follow_up_id=reason.ref
            )[0]
            moments_repo.mark_follow_up_done(conn, reason.ref, day)
            return f"{line.name}: kept your promise to {promise['text']}"
        if reason.kind == "saved" and reason.ref is not None:
            return _sent_gift(kith, conn, line, reason.ref, day)
        until = dismiss_until(reason, day)
        records_repo.insert_dismissal(
            conn,
            {
                "account_id": kith.account_id,
                "person_id": line.person_id,
                "reason": reason.kind,
                "dismissed_on": day,
                "until_on": until,
            },
        )
    return f"{line.name}: {reason.kind} set aside until {until.isoformat()}"


def _sent_gift(kith: Kith, conn: Connection, line: TodayLine, item_id: int, day: date) -> str:
    """A saved item went to them: the match is marked sent and the ledger notes the gift."""
    saved_repo.mark_sent(conn, item_id, line.person_id, day)
    item = saved_repo.items(conn, kith.account_id, [item_id])[0]
    name = item_title(item["url"], item["text"])
    records_repo.insert_ledger(
        conn,
        {
            "account_id": kith.account_id,
            "uid": new_uid(),
            "person_id": line.person_id,
            "direction": "gave",
            "kind": "article",
            "size": 1,
            "occurred_on": day,
            "note": f"sent {name}",
        },
    )
    return f"{line.name}: sent {name} (noted in the ledger as a gift)"


def person_at(kith: Kith, index: int, on: date | None = None) -> tuple[int, str]:
    """(id, name) of the person on line ``index``."""
    line = _line(kith, index, on)
    return line.person_id, line.name
