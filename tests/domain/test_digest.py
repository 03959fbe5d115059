"""The weekly digest's pure parts, with explicit dates and hand-computed answers."""

from __future__ import annotations

import random
from datetime import date, timedelta

from kithkin.domain.digest import (
    LedgerRow,
    MomentRow,
    PromiseRow,
    ReplyRow,
    assemble,
    birthday_keys,
    birthdays,
    check_ins,
    contacts,
    energy_flow,
    exchanges,
    nudges,
    promises,
    week_ending,
)
from kithkin.domain.facts import PersonFacts
from kithkin.domain.today import PersonState, Reason, TodayLine

SAT = date(2026, 11, 21)
WEEK = week_ending(SAT)


def test_the_week_is_the_seven_days_ending_today_and_the_week_after() -> None:
    assert (WEEK.start, WEEK.end) == (date(2026, 11, 15), SAT)
    assert WEEK.ahead_until == date(2026, 11, 28)
    assert WEEK.birthdays_until == date(2026, 12, 5)  # Today's 14-day birthday window
    assert WEEK.days[0] == date(2026, 11, 15) and WEEK.days[-1] == SAT and len(WEEK.days) == 7
    # a shorter birthday window never makes birthdays look less than a week ahead
    assert week_ending(SAT, birthday_within=3).birthdays_until == date(2026, 11, 28)
    # consecutive weekly digests cover every day once
    assert week_ending(date(2026, 11, 14)).end + timedelta(days=1) == WEEK.start


def test_birthday_keys_cover_the_window_and_feb_29_in_common_years() -> None:
    keys = birthday_keys(date(2027, 2, 26), date(2027, 3, 1))
    assert keys == ((2, 26), (2, 27), (2, 28), (2, 29), (3, 1))
    assert (2, 29) not in birthday_keys(date(2027, 3, 1), date(2027, 3, 5))


MOMENTS = [
    # moment 1: A and B together, +2; moment 2: C, −1; moment 3: A, unrated; moment 4: A, +1
    MomentRow(1, date(2026, 11, 16), "coffee", 2, 10, "Ana"),
    MomentRow(1, date(2026, 11, 16), "coffee", 2, 11, "Bea"),
    MomentRow(2, date(2026, 11, 16), "call", -1, 12, "Cy"),
    MomentRow(3, date(2026, 11, 20), "call", None, 10, "Ana"),
    MomentRow(4, date(2026, 11, 21), "message", 1, 10, "Ana"),
]


def test_energy_in_and_out_counts_each_moment_once() -> None:
    e = energy_flow(MOMENTS, WEEK)
    # in = 2 + 1 (moment 1 counts once although two people were there); out = −1
    assert (e.rated, e.fuelled, e.drained) == (3, 2, 1)
    assert (e.energy_in, e.energy_out, e.net) == (3, -1, 2)
    # Sun 15 nothing; Mon 16: +2 − 1; Fri 20 only an unrated moment; Sat 21: +1
    assert e.daily == (None, 1, None, None, None, None, 1)
    assert [(p.name, p.energy) for p in e.fuelled_by] == [("Ana", 3), ("Bea", 2)]
    assert [(p.name, p.energy) for p in e.drained_by] == [("Cy", -1)]


def test_no_rated_moment_means_no_energy_either_way() -> None:
    e = energy_flow([MomentRow(1, SAT, "walk", None, 1, "Ana")], WEEK)
    assert (e.rated, e.energy_in, e.energy_out, e.net) == (0, 0, 0, 0)
    assert e.daily == (None,) * 7 and not e.fuelled_by and not e.drained_by


def test_contacts_most_moments_first_with_kinds_in_order() -> None:
    seen = contacts(reversed(MOMENTS))
    assert [(c.name, c.moments, c.kinds, c.energy, c.last_on) for c in seen] == [
        ("Ana", 3, ("coffee", "call", "message"), 3, SAT),
        ("Bea", 1, ("coffee",), 2, date(2026, 11, 16)),
        ("Cy", 1, ("call",), -1, date(2026, 11, 16)),
    ]


def test_exchanges_split_by_direction_in_date_order() -> None:
    rows = [
        LedgerRow(2, "Bo", "received", "article", 1, date(2026, 11, 20)),
        LedgerRow(1, "Al", "gave", "help", 2, date(2026, 11, 16)),
        LedgerRow(3, "Cy", "received", "intro", 3, date(2026, 11, 17)),
    ]
    gave, got = exchanges(rows)
    assert [(x.name, x.kind, x.size) for x in gave] == [("Al", "help", 2)]
    assert [(x.name, x.kind) for x in got] == [("Cy", "intro"), ("Bo", "article")]


def _p(pid: int, due: date | None, created: date, done: date | None = None) -> PromiseRow:
    return PromiseRow(pid, pid, f"P{pid}", f"promise {pid}", due, created, done)


def test_promises_kept_lapsed_and_due() -> None:
    oct1 = date(2026, 10, 1)
    kept = [
        _p(1, date(2026, 11, 22), oct1, date(2026, 11, 20)),  # early
        _p(2, date(2026, 11, 11), oct1, SAT),  # ten days after its date
        _p(3, None, oct1, date(2026, 11, 14)),  # kept the week before: not this week's
    ]
    open_ = [
        _p(10, date(2026, 11, 20), oct1),  # lapsed yesterday
        _p(11, date(2026, 11, 14), oct1),  # first late day Sun 15: lapsed this week
        _p(12, date(2026, 11, 13), oct1),  # first late day Sat 14: lapsed before
        _p(13, None, date(2026, 11, 1)),  # undated: Nov 1 + 14 = Nov 15, lapsed this week
        _p(14, SAT, oct1),  # due today
        _p(15, date(2026, 11, 28), oct1),  # last day of the week ahead
        _p(16, date(2026, 11, 29), oct1),  # beyond it
        _p(17, None, date(2026, 11, 20)),  # undated, grace ends Dec 4: beyond
    ]
    got = promises(kept, open_, WEEK, grace=14)
    assert [(p.id, p.words) for p in got.kept] == [
        (1, "kept Fri 20 Nov, on time"),
        (2, "kept today, 10 days after its date"),
    ]
    assert [(p.id, p.words, p.this_week) for p in got.lapsed] == [
        (12, "due 8 days ago", False),
        (11, "due 7 days ago", True),
        (13, "promised 2 weeks ago, no date set", True),
        (10, "due yesterday", True),
    ]
    assert [(p.id, p.words) for p in got.due] == [(14, "due today"), (15, "due Sat 28 Nov")]
    assert {p.state for p in got.lapsed} == {"lapsed"} and {p.state for p in got.due} == {"due"}


def _state(pid: int, **kw: object) -> PersonState:
    return PersonState(id=pid, name=kw.pop("name", f"P{pid}"), **kw)  # type: ignore[arg-type]


DRAINER = PersonFacts(
    moments=2, rated=2, drained=2, ew_slow=1.0, e_slow=-2.0, last_on=date(2026, 11, 1)
)


def test_check_ins_due_by_the_end_of_the_week_ahead() -> None:
    people = [
        _state(1, cadence_days=30, facts=PersonFacts(last_on=date(2026, 10, 20))),  # due Nov 19
        _state(2, pancake="yes", facts=PersonFacts(last_on=date(2026, 10, 29))),  # Nov 28
        _state(3, cadence_days=30, facts=PersonFacts(last_on=date(2026, 10, 30))),  # Nov 29
        _state(4, cadence_days=7),  # nothing logged: due since ever
        _state(5, cadence_days=7, facts=DRAINER),  # a drainer: never an obligation coffee
        _state(6, pancake="no", facts=PersonFacts(last_on=date(2025, 1, 1))),  # no rhythm
        _state(7, cadence_days=21, facts=PersonFacts(last_on=date(2026, 10, 31))),  # set aside
        _state(8, cadence_days=21, facts=PersonFacts(last_on=date(2026, 10, 31))),  # today
    ]
    got = check_ins(people, WEEK, dismissed=[(7, "cadence"), (8, "birthday")])
    assert [(c.person_id, c.due_on, c.overdue_days, c.words) for c in got] == [
        (4, None, None, "nothing logged yet; every 7 days"),
        (1, date(2026, 11, 19), 2, "last in touch 4 weeks ago; every 30 days"),
        (8, SAT, 0, "due today; every 21 days"),
        (2, date(2026, 11, 28), 0, "due Sat 28 Nov; every 30 days"),
    ]
    assert got[-1].cadence_days == 30  # the pancake test's default


def test_birthdays_ahead_with_feb_29_and_ages() -> None:
    week = week_ending(date(2027, 2, 20))  # a Saturday; birthdays until Sat 6 Mar
    people = [
        _state(1, birthday=(None, 2, 29)),  # 2027 is common: Sun 28 Feb
        _state(2, birthday=(1990, 3, 6)),  # the last day of the window, turning 37
        _state(3, birthday=(1990, 3, 7)),  # one day beyond
        _state(4, birthday=(2000, 2, 20)),  # today
        _state(5, birthday=(2000, 2, 21)),  # set aside on Today
        _state(6),
    ]
    got = birthdays(people, week, dismissed=[(5, "birthday")])
    assert [(b.person_id, b.on, b.days, b.turning, b.words) for b in got] == [
        (4, date(2027, 2, 20), 0, 27, "Sat 20 Feb, today, turning 27"),
        (1, date(2027, 2, 28), 8, None, "Sun 28 Feb, in 8 days"),
        (2, date(2027, 3, 6), 14, 37, "Sat 06 Mar, in 2 weeks, turning 37"),
    ]


def _line(pid: int, name: str, *kinds: str) -> TodayLine:
    reasons = tuple(Reason(k, 50.0 - i, f"{k} words") for i, k in enumerate(kinds))
    return TodayLine(pid, name, 50.0, reasons, "neutral")


def test_nudges_take_every_reason_of_the_kinds_asked_with_an_action() -> None:
    lines = [
        _line(1, "Sophie Hart", "martyrdom"),
        _line(2, "Julien Moreau", "follow-up", "kindness", "cadence"),  # kindness is an "also"
        _line(3, "Lena Brooks", "cadence", "fueller"),
    ]
    got = nudges(lines, ("martyrdom", "vanished", "kindness"), {2: "natural wine"})
    assert [(n.name, n.kind, n.words) for n in got] == [
        ("Sophie Hart", "martyrdom", "martyrdom words"),
        ("Julien Moreau", "kindness", "kindness words"),
    ]
    assert (
        got[1].action == "return the kindness: something small about natural wine, no ask attached"
    )
    assert got[0].action.startswith("suggest a small mutual project")
    assert [n.name for n in nudges(lines, ("drift", "fueller"), {})] == ["Lena Brooks"]


def test_an_empty_week_is_quiet_and_complete() -> None:
    d = assemble(WEEK)
    assert d.quiet and d.moments == 0 and not d.contacts
    assert d.energy.daily == (None,) * 7
    assert not (d.promises.kept or d.promises.lapsed or d.promises.due)
    assert not (d.reciprocity or d.drifting or d.waiting or d.birthdays or d.check_ins)


def test_a_reply_alone_makes_the_week_not_quiet() -> None:
    reply = ReplyRow(1, "Ben", date(2026, 11, 2), date(2026, 11, 18), "interest-first")
    d = assemble(WEEK, replies=[reply])
    assert not d.quiet
    assert d.replies[0].words == "answered your interest-first note of 02 Nov (3 days ago)"


def test_the_same_records_in_any_order_give_the_same_digest() -> None:
    ledger = [
        LedgerRow(2, "Bo", "received", "article", 1, date(2026, 11, 20)),
        LedgerRow(1, "Al", "gave", "help", 2, date(2026, 11, 20)),
    ]
    open_ = [_p(10, date(2026, 11, 20), date(2026, 10, 1)), _p(11, None, date(2026, 11, 1))]
    ahead = [
        _state(1, name="Al", cadence_days=7),
        _state(2, name="al", cadence_days=7),
        _state(3, name="Bo", birthday=(None, 11, 25)),
    ]
    first = assemble(WEEK, moments=MOMENTS, ledger=ledger, open_promises=open_, ahead=ahead)
    rnd = random.Random(7)
    for _ in range(5):
        shuffled = [list(x) for x in (MOMENTS, ledger, open_, ahead)]
        for x in shuffled:
            rnd.shuffle(x)
        m, lg, o, a = shuffled
        again = assemble(WEEK, moments=m, ledger=lg, open_promises=o, ahead=a)
        assert again == first
