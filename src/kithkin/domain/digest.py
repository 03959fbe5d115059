"""The weekly digest: the week behind and the week ahead on one screen.

Pure: the week is computed from a date passed in, and every record arrives as a plain
value. The same records and date always give the same digest (every list has a total
order ending in the person's id). Nothing here sees organisation or title.

Windows, for a digest on day ``t``:

* the week behind: ``t − 6 … t`` (seven days ending today; weekly digests on the same
  weekday cover every day exactly once);
* the week ahead: ``t … t + 7`` (today is not over, so what is due today counts);
* birthdays: ``t … t + max(7, birthday_within)``; Today's birthday window, two weeks by
  default, so a birthday shows in two digests: a week's notice to post a card, then
  the week itself.

Nudges follow Today's rules: only active people (a snooze that has ended counts as
active), never a check-in with a drainer, and a reason set aside with
`kith today --done` stays aside here too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kithkin.domain.actions import action_for
from kithkin.domain.cadence import cadence_days, due_on
from kithkin.domain.dates import humanize_delta, next_birthday
from kithkin.domain.energy import energy_reading
from kithkin.domain.names import fold
from kithkin.domain.today import PersonState, TodayLine

#: Days in the week behind (ending today) and in the week ahead (after today).
WEEK_DAYS = 7
#: Today's reason kinds the digest gathers, by section.
RECIPROCITY_KINDS = ("martyrdom", "vanished", "kindness")
DRIFT_KINDS = ("drift", "fueller")
WAITING_KINDS = ("unanswered",)


@dataclass(frozen=True)
class Week:
    """The days a digest covers (all bounds inclusive)."""

    start: date
    end: date
    ahead_until: date
    birthdays_until: date

    @property
    def days(self) -> tuple[date, ...]:
        """The days of the week behind, oldest first."""
        return tuple(
            self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)
        )


def week_ending(day: date, birthday_within: int = 14) -> Week:
    """The week behind ends on ``day``: start = day − 6; ahead_until = day + 7;
    birthdays_until = day + max(7, birthday_within)."""
    return Week(
        start=day - timedelta(days=WEEK_DAYS - 1),
        end=day,
        ahead_until=day + timedelta(days=WEEK_DAYS),
        birthdays_until=day + timedelta(days=max(WEEK_DAYS, birthday_within)),
    )


def birthday_keys(start: date, until: date) -> tuple[tuple[int, int], ...]:
    """(month, day) of every day from ``start`` to ``until``; Feb 29 joins Feb 28, where
    it falls in common years. For the database to find the birthdays ahead."""
    pairs = {
        ((start + timedelta(days=n)).month, (start + timedelta(days=n)).day)
        for n in range((until - start).days + 1)
    }
    if (2, 28) in pairs:
        pairs.add((2, 29))
    return tuple(sorted(pairs))


# --- inputs: one row per record, as the storage layer reads them ---------------------


@dataclass(frozen=True)
class MomentRow:
    """One person in one moment of the week (a moment with three people is three rows)."""

    moment_id: int
    on: date
    kind: str
    energy: int | None
    person_id: int
    name: str


@dataclass(frozen=True)
class ReplyRow:
    """An outreach answered during the week."""

    person_id: int
    name: str
    sent_on: date
    replied_on: date
    style: str | None


@dataclass(frozen=True)
class LedgerRow:
    """One ledger entry of the week."""

    person_id: int
    name: str
    direction: str  # "gave" or "received"
    kind: str
    size: int
    on: date


@dataclass(frozen=True)
class PromiseRow:
    """One follow-up (``done_on`` None while open)."""

    id: int
    person_id: int
    name: str
    text: str
    due_on: date | None
    created_on: date
    done_on: date | None = None


# --- the digest -----------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """Someone you were in touch with this week."""

    person_id: int
    name: str
    moments: int
    kinds: tuple[str, ...]  # in the order they happened
    energy: int | None  # sum over their rated moments; None when none was rated
    last_on: date


@dataclass(frozen=True)
class PersonEnergy:
    """A person's summed energy this week."""

    person_id: int
    name: str
    energy: int


@dataclass(frozen=True)
class EnergyFlow:
    """How the week's moments left you.

    energy_in = Σ max(e, 0) and energy_out = Σ min(e, 0) over the week's rated moments
    (each moment once, however many people were in it); net = in + out. ``daily`` is
    each day's net, oldest first, None on a day with no rated moment. A person fuelled
    you when the energies of their moments sum to at least +1, drained you at −1 or less.
    """

    rated: int
    fuelled: int
    drained: int
    energy_in: int
    energy_out: int
    net: int
    daily: tuple[int | None, ...]
    fuelled_by: tuple[PersonEnergy, ...]
    drained_by: tuple[PersonEnergy, ...]


@dataclass(frozen=True)
class Exchange:
    """Something given or received this week."""

    person_id: int
    name: str
    kind: str
    size: int
    on: date


@dataclass(frozen=True)
class Reply:
    """An outreach that got its answer this week."""

    person_id: int
    name: str
    sent_on: date
    replied_on: date
    style: str | None
    words: str


@dataclass(frozen=True)
class PromiseLine:
    """A promise in the digest: kept this week, lapsed (open past its date), or due in
    the week ahead. An undated promise's date is the day it was made plus the grace."""

    id: int
    person_id: int
    name: str
    text: str
    state: str  # "kept", "lapsed" or "due"
    due_on: date | None
    created_on: date
    done_on: date | None
    words: str  # when, in words: "due 2 weeks ago", "due Thu 26 Nov", "kept on time"
    this_week: bool = False  # lapsed during the week behind


@dataclass(frozen=True)
class Nudge:
    """One of Today's reasons worth a line in the digest, with the action for it."""

    person_id: int
    name: str
    kind: str
    words: str
    action: str


@dataclass(frozen=True)
class Birthday:
    """A birthday ahead."""

    person_id: int
    name: str
    on: date
    days: int
    turning: int | None
    words: str


@dataclass(frozen=True)
class CheckIn:
    """A keep-in-touch check-in due by the end of the week ahead, or already overdue.

    ``due_on`` and ``overdue_days`` are None for someone with a rhythm and nothing
    logged yet: due since the rhythm was chosen.
    """

    person_id: int
    name: str
    due_on: date | None
    cadence_days: int
    last_on: date | None
    overdue_days: int | None  # 0 when due today or later
    words: str


@dataclass(frozen=True)
class Promises:
    """Promises kept this week, lapsed, and due in the week ahead."""

    kept: tuple[PromiseLine, ...] = ()
    lapsed: tuple[PromiseLine, ...] = ()
    due: tuple[PromiseLine, ...] = ()


@dataclass(frozen=True)
class Digest:
    """The week in one structure: text, markdown and JSON all render this.

    The week behind: ``contacts`` (everyone in a moment), ``moments`` (how many),
    ``energy``, ``given``/``received`` (the ledger), ``replies`` (outreach answered),
    ``promises.kept``. Standing: ``promises.lapsed``, ``reciprocity`` (Today's
    martyrdom, vanished and kindness reasons), ``drifting`` (drift, and fuellers not
    seen lately), ``waiting`` (outreach unanswered). The week ahead: ``promises.due``,
    ``birthdays``, ``check_ins`` (overdue ones included).
    """

    week: Week
    contacts: tuple[Contact, ...]
    moments: int
    energy: EnergyFlow
    given: tuple[Exchange, ...]
    received: tuple[Exchange, ...]
    replies: tuple[Reply, ...]
    promises: Promises
    reciprocity: tuple[Nudge, ...]
    drifting: tuple[Nudge, ...]
    waiting: tuple[Nudge, ...]
    birthdays: tuple[Birthday, ...]
    check_ins: tuple[CheckIn, ...]

    @property
    def quiet(self) -> bool:
        """True when nothing at all happened in the week behind."""
        return not (self.moments or self.given or self.received or self.replies)


# --- the parts --------------------------------------------------------------------------


def _order(name: str, person_id: int) -> tuple[str, str, int]:
    return (fold(name), name, person_id)


def contacts(rows: Iterable[MomentRow]) -> tuple[Contact, ...]:
    """Everyone in the week's moments: most moments first, then by name."""
    by_person: dict[int, list[MomentRow]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r.on, r.moment_id, r.person_id)):
        by_person[r.person_id].append(r)
    out = []
    for pid, mine in by_person.items():
        rated = [r.energy for r in mine if r.energy is not None]
        out.append(
            Contact(
                person_id=pid,
                name=mine[0].name,
                moments=len({r.moment_id for r in mine}),
                kinds=tuple(dict.fromkeys(r.kind for r in mine)),
                energy=sum(rated) if rated else None,
                last_on=max(r.on for r in mine),
            )
        )
    out.sort(key=lambda c: (-c.moments, *_order(c.name, c.person_id)))
    return tuple(out)


def energy_flow(rows: Iterable[MomentRow], week: Week) -> EnergyFlow:
    """The week's energy in and out (see :class:`EnergyFlow` for the formulas)."""
    rows = list(rows)
    per_moment: dict[int, tuple[date, int]] = {}
    for r in rows:
        if r.energy is not None:
            per_moment[r.moment_id] = (r.on, r.energy)
    energies = [e for _, e in per_moment.values()]
    daily: dict[date, int] = defaultdict(int)
    for on, e in per_moment.values():
        daily[on] += e
    totals: dict[int, int] = defaultdict(int)
    names: dict[int, str] = {}
    for r in rows:
        if r.energy is not None:
            totals[r.person_id] += r.energy
            names[r.person_id] = r.name
    people = [PersonEnergy(pid, names[pid], e) for pid, e in totals.items()]
    fuelled = sorted(
        (p for p in people if p.energy >= 1),
        key=lambda p: (-p.energy, *_order(p.name, p.person_id)),
    )
    drained = sorted(
        (p for p in people if p.energy <= -1),
        key=lambda p: (p.energy, *_order(p.name, p.person_id)),
    )
    energy_in = sum(e for e in energies if e > 0)
    energy_out = sum(e for e in energies if e < 0)
    return EnergyFlow(
        rated=len(energies),
        fuelled=sum(1 for e in energies if e >= 1),
        drained=sum(1 for e in energies if e <= -1),
        energy_in=energy_in,
        energy_out=energy_out,
        net=energy_in + energy_out,
        daily=tuple(daily.get(d) for d in week.days),
        fuelled_by=tuple(fuelled),
        drained_by=tuple(drained),
    )


def exchanges(rows: Iterable[LedgerRow]) -> tuple[tuple[Exchange, ...], tuple[Exchange, ...]]:
    """(given, received) this week, each by date then name."""
    ordered = sorted(rows, key=lambda r: (r.on, *_order(r.name, r.person_id), r.kind))
    gave = tuple(
        Exchange(r.person_id, r.name, r.kind, r.size, r.on)
        for r in ordered
        if r.direction == "gave"
    )
    got = tuple(
        Exchange(r.person_id, r.name, r.kind, r.size, r.on)
        for r in ordered
        if r.direction == "received"
    )
    return gave, got


def answered(rows: Iterable[ReplyRow], today: date) -> tuple[Reply, ...]:
    """Outreach answered this week, by reply date then name."""
    out = []
    for r in sorted(rows, key=lambda r: (r.replied_on, *_order(r.name, r.person_id), r.sent_on)):
        style = f"{r.style} " if r.style else ""
        words = (
            f"answered your {style}note of {r.sent_on.strftime('%d %b')} "
            f"({humanize_delta(r.replied_on, today)})"
        )
        out.append(Reply(r.person_id, r.name, r.sent_on, r.replied_on, r.style, words))
    return tuple(out)


def _day(d: date) -> str:
    return d.strftime("%a %d %b")


def promises(
    kept: Iterable[PromiseRow], open_: Iterable[PromiseRow], week: Week, grace: int
) -> Promises:
    """Sort promises into kept, lapsed and due.

    kept: done_on within the week behind. For an open promise let
    date = due_on, or created_on + ``grace`` when undated (Today's rule): lapsed when
    date < today (and lapsed this week when date ≥ start − 1, i.e. the first day it
    was late fell in the week), due when today ≤ date ≤ ahead_until. Lapsed oldest
    first; due soonest first; kept by the day kept.
    """
    today = week.end
    kept_lines = []
    for p in kept:
        if p.done_on is None or not week.start <= p.done_on <= week.end:
            continue
        kept_on = "today" if p.done_on == today else _day(p.done_on)
        if p.due_on is None or p.done_on <= p.due_on:
            words = f"kept {kept_on}" + (", on time" if p.due_on else "")
        else:
            late = (p.done_on - p.due_on).days
            words = f"kept {kept_on}, {late} day{'s' if late != 1 else ''} after its date"
        kept_lines.append(_line(p, "kept", words))
    lapsed, due = [], []
    for p in open_:
        when = p.due_on or p.created_on + timedelta(days=grace)
        if when < today:
            words = (
                f"due {humanize_delta(when, today)}"
                if p.due_on
                else f"promised {humanize_delta(p.created_on, today)}, no date set"
            )
            fresh = when >= week.start - timedelta(days=1)
            lapsed.append((when, _line(p, "lapsed", words, this_week=fresh)))
        elif when <= week.ahead_until:
            if p.due_on:
                words = f"due {'today' if when == today else _day(when)}"
            else:
                words = f"promised {humanize_delta(p.created_on, today)}; say by {_day(when)}"
            due.append((when, _line(p, "due", words)))
    kept_lines.sort(key=lambda x: (x.done_on, *_order(x.name, x.person_id), x.id))
    lapsed.sort(key=lambda x: (x[0], *_order(x[1].name, x[1].person_id), x[1].id))
    due.sort(key=lambda x: (x[0], *_order(x[1].name, x[1].person_id), x[1].id))
    return Promises(tuple(kept_lines), tuple(x for _, x in lapsed), tuple(x for _, x in due))


def _line(p: PromiseRow, state: str, words: str, *, this_week: bool = False) -> PromiseLine:
    return PromiseLine(
        p.id,
        p.person_id,
        p.name,
        p.text,
        state,
        p.due_on,
        p.created_on,
        p.done_on,
        words,
        this_week,
    )


def nudges(
    lines: Iterable[TodayLine], kinds: Sequence[str], interests: Mapping[int, str]
) -> tuple[Nudge, ...]:
    """Today's reasons of these kinds (any reason of a line, not just its first), in
    Today's order, each with the action Today would suggest."""
    out = []
    for line in lines:
        for r in line.reasons:
            if r.kind in kinds:
                action = action_for(r.kind, line.name, interests.get(line.person_id))
                out.append(Nudge(line.person_id, line.name, r.kind, r.words, action))
    return tuple(out)


def birthdays(
    people: Iterable[PersonState], week: Week, dismissed: Iterable[tuple[int, str]] = ()
) -> tuple[Birthday, ...]:
    """Birthdays from today to ``birthdays_until``, soonest first (a dismissed one is
    left out). turning = that year − birth year, when the year is known."""
    hidden = set(dismissed)
    today = week.end
    out = []
    for s in people:
        if s.birthday is None or (s.id, "birthday") in hidden:
            continue
        year, month, day = s.birthday
        on = next_birthday(month, day, today)
        if on > week.birthdays_until:
            continue
        turning = on.year - year if year else None
        words = f"{_day(on)}, {humanize_delta(on, today)}"
        if turning:
            words += f", turning {turning}"
        out.append(Birthday(s.id, s.name, on, (on - today).days, turning, words))
    out.sort(key=lambda b: (b.on, *_order(b.name, b.person_id)))
    return tuple(out)


def check_ins(
    people: Iterable[PersonState], week: Week, dismissed: Iterable[tuple[int, str]] = ()
) -> tuple[CheckIn, ...]:
    """Check-ins due by the end of the week ahead: never-logged first, then by due date.

    due = last contact + cadence (:func:`kithkin.domain.cadence.due_on`, cadence from
    :func:`cadence_days`; nothing logged yet means due since ever), listed when
    due ≤ ahead_until. Never for a drainer (no obligation coffees), nor while Today's
    cadence reason is set aside.
    """
    hidden = set(dismissed)
    today = week.end
    out = []
    for s in people:
        cadence = cadence_days(s.cadence_days, s.pancake)
        due = due_on(s.facts.last_on, cadence)
        if cadence is None or due is None or due > week.ahead_until:
            continue
        if (s.id, "cadence") in hidden or energy_reading(s.facts).label == "drainer":
            continue
        last = s.facts.last_on
        rhythm = f"every {cadence} days"
        if last is None:
            words = f"nothing logged yet; {rhythm}"
            item = CheckIn(s.id, s.name, None, cadence, None, None, words)
        else:
            if due < today:
                words = f"last in touch {humanize_delta(last, today)}; {rhythm}"
            else:
                words = f"due {'today' if due == today else _day(due)}; {rhythm}"
            item = CheckIn(s.id, s.name, due, cadence, last, max(0, (today - due).days), words)
        out.append(item)
    out.sort(key=lambda c: (c.due_on or date.min, *_order(c.name, c.person_id)))
    return tuple(out)


def assemble(
    week: Week,
    *,
    moments: Sequence[MomentRow] = (),
    replies: Sequence[ReplyRow] = (),
    ledger: Sequence[LedgerRow] = (),
    kept: Sequence[PromiseRow] = (),
    open_promises: Sequence[PromiseRow] = (),
    lines: Sequence[TodayLine] = (),
    ahead: Sequence[PersonState] = (),
    dismissed: Iterable[tuple[int, str]] = (),
    interests: Mapping[int, str] | None = None,
    grace: int = 14,
) -> Digest:
    """The digest of the week ending ``week.end``.

    ``moments``, ``replies``, ``ledger`` and ``kept`` are the week's records (any
    person); ``open_promises``, ``lines`` (Today's ranked lines on ``week.end``) and
    ``ahead`` (people who may have a birthday or check-in ahead) are active people's.
    ``interests`` gives a person's first interest, for the actions.
    """
    interests = interests or {}
    hidden = set(dismissed)
    given, received = exchanges(ledger)
    return Digest(
        week=week,
        contacts=contacts(moments),
        moments=len({m.moment_id for m in moments}),
        energy=energy_flow(moments, week),
        given=given,
        received=received,
        replies=answered(replies, week.end),
        promises=promises(kept, open_promises, week, grace),
        reciprocity=nudges(lines, RECIPROCITY_KINDS, interests),
        drifting=nudges(lines, DRIFT_KINDS, interests),
        waiting=nudges(lines, WAITING_KINDS, interests),
        birthdays=birthdays(ahead, week, hidden),
        check_ins=check_ins(ahead, week, hidden),
    )
