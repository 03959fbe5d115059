"""Today's reasons and ranking, and the properties the engine promises."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kithkin.domain.cadence import cadence_days, due_on, overdue_days
from kithkin.domain.energy import energy_reading
from kithkin.domain.facts import LedgerFact, MomentFact, PersonFacts
from kithkin.domain.today import (
    MAX_URGENCY,
    NOT_FOR_DRAINERS,
    PersonState,
    Promise,
    TodayRules,
    dismiss_until,
    rank,
    reasons_for,
)

T = date(2026, 11, 21)


def ago(days: int) -> date:
    return T - timedelta(days=days)


def person(pid: int = 1, name: str = "Maya López", **kw: object) -> PersonState:
    return PersonState(pid, name, **kw)  # type: ignore[arg-type]


def kinds(state: PersonState, **kw: object) -> list[str]:
    return [r.kind for r in reasons_for(state, T, **kw)[1]]  # type: ignore[arg-type]


def test_cadence_overdue_reason() -> None:
    s = person(cadence_days=30, facts=PersonFacts.of([MomentFact(ago(45), 1)]))
    label, reasons = reasons_for(s, T)
    assert [r.kind for r in reasons] == ["cadence"]
    assert reasons[0].words == "last connected 6 weeks ago; your rhythm is every 30 days"
    assert reasons[0].until == T + timedelta(days=30)
    # depth: F = 2^(−45/365) = 0.918, R = 1 − 2^(−F/4) = 0.147, D = 0, M = 0.5
    #        → 100 · 0.147 · (0.4 + 0.1) = 7
    # urgency = 30 + 25·min(15/30, 2)/2 + 15·7/100 = 37.3
    assert reasons[0].urgency == 30 + 25 * 0.5 / 2 + 15 * 7 / 100
    assert label == "unknown"


def test_pancake_default_cadence_is_named() -> None:
    s = person(pancake="yes", facts=PersonFacts.of([MomentFact(ago(31))]))
    assert reasons_for(s, T)[1][0].words.endswith("every 30 days (pancake test: yes)")
    assert kinds(person(pancake="no", facts=PersonFacts.of([MomentFact(ago(400))]))) == []


def test_lapsed_promise_reason() -> None:
    p = Promise(7, 1, "send the reading list", ago(20), ago(40))
    r = reasons_for(person(), T, promises=[p])[1][0]
    assert (r.kind, r.ref) == ("follow-up", 7)
    assert r.words == "you promised: send the reading list (due 2 weeks ago)"
    assert r.urgency == 70 + 30 * 20 / 90
    undated_fresh = Promise(8, 1, "call back", None, ago(5))
    assert kinds(person(), promises=[undated_fresh]) == []
    undated_old = Promise(9, 1, "call back", None, ago(30))
    assert kinds(person(), promises=[undated_old]) == ["follow-up"]


def test_birthday_reason_within_fourteen_days() -> None:
    r = reasons_for(person(birthday=(1990, 11, 30)), T)[1][0]
    assert r.words == "birthday in 9 days (Mon 30 Nov), turning 36"
    assert r.until == date(2026, 12, 1)
    assert kinds(person(birthday=(None, 12, 6))) == []  # 15 days away


def test_unanswered_outreach_reason() -> None:
    facts = PersonFacts.of([MomentFact(ago(12), outreach=True, reply_state="awaiting")])
    r = reasons_for(person(facts=facts), T)[1][0]
    assert r.words == f"your outreach of {ago(12).isoformat()} has had no reply for 12 days"
    fresh = PersonFacts.of([MomentFact(ago(6), outreach=True, reply_state="awaiting")])
    assert kinds(person(facts=fresh)) == []


def test_fueller_not_seen_lately() -> None:
    facts = PersonFacts.of([MomentFact(ago(d), 2) for d in (60, 90, 120)])
    r = reasons_for(person(facts=facts), T)[1][0]
    assert r.kind == "fueller"
    assert r.words == "fuelled you 3 of 3 times (mean +2.0); last seen 2 months ago"
    recent = PersonFacts.of([MomentFact(ago(d), 2) for d in (10, 90, 120)])
    assert kinds(person(facts=recent)) == []


def test_kindness_martyrdom_and_vanished_reasons() -> None:
    got = PersonFacts.of([], [LedgerFact(ago(9), "received", "article")])
    assert kinds(person(facts=got)) == ["kindness"]
    gives = [LedgerFact(ago(d), "gave", "help", 2) for d in (70, 50, 30, 10)]
    facts = PersonFacts.of([], gives)
    assert kinds(person(facts=facts), ledger=gives) == ["martyrdom"]
    offer = [LedgerFact(ago(100), "received"), LedgerFact(ago(90), "gave", "mini-collab")]
    silent = [MomentFact(ago(d), outreach=True, reply_state="no_reply") for d in (80, 60)]
    facts = PersonFacts.of(silent, offer)
    r = reasons_for(person(facts=facts), T, outreach=silent)[1][0]
    assert r.kind == "vanished"
    assert "no reply to 2 outreaches since your mini-collab offer" in r.words


def test_drainers_are_never_pushed_to_meet() -> None:
    moments = [MomentFact(ago(d), -2, "surface") for d in range(400, 100, -7)]
    facts = PersonFacts.of(moments)
    assert energy_reading(facts).label == "drainer"
    s = person(cadence_days=14, facts=facts, birthday=(None, 11, 25))
    label, reasons = reasons_for(s, T)
    assert label == "drainer"
    assert [r.kind for r in reasons] == ["birthday"]  # no cadence, no drift
    assert not NOT_FOR_DRAINERS & {r.kind for r in reasons}
    same_but_neutral = person(cadence_days=14, facts=PersonFacts.of([MomentFact(ago(200))]))
    assert "cadence" in kinds(same_but_neutral)


def test_rank_orders_by_score_then_name_and_hides_dismissed() -> None:
    promise = Promise(3, 2, "send the list", ago(60), ago(90))
    people = [
        person(1, "Zoë", cadence_days=30, facts=PersonFacts.of([MomentFact(ago(100))])),
        person(2, "Ana", facts=PersonFacts.of([MomentFact(ago(5))])),
        person(3, "Ben", cadence_days=30, facts=PersonFacts.of([MomentFact(ago(100))])),
        person(4, "Cleo", facts=PersonFacts.of([MomentFact(ago(5))])),
    ]
    lines = rank(people, T, promises={2: [promise]})
    assert [line.name for line in lines] == ["Ana", "Ben", "Zoë"]
    assert lines[0].reason.kind == "follow-up"
    assert lines[1].score == lines[2].score  # a tie falls to the name
    hidden = rank(people, T, promises={2: [promise]}, dismissed=[(3, "cadence")])
    assert [line.name for line in hidden] == ["Ana", "Zoë"]


def test_dismiss_until() -> None:
    s = person(cadence_days=30, facts=PersonFacts.of([MomentFact(ago(45))]))
    assert dismiss_until(reasons_for(s, T)[1][0], T) == T + timedelta(days=30)
    got = PersonFacts.of([], [LedgerFact(ago(9), "received")])
    assert dismiss_until(reasons_for(person(facts=got), T)[1][0], T) == T + timedelta(days=60)


moment = st.builds(
    MomentFact,
    on=st.dates(date(2020, 1, 1), T),
    energy=st.none() | st.integers(-2, 2),
    depth=st.none() | st.sampled_from(["surface", "personal", "vulnerable"]),
    initiated_by=st.none() | st.sampled_from(["me", "them", "mutual"]),
)


@given(
    st.lists(moment, max_size=15),
    moment,
    st.none() | st.integers(1, 400),
    st.none() | st.sampled_from(["yes", "no", "unsure"]),
)
def test_adding_a_moment_never_makes_a_person_more_overdue(
    moments: list[MomentFact],
    extra: MomentFact,
    chosen: int | None,
    pancake: str | None,
) -> None:
    cadence = cadence_days(chosen, pancake)

    def overdue(ms: list[MomentFact]) -> int:
        return overdue_days(due_on(PersonFacts.of(ms).last_on, cadence), T)

    assert overdue([*moments, extra]) <= overdue(moments)
    # and through Today: logging a moment never raises a cadence line that was not there
    # (unless it changed whether they drain you: drainers get no cadence line at all)
    before = person(cadence_days=chosen, pancake=pancake, facts=PersonFacts.of(moments))
    after = person(cadence_days=chosen, pancake=pancake, facts=PersonFacts.of([*moments, extra]))
    same_energy = energy_reading(before.facts).label == energy_reading(after.facts).label
    if "cadence" not in kinds(before) and same_energy:
        assert "cadence" not in kinds(after)


@given(st.lists(moment, min_size=1, max_size=25), st.randoms())
def test_energy_labels_are_stable_under_reordering(
    moments: list[MomentFact], rnd: random.Random
) -> None:
    shuffled = list(moments)
    rnd.shuffle(shuffled)
    a, b = energy_reading(PersonFacts.of(moments)), energy_reading(PersonFacts.of(shuffled))
    assert (a.label, a.mean, a.trend) == (b.label, b.mean, b.trend)


ledger = st.builds(
    LedgerFact,
    on=st.dates(date(2025, 1, 1), T),
    direction=st.sampled_from(["gave", "received"]),
    kind=st.sampled_from(["help", "mini-collab"]),
    size=st.integers(1, 3),
)


@given(
    st.lists(moment, max_size=20),
    st.lists(ledger, max_size=8),
    st.lists(st.dates(date(2026, 1, 1), T), max_size=3),
    st.none() | st.integers(1, 60),
    st.none() | st.integers(-2, 20),  # birthday: days from T
    st.lists(st.tuples(st.dates(date(2025, 1, 1), T), st.sampled_from(["awaiting", "no_reply"]))),
)
def test_no_reason_exceeds_its_highest_urgency(
    moments: list[MomentFact],
    entries: list[LedgerFact],
    dues: list[date],
    cadence: int | None,
    birthday: int | None,
    outreach: list[tuple[date, str]],
) -> None:
    sent = [MomentFact(on, outreach=True, reply_state=state) for on, state in outreach]
    facts = PersonFacts.of([*moments, *sent], entries)
    s = person(
        cadence_days=cadence,
        birthday=None if birthday is None else (None, *month_day(T + timedelta(days=birthday))),
        facts=facts,
    )
    promises = [Promise(i, 1, "a promise", due, due) for i, due in enumerate(dues)]
    rules = TodayRules(martyr=TodayRules().martyr)
    for r in reasons_for(s, T, rules, promises, entries, sent)[1]:
        assert 0 <= r.urgency <= MAX_URGENCY[r.kind]


def month_day(d: date) -> tuple[int, int]:
    return d.month, d.day
