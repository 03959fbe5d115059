"""Today: who to reach out to and why, ranked.

Every reason has an urgency from 0 to 100 (formulas beside each), a person's score is
their strongest reason plus a little for each other one, and ties fall to the name:
the same database and date always give the same list. Nothing here sees org or title.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from kithkin.domain.cadence import PANCAKE_CADENCE, cadence_days, due_on, overdue_days
from kithkin.domain.dates import humanize_delta, next_birthday
from kithkin.domain.depth import CLOSE_PER_YEAR, DRIFT_RATIO, depth_score, drift
from kithkin.domain.energy import FUELLER_AT, MIN_RATED, energy_reading
from kithkin.domain.facts import (
    HALF_LIFE_FAST,
    HALF_LIFE_SLOW,
    LedgerFact,
    MomentFact,
    PersonFacts,
    decay_scale,
)
from kithkin.domain.names import fold
from kithkin.domain.reciprocity import (
    KINDNESS_WINDOW,
    VANISH_AFTER,
    MartyrdomRule,
    kindness_owed,
    martyr_candidate,
    martyrdom,
    vanished,
)

#: Reason kinds, in the words `kith today --json` uses.
REASONS = (
    "follow-up",
    "birthday",
    "martyrdom",
    "vanished",
    "unanswered",
    "kindness",
    "saved",
    "cadence",
    "fueller",
    "drift",
)
#: Reasons never raised for a drainer: no obligation meetings with people who drain you.
OBLIGATIONS = frozenset({"cadence", "fueller", "drift"})
#: Nor gifts: a saved item goes to someone who fuels you or is neutral, not to a drainer.
NOT_FOR_DRAINERS = OBLIGATIONS | {"saved"}
#: A saved item is offered on Today for this many days after you saved it.
GIFT_FRESH_DAYS = 60
#: Each further reason a person has adds this much to their score, at most EXTRA_CAP.
EXTRA_EACH, EXTRA_CAP = 3.0, 9.0
#: The highest urgency each reason's formula can reach (held to the formulas by a test):
#: with EXTRA_*, an upper bound on a score that the database can compute, so Today
#: ranks only as many candidates as it needs for its top lines.
MAX_URGENCY: dict[str, float] = {
    "follow-up": 100.0,
    "birthday": 95.0,
    "unanswered": 70.0,
    "cadence": 70.0,
    "martyrdom": 65.0,
    "kindness": 60.0,
    "saved": 45.0,
    "fueller": 60.0,
    "drift": 60.0,
    "vanished": 50.0,
}
#: How long `kith today --done` hides a reason, in days (cadence: one cadence period;
#: birthday: until the day after; follow-up: the promise is marked kept instead).
DISMISS_DAYS = {
    "unanswered": 14,
    "kindness": 60,
    "fueller": 30,
    "drift": 90,
    "martyrdom": 90,
    "vanished": 90,
    "saved": 30,
}


@dataclass(frozen=True)
class TodayRules:
    """The knobs of Today (all have defaults; the martyrdom rule is configurable)."""

    limit: int = 7
    unanswered_after: int = 7
    birthday_within: int = 14
    fueller_gap: int = 45
    follow_up_grace: int = 14
    martyr: MartyrdomRule = field(default_factory=MartyrdomRule)


@dataclass(frozen=True)
class PersonState:
    """What Today knows about one person (active people only are passed in)."""

    id: int
    name: str
    cadence_days: int | None = None
    pancake: str | None = None
    birthday: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    facts: PersonFacts = field(default_factory=PersonFacts)


@dataclass(frozen=True)
class Promise:
    """An open follow-up."""

    id: int
    person_id: int
    text: str
    due_on: date | None
    created_on: date


@dataclass(frozen=True)
class Gift:
    """A saved item that fits a person and has not been sent to them."""

    item_id: int
    title: str
    topic: str
    interest: str
    score: float  # similarity of topic and interest, 0–1
    saved_on: date

    def words(self) -> str:
        """'send "…" (mycelium materials ~ their sustainable packaging), no reason needed'."""
        fit = self.topic if self.topic == self.interest else f"{self.topic} ~ their {self.interest}"
        return f'send "{self.title}" ({fit}), no reason needed'


@dataclass(frozen=True)
class Reason:
    """Why a person is on the list: its kind, urgency (0–100), words, and a reference
    (the follow-up id for promises)."""

    kind: str
    urgency: float
    words: str
    ref: int | None = None
    until: date | None = None  # how long `--done` hides it


@dataclass(frozen=True)
class TodayLine:
    """One person on the list, their reasons strongest first."""

    person_id: int
    name: str
    score: float
    reasons: tuple[Reason, ...]
    energy: str

    @property
    def reason(self) -> Reason:
        """The strongest reason."""
        return self.reasons[0]


def _promise_reason(p: Promise, today: date, rules: TodayRules) -> Reason | None:
    """urgency = 70 + 30 · min(days late, 90) / 90; undated promises lapse after the grace."""
    due = p.due_on or p.created_on + timedelta(days=rules.follow_up_grace)
    late = (today - due).days
    if late <= 0:
        return None
    when = f"due {humanize_delta(due, today)}" if p.due_on else f"promised {p.created_on}"
    return Reason(
        "follow-up", 70 + 30 * min(late, 90) / 90, f"you promised: {p.text} ({when})", p.id
    )


def _birthday_reason(s: PersonState, today: date, rules: TodayRules) -> Reason | None:
    """urgency = 60 + 35 · (1 − days until / window)."""
    if s.birthday is None:
        return None
    year, month, day = s.birthday
    nxt = next_birthday(month, day, today)
    days = (nxt - today).days
    if days > rules.birthday_within:
        return None
    words = f"birthday {humanize_delta(nxt, today)} ({nxt.strftime('%a %d %b')})"
    if year:
        words += f", turning {nxt.year - year}"
    urgency = 60 + 35 * (1 - days / rules.birthday_within)
    return Reason("birthday", urgency, words, until=nxt + timedelta(days=1))


def _cadence_reason(s: PersonState, today: date, depth: int) -> Reason | None:
    """urgency = 30 + 25 · min(overdue / cadence, 2) / 2 + 15 · depth / 100."""
    cadence = cadence_days(s.cadence_days, s.pancake)
    late = overdue_days(due_on(s.facts.last_on, cadence), today)
    if not late or cadence is None:
        return None
    if s.facts.last_on:
        words = f"last connected {humanize_delta(s.facts.last_on, today)}"
    else:
        words = "nothing logged yet"
        late = cadence  # never connected: as urgent as one whole period overdue
    words += f"; your rhythm is every {cadence} days"
    if not s.cadence_days:
        words += f" (pancake test: {s.pancake})"
    urgency = 30 + 25 * min(late / cadence, 2) / 2 + 15 * depth / 100
    return Reason("cadence", urgency, words, until=today + timedelta(days=cadence))


def _unanswered_reason(f: PersonFacts, today: date, rules: TodayRules) -> Reason | None:
    """urgency = 40 + 30 · min(days waiting − threshold, 30) / 30."""
    if f.oldest_awaiting_on is None:
        return None
    waiting = (today - f.oldest_awaiting_on).days
    if waiting < rules.unanswered_after:
        return None
    since = f.oldest_awaiting_on.isoformat()
    words = f"your outreach of {since} has had no reply for {waiting} days"
    if f.awaiting > 1:
        words += f" ({f.awaiting} awaiting)"
    urgency = 40 + 30 * min(waiting - rules.unanswered_after, 30) / 30
    return Reason("unanswered", urgency, words)


def _gift_reason(gifts: Sequence[Gift], today: date) -> Reason | None:
    """The best fresh gift: urgency = 30 + 15 · similarity − 10 · days since saved / 60."""
    best: tuple[float, int, Gift] | None = None
    for g in gifts:
        age = (today - g.saved_on).days
        if not 0 <= age <= GIFT_FRESH_DAYS:
            continue
        urgency = 30 + 15 * min(max(g.score, 0.0), 1.0) - 10 * age / GIFT_FRESH_DAYS
        if best is None or (urgency, -g.item_id) > (best[0], -best[1]):
            best = (urgency, g.item_id, g)
    if best is None:
        return None
    return Reason("saved", best[0], best[2].words(), ref=best[2].item_id)


def reasons_for(
    s: PersonState,
    today: date,
    rules: TodayRules = TodayRules(),
    promises: Sequence[Promise] = (),
    ledger: Sequence[LedgerFact] | None = None,
    outreach: Sequence[MomentFact] | None = None,
    gifts: Sequence[Gift] = (),
) -> tuple[str, list[Reason]]:
    """(energy label, reasons strongest first) for one person.

    ``ledger`` (their ledger entries) and ``outreach`` (their outreach moments) are
    only read when the facts say martyrdom or vanishing are possible.
    """
    f = s.facts
    energy = energy_reading(f)
    found: list[Reason | None] = [_promise_reason(p, today, rules) for p in promises]
    found.append(_birthday_reason(s, today, rules))
    found.append(_unanswered_reason(f, today, rules))
    if ledger is not None and martyr_candidate(f, today, rules.martyr):
        m = martyrdom(ledger, today, rules.martyr)
        if m:
            # urgency = 55 + 2 · min(gives beyond the rule, 5)
            urgency: float = 55 + 2 * min(m.gives - rules.martyr.gives, 5)
            found.append(Reason("martyrdom", urgency, m.words()))
    if outreach is not None and f.last_offer_on is not None:
        n = vanished(f.last_offer_on, outreach)
        if n:
            words = f"no reply to {n} outreaches since your mini-collab offer on {f.last_offer_on}"
            found.append(Reason("vanished", 50.0, words))
    owed = kindness_owed(f, today)
    if owed:
        # urgency = 45 + 15 · (1 − days since they gave / window)
        ago = (today - owed).days
        words = f"they gave you something {humanize_delta(owed, today)}; nothing went back since"
        found.append(Reason("kindness", 45 + 15 * (1 - ago / KINDNESS_WINDOW), words))
    if energy.label != "drainer":  # drainers get none of NOT_FOR_DRAINERS
        found.append(_gift_reason(gifts, today))
        depth = depth_score(f, today).score
        found.append(_cadence_reason(s, today, depth))
        if energy.label == "fueller" and f.last_on is not None:
            gap = (today - f.last_on).days
            if gap >= rules.fueller_gap:
                # urgency = 35 + 20 · min((gap − threshold) / 90, 1) + 5 · mean energy / 2
                urgency = 35 + 20 * min((gap - rules.fueller_gap) / 90, 1)
                urgency += 5 * (energy.mean or 0) / 2
                words = f"{energy.evidence()}; last seen {humanize_delta(f.last_on, today)}"
                found.append(Reason("fueller", urgency, words))
        d = drift(f, today)
        if d:
            # urgency = 40 + 20 · (1 − lately / (ratio · past))
            ratio = d.lately_per_year / max(d.past_per_year, 1e-9)
            urgency = 40 + 20 * max(0.0, 1 - ratio / DRIFT_RATIO)
            found.append(Reason("drift", urgency, d.words()))
    reasons = sorted(
        (r for r in found if r is not None),
        key=lambda r: (-r.urgency, REASONS.index(r.kind), r.ref or 0),
    )
    return energy.label, reasons


def dismiss_until(reason: Reason, today: date) -> date:
    """Until when `kith today --done` hides this reason."""
    if reason.until is not None:
        return reason.until
    return today + timedelta(days=DISMISS_DAYS.get(reason.kind, 30))


def rank(
    people: Iterable[PersonState],
    today: date,
    rules: TodayRules = TodayRules(),
    *,
    promises: Mapping[int, Sequence[Promise]] | None = None,
    ledgers: Mapping[int, Sequence[LedgerFact]] | None = None,
    outreach: Mapping[int, Sequence[MomentFact]] | None = None,
    gifts: Mapping[int, Sequence[Gift]] | None = None,
    dismissed: Iterable[tuple[int, str]] = (),
) -> list[TodayLine]:
    """Every person with a reason today, highest score first.

    score = top urgency + min(EXTRA_EACH · (number of reasons − 1), EXTRA_CAP);
    order = (−score, folded name, id). Dismissed (person id, reason kind) pairs are
    left out; a person whose every reason is dismissed is not listed.
    """
    promises = promises or {}
    ledgers = ledgers or {}
    outreach = outreach or {}
    gifts = gifts or {}
    hidden = set(dismissed)
    lines = []
    for s in people:
        energy, reasons = reasons_for(
            s,
            today,
            rules,
            promises.get(s.id, ()),
            ledgers.get(s.id, ()),
            outreach.get(s.id, ()),
            gifts.get(s.id, ()),
        )
        reasons = [r for r in reasons if (s.id, r.kind) not in hidden]
        if not reasons:
            continue
        score = reasons[0].urgency + min(EXTRA_EACH * (len(reasons) - 1), EXTRA_CAP)
        lines.append(TodayLine(s.id, s.name, round(score, 2), tuple(reasons), energy))
    lines.sort(key=_order)
    return lines


@dataclass(frozen=True)
class Bounds:
    """How to bound a score from the reasons a person may have: ``top[kind]`` is that
    reason's highest urgency; each further possible reason adds ``extra``, up to ``cap``."""

    top: Mapping[str, float] = field(default_factory=lambda: dict(MAX_URGENCY))
    extra: float = EXTRA_EACH
    cap: float = EXTRA_CAP


def top_lines(batches: Iterable[tuple[list[TodayLine], float]], k: int) -> list[TodayLine]:
    """The best ``k`` lines from batches of candidates ranked in order of their bound.

    Each batch comes with the smallest bound in it, which no later candidate exceeds;
    once the k-th best line scores strictly more than that, no later candidate can
    enter the top k (ties go on, as a tie falls to the name).
    """
    best: list[TodayLine] = []
    for lines, last_bound in batches:
        best = sorted([*best, *lines], key=_order)[:k]
        if len(best) >= k and best[k - 1].score > last_bound:
            break
    return best


def _order(line: TodayLine) -> tuple[float, str, int]:
    return (-line.score, fold(line.name), line.person_id)


@dataclass(frozen=True)
class Prefilter:
    """Necessary conditions for any reason, for the database to test before ranking.

    Every person :func:`reasons_for` could give a reason to meets at least one of
    these loose conditions (a test holds the two together), so the database returns a
    few hundred candidates instead of everyone. Days are plain dates here.
    """

    today: date
    pancake_cadence: Mapping[str, int]
    birthdays: tuple[tuple[int, int], ...]  # (month, day) within the window
    unanswered_by: date  # oldest awaiting outreach on or before this
    lapsed_by: date  # undated promises made before this have lapsed
    fueller_min_rated: int
    fueller_at: float
    fueller_seen_by: date
    kindness_since: date
    martyr_gives: int
    martyr_since: date
    vanish_after: int
    drift_close: float  # past moments a year · 3 (the deepest) must reach this
    drift_lately_share: float  # lately < this share of past · 3 is possible drift
    gifts_since: date  # items saved on or after this are offered
    slow_per_year: float  # times w_slow: moments a year (steady state), slow half-life
    fast_per_year: float  # the same for w_fast


def prefilter(today: date, rules: TodayRules = TodayRules()) -> Prefilter:
    """The loose conditions that find every possible candidate for Today."""
    days = (today + timedelta(days=n) for n in range(rules.birthday_within + 1))
    pairs = {(d.month, d.day) for d in days}
    if (2, 28) in pairs:
        pairs.add((2, 29))  # Feb 29 birthdays fall on Feb 28 in common years

    def per_year(h: int) -> float:
        return decay_scale(today, h) * math.log(2) / h * 365

    return Prefilter(
        today=today,
        pancake_cadence=PANCAKE_CADENCE,
        birthdays=tuple(sorted(pairs)),
        unanswered_by=today - timedelta(days=rules.unanswered_after),
        lapsed_by=today - timedelta(days=rules.follow_up_grace),
        fueller_min_rated=MIN_RATED,
        fueller_at=FUELLER_AT - 1e-6,
        fueller_seen_by=today - timedelta(days=rules.fueller_gap),
        kindness_since=today - timedelta(days=KINDNESS_WINDOW),
        martyr_gives=rules.martyr.gives,
        martyr_since=today - timedelta(days=rules.martyr.window_days),
        vanish_after=VANISH_AFTER,
        drift_close=CLOSE_PER_YEAR,
        drift_lately_share=3 * DRIFT_RATIO,
        gifts_since=today - timedelta(days=GIFT_FRESH_DAYS),
        slow_per_year=per_year(HALF_LIFE_SLOW),
        fast_per_year=per_year(HALF_LIFE_FAST),
    )
