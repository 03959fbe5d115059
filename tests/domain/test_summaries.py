from datetime import date, timedelta

import pytest

from kithkin.domain.errors import InvalidInput
from kithkin.domain.intro_flow import transition
from kithkin.domain.summaries import Balance, energy_trend, sparkline

D0 = date(2026, 1, 1)


def series(*energies: int) -> list[tuple[date, int]]:
    return [(D0 + timedelta(days=7 * i), e) for i, e in enumerate(energies)]


def test_energy_trend_falls_when_recent_moments_drain() -> None:
    t = energy_trend(series(2, 2, 1, 2, 2, -1, -2, -1, 0, -1))
    assert t.direction == "falling"
    assert t.recent_mean == pytest.approx(-1.0)
    assert t.earlier_mean == pytest.approx(1.8)


def test_energy_trend_orders_by_date_not_input_order() -> None:
    pts = series(-2, -2, -2, -2, -2, 2, 2, 2, 2, 2)
    t = energy_trend(list(reversed(pts)))
    assert t.direction == "rising"
    assert t.points[-1] == 2


def test_energy_trend_needs_history() -> None:
    assert energy_trend([]).direction == "unknown"
    assert energy_trend(series(1, 2)).direction == "unknown"


def test_balance_words() -> None:
    assert Balance(0, 0, 0, 0).words() == "nothing exchanged yet"
    assert Balance(7, 14, 0, 0).words() == "you have given more"
    assert Balance(1, 1, 2, 6).words() == "they have given more"
    assert Balance(2, 2, 1, 3).net == 1


def test_balance_of_entries() -> None:
    b = Balance.of([("gave", 2), ("gave", 1), ("received", 3)])
    assert (b.gave_count, b.gave_size, b.received_count, b.received_size) == (2, 3, 1, 3)
    assert b.net == 0 and b.words() == "roughly even"


def test_sparkline_maps_range() -> None:
    assert sparkline([-2, 0, 2]) == "▁▅█"


INTRO = {
    "status": "proposed",
    "a_name": "Kai",
    "b_name": "Ben",
    "a_agreed_on": None,
    "b_agreed_on": None,
}


def test_double_opt_in_requires_both_sides() -> None:
    today = date(2026, 11, 21)
    with pytest.raises(InvalidInput, match="Kai and Ben not agreed"):
        transition(INTRO, "made", today)
    step = transition(INTRO, "agree", today, side="a")
    assert step == {"a_agreed_on": today}
    both = transition({**INTRO, "a_agreed_on": today}, "agree", today, side="b")
    assert both["status"] == "agreed"
    made = transition({**INTRO, "status": "agreed"}, "made", today)
    assert made == {"status": "made", "made_on": today}
    closed = transition({**INTRO, "status": "made"}, "outcome", today, outcome="they co-wrote")
    assert closed["status"] == "closed"
    with pytest.raises(InvalidInput, match="already closed"):
        transition({**INTRO, "status": "closed"}, "made", today)
