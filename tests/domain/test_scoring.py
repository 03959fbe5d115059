"""Each scoring function against hand-computed cases, with explicit dates."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from kithkin.domain.cadence import cadence_days, due_on, overdue_days
from kithkin.domain.depth import depth_score, drift, mutuality
from kithkin.domain.energy import energy_reading
from kithkin.domain.facts import (
    EPOCH,
    HALF_LIFE_FAST,
    HALF_LIFE_SLOW,
    LedgerFact,
    MomentFact,
    PersonFacts,
    decay_scale,
    stored_weight,
)
from kithkin.domain.reciprocity import MartyrdomRule, kindness_owed, martyrdom, vanished

T = date(2026, 11, 21)


def ago(days: int) -> date:
    return T - timedelta(days=days)


def test_decay_halves_every_half_life() -> None:
    assert stored_weight(EPOCH, 90) == 1.0
    assert decay_scale(EPOCH + timedelta(days=90), 90) == pytest.approx(0.5)
    # a moment's weight on a date: stored weight x scale = 2^(-age/H)
    assert stored_weight(ago(365), 365) * decay_scale(T, 365) == pytest.approx(0.5)


def test_facts_of_moments_and_ledger() -> None:
    f = PersonFacts.of(
        [
            MomentFact(ago(10), 2, "personal", "me"),
            MomentFact(ago(40), -1, None, "them", outreach=True, reply_state="awaiting"),
            MomentFact(ago(50), None, "surface", None, True, "replied", ago(5)),
        ],
        [
            LedgerFact(ago(30), "received", "advice", 2),
            LedgerFact(ago(20), "gave", "help", 1),
            LedgerFact(ago(15), "gave", "mini-collab", 3),
        ],
    )
    assert (f.moments, f.rated, f.fuelled, f.drained) == (3, 2, 1, 1)
    assert (f.by_me, f.by_them, f.by_both) == (1, 1, 0)
    assert f.first_on == ago(50) and f.last_on == ago(5)  # a reply is contact too
    assert (f.outreach, f.replied, f.awaiting, f.unanswered) == (2, 1, 1, 1)
    assert f.oldest_awaiting_on == ago(40)
    assert (f.gave_count, f.gave_size, f.received_count, f.received_size) == (2, 4, 1, 2)
    assert f.gives_since_received == 2 and f.last_offer_on == ago(15)


def test_energy_mean_label_and_rising_trend() -> None:
    # weights (slow): today 1, a year ago 0.5 → mean (2·1 + 0·0.5) / 1.5 = 1.333
    # lately (fast): 1 and 2^(-365/90) = 0.0601 → 2 / 1.0601 = 1.887 → rising (+0.55)
    f = PersonFacts.of([MomentFact(T, 2), MomentFact(ago(365), 0)])
    e = energy_reading(f)
    assert e.mean == pytest.approx(4 / 3)
    assert e.lately == pytest.approx(2 / (1 + 2 ** (-365 / 90)))
    assert (e.label, e.trend) == ("fueller", "rising")
    assert e.evidence() == "fuelled you 1 of 2 times (mean +1.3, rising lately)"


@pytest.mark.parametrize(
    ("energies", "label"),
    [((-2, -1, -1), "drainer"), ((0, 1, -1), "neutral"), ((1, 1), "fueller"), ((2,), "unknown")],
)
def test_energy_labels(energies: tuple[int, ...], label: str) -> None:
    f = PersonFacts.of([MomentFact(ago(7 * i), e) for i, e in enumerate(energies)])
    assert energy_reading(f).label == label


def test_no_rated_moment_is_unknown() -> None:
    e = energy_reading(PersonFacts.of([MomentFact(T)]))
    assert (e.label, e.mean, e.evidence()) == ("unknown", None, "no moment rated yet")


def test_depth_score_of_one_mutual_personal_moment() -> None:
    # F = 1 → R = 1 − 2^(−1/4) = 0.1591; D = (2 − 1)/2 = 0.5; M = 1 (mutual initiative)
    # score = 100 · 0.1591 · (0.4 + 0.4·0.5 + 0.2·1) = 12.7 → 13, "light"
    s = depth_score(PersonFacts.of([MomentFact(T, depth="personal", initiated_by="mutual")]), T)
    assert (s.score, s.label) == (13, "light")
    assert s.recency == pytest.approx(1 - 2**-0.25, abs=1e-4)
    assert (s.depth, s.mutuality) == (0.5, 1.0)


def test_depth_score_of_four_vulnerable_one_sided_moments() -> None:
    # F = 4 → R = 0.5; D = 1; initiative all mine → I = 0, ledger even → L = 1, M = 0.5
    # score = 100 · 0.5 · (0.4 + 0.4 + 0.1) = 45, "warm"
    moments = [MomentFact(T, depth="vulnerable", initiated_by="me")] * 4
    ledger = [LedgerFact(ago(3), "gave"), LedgerFact(ago(2), "received")]
    s = depth_score(PersonFacts.of(moments, ledger), T)
    assert (s.score, s.label, s.recency, s.depth, s.mutuality) == (45, "warm", 0.5, 1.0, 0.5)


def test_depth_score_decays_with_time_and_nothing_is_faint() -> None:
    f = PersonFacts.of([MomentFact(T, depth="vulnerable", initiated_by="mutual")] * 8)
    assert depth_score(f, T).score > depth_score(f, T + timedelta(days=365)).score
    assert depth_score(PersonFacts(), T).score == 0
    assert depth_score(PersonFacts(), T).label == "faint"


def test_mutuality_unknown_is_half() -> None:
    assert mutuality(PersonFacts()) == 0.5


def _weekly(first: int, last: int, depth: str = "surface") -> list[MomentFact]:
    return [MomentFact(ago(d), depth=depth) for d in range(last, first + 1, 7)]


def _series(first_age: int, n: int, half_life: int) -> float:
    """Σ 2^(−(first_age + 7k)/H) for k < n, as a geometric series, in moments a year."""
    q = 2 ** (-7 / half_life)
    total = 2 ** (-first_age / half_life) * (1 - q**n) / (1 - q)
    return total * math.log(2) / half_life * 365


def test_drift_after_a_weekly_friendship_stops() -> None:
    # weekly for three years until 180 days ago (131 moments): past = 30.8 a year,
    # lately = 13.4 a year: under half of the past, so drifting.
    moments = _weekly(3 * 365, 180)
    d = drift(PersonFacts.of(moments), T)
    assert d is not None
    assert d.past_per_year == pytest.approx(_series(180, len(moments), 365), abs=0.05)
    assert d.lately_per_year == pytest.approx(_series(180, len(moments), 90), abs=0.05)
    assert (d.past_per_year, d.lately_per_year) == (30.8, 13.4)
    assert d.words() == "you used to meet about 3 times a month, lately 13 times a year"


def test_no_drift_while_it_goes_on_or_when_it_was_never_close() -> None:
    assert drift(PersonFacts.of(_weekly(3 * 365, 0)), T) is None
    assert drift(PersonFacts.of(_weekly(3 * 365, 60)), T) is None  # two months: not yet
    rare = [MomentFact(ago(d)) for d in range(1000, 200, -90)]  # every three months
    assert drift(PersonFacts.of(rare), T) is None
    assert drift(PersonFacts(), T) is None


def test_drift_a_burst_is_not_a_close_relationship() -> None:
    burst = [MomentFact(ago(200), depth="surface")] * 30
    assert drift(PersonFacts.of(burst), T) is None


def test_cadence_rules() -> None:
    assert cadence_days(14, "no") == 14
    assert cadence_days(None, "yes") == 30
    assert cadence_days(None, "unsure") == 90
    assert cadence_days(None, "no") is None
    assert cadence_days(None, None) is None
    assert due_on(ago(40), 30) == ago(10)
    assert due_on(None, 30) == date.min  # a rhythm chosen, nothing logged: due since ever
    assert due_on(ago(40), None) is None
    assert overdue_days(ago(10), T) == 10
    assert overdue_days(T + timedelta(days=3), T) == 0
    assert overdue_days(None, T) == 0


def test_martyrdom_three_gives_in_a_row_within_the_window() -> None:
    gives = [LedgerFact(ago(d), "gave", "help") for d in (80, 50, 20)]
    m = martyrdom(gives, T)
    assert m is not None
    assert (m.gives, m.since, m.kinds) == (3, ago(80), ("help",))
    assert m.words() == (
        f"you gave 3 times in a row since {ago(80).isoformat()} (help) and nothing came back"
    )


def test_martyrdom_resets_on_receiving_and_ignores_old_gives() -> None:
    gives = [LedgerFact(ago(d), "gave") for d in (80, 50, 20)]
    assert martyrdom([*gives, LedgerFact(ago(30), "received")], T) is None  # run is 1
    assert martyrdom([*gives, LedgerFact(ago(90), "received")], T) is not None
    old = [LedgerFact(ago(d), "gave") for d in (200, 150, 20)]
    assert martyrdom(old, T) is None  # only one give inside 90 days
    assert martyrdom(old, T, MartyrdomRule(gives=3, window_days=365)) is not None
    assert martyrdom(gives, T, MartyrdomRule(gives=4)) is None


def test_vanished_after_a_mini_collab_offer() -> None:
    offer = ago(100)
    silent = [
        MomentFact(ago(80), outreach=True, reply_state="no_reply"),
        MomentFact(ago(40), outreach=True, reply_state="awaiting"),
    ]
    assert vanished(offer, silent) == 2
    assert vanished(offer, silent[:1]) is None
    answered = [*silent, MomentFact(ago(20), outreach=True, reply_state="replied")]
    assert vanished(offer, answered) is None
    before = [MomentFact(ago(120), outreach=True, reply_state="no_reply"), silent[1]]
    assert vanished(offer, before) is None  # one silence came before the offer


def test_kindness_owed() -> None:
    got = PersonFacts.of([], [LedgerFact(ago(9), "received", "article")])
    assert kindness_owed(got, T) == ago(9)
    returned = PersonFacts.of([], [LedgerFact(ago(9), "received"), LedgerFact(ago(2), "gave")])
    assert kindness_owed(returned, T) is None
    long_ago = PersonFacts.of([], [LedgerFact(ago(200), "received")])
    assert kindness_owed(long_ago, T) is None


def test_half_lives_are_ordered() -> None:
    assert HALF_LIFE_FAST < HALF_LIFE_SLOW
    assert math.isclose(decay_scale(T, HALF_LIFE_SLOW) * stored_weight(T, HALF_LIFE_SLOW), 1.0)
