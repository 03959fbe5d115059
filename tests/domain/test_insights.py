"""Insights' pure figures, on small hand-computed cases with explicit dates."""

from __future__ import annotations

import math
from datetime import date

import pytest

from kithkin.domain import diversity as div
from kithkin.domain import insights as ins
from kithkin.domain.depth import DepthScore
from kithkin.domain.energy import EnergyReading
from kithkin.domain.facts import MomentFact, PersonFacts
from kithkin.domain.summaries import Balance

TODAY = date(2026, 11, 21)


def test_share_is_none_without_a_whole() -> None:
    assert ins.share(1, 4) == 0.25
    assert ins.share(0, 4) == 0.0
    assert ins.share(1, 0) is None


def test_effective_number_counts_equally_common_groups() -> None:
    assert div.effective_number([]) == 0.0
    assert div.effective_number([7]) == 1.0
    assert div.effective_number([2, 2]) == pytest.approx(2.0)
    assert div.effective_number([1, 1, 1, 1, 0]) == pytest.approx(4.0)
    # p = 1/4, 3/4: exp(-(0.25 ln 0.25 + 0.75 ln 0.75)) = exp(0.5623) = 1.7548
    assert div.effective_number([1, 3]) == pytest.approx(1.7548, abs=1e-4)


def test_distribution_merges_spellings_and_counts_the_unknown() -> None:
    d = div.distribution(["Yoga studio", "yoga  studio", "yoga studio", "Café", None, "  "])
    assert d.counts == (("yoga studio", 3), ("Café", 1))
    assert d.unknown == 2
    assert d.known == 4
    assert d.largest_share == 0.75
    assert d.effective == pytest.approx(math.exp(-(0.75 * math.log(0.75) + 0.25 * math.log(0.25))))
    assert div.distribution([]).largest_share is None


def _reading(label: str, mean: float | None, rated: int = 3) -> EnergyReading:
    return EnergyReading(label, mean, mean, "steady", rated, 0, 0)


def test_energy_total_weighs_each_energy_by_recency() -> None:
    year = date(2025, 11, 21)  # 365 days before TODAY: half the weight
    facts = PersonFacts.of([MomentFact(TODAY, energy=1), MomentFact(year, energy=2)])
    assert ins.energy_total(facts, TODAY) == pytest.approx(1 + 2 * 0.5)
    assert ins.energy_total(PersonFacts(), TODAY) == 0.0


def test_energy_map_puts_who_brings_or_takes_the_most_first() -> None:
    readings = {
        1: _reading("fueller", 1.0),
        2: _reading("fueller", 1.8),
        3: _reading("drainer", -0.8),
        4: _reading("drainer", -1.9),
        5: _reading("neutral", 0.1),
        6: _reading("unknown", None, 0),
        7: _reading("fueller", 1.0, rated=9),
        8: _reading("fueller", 1.2),
    }
    # 1 is weekly (+1 often), 2 twice (+1.8); 7 and 8 tie on total: 8's mean is stronger
    totals = {1: 9.0, 2: 3.6, 3: -7.0, 4: -3.8, 7: 3.0, 8: 3.0}
    m = ins.energy_map(readings, totals)
    assert m.fuellers == (1, 2, 8, 7)
    assert m.drainers == (3, 4)
    assert m.counts == {"fueller": 4, "neutral": 1, "drainer": 2, "unknown": 1}
    # without totals the mean decides, then the evidence
    assert ins.energy_map(readings, {}).fuellers == (2, 8, 7, 1)


def test_month_starts_cross_the_year() -> None:
    assert ins.month_starts(date(2026, 2, 10), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_monthly_energy_is_the_mean_of_each_calendar_month() -> None:
    days = [
        (date(2025, 11, 30), 9, 1),  # before the first month: ignored
        (date(2025, 12, 31), 4, 2),
        (date(2026, 1, 5), -1, 1),
        (date(2026, 1, 20), 3, 1),
        (date(2026, 2, 11), 5, 1),  # after today: ignored
    ]
    assert ins.monthly_energy(days, date(2026, 2, 10), 3) == [2.0, 1.0, None]


def test_depth_distribution_follows_the_bands_then_no_moments() -> None:
    scores = [
        DepthScore(80, "deep", 1, 1, 1),
        DepthScore(40, "warm", 1, 1, 1),
        DepthScore(35, "warm", 1, 1, 1),
        DepthScore(2, "faint", 1, 1, 1),
        None,
    ]
    assert ins.depth_distribution(scores) == (
        ("deep", 1),
        ("warm", 2),
        ("light", 0),
        ("faint", 1),
        (ins.NO_MOMENTS, 1),
    )


def test_lopsided_first_puts_your_giving_before_theirs_on_a_tie() -> None:
    balances = {
        1: Balance(0, 0, 2, 6),  # they gave more: net +6
        2: Balance(3, 6, 0, 0),  # you gave more: net -6
        3: Balance(1, 1, 1, 1),  # even
        4: Balance(0, 0, 0, 0),  # nothing exchanged: left out
        5: Balance(1, 1, 1, 3),  # net +2
    }
    assert ins.lopsided_first(balances) == [2, 1, 5, 3]
    total = ins.total_balance(balances.values())
    assert (total.gave_count, total.gave_size, total.received_count, total.received_size) == (
        5,
        8,
        4,
        10,
    )


def test_reply_rates_leave_recent_waiting_out_and_sort_best_first() -> None:
    o = ins.Outreach
    items = [
        o("cold", date(2026, 11, 20), "awaiting"),  # 1 day: pending
        o("cold", date(2026, 11, 1), "awaiting"),  # 20 days: unanswered
        o("cold", date(2026, 10, 1), "replied", date(2026, 10, 5)),  # 4 days
        o("cold", date(2026, 9, 1), "no_reply"),
        o("warm", date(2026, 8, 1), "replied", date(2026, 8, 3)),  # 2 days
        o("warm", date(2026, 7, 1), "replied", date(2026, 7, 7)),  # 6 days
        o("warm", date(2026, 12, 1), "awaiting"),  # after today: ignored
    ]
    rows, overall = ins.reply_rates(items, TODAY, wait_days=7)
    assert [r.style for r in rows] == ["warm", "cold"]
    warm, cold = rows
    assert (warm.sent, warm.replied, warm.unanswered, warm.pending) == (2, 2, 0, 0)
    assert warm.rate == 1.0 and warm.median_days == 4.0
    assert (cold.sent, cold.replied, cold.unanswered, cold.pending) == (4, 1, 2, 1)
    assert cold.rate == pytest.approx(1 / 3) and cold.median_days == 4.0
    assert (overall.sent, overall.replied, overall.unanswered, overall.pending) == (6, 3, 2, 1)
    assert overall.rate == pytest.approx(0.6) and overall.median_days == 4.0


def test_reply_rate_is_unknown_while_everything_is_pending() -> None:
    rows, overall = ins.reply_rates(
        [ins.Outreach("no-reason", date(2026, 11, 19), "awaiting")], TODAY, 7
    )
    assert rows[0].rate is None and rows[0].pending == 1
    assert overall.rate is None and overall.median_days is None


def _opp(oid: int, value: int | None, *chain: int) -> ins.Opportunity:
    return ins.Opportunity(oid, f"opp {oid}", "job", date(2026, 1, oid), value, chain)


def test_opportunity_value_goes_to_the_first_link() -> None:
    opps = [_opp(1, 5, 1, 2), _opp(2, None, 1), _opp(3, 4, 3), _opp(4, 3)]
    sources = ins.opportunity_sources(opps)
    assert [(s.person_id, s.count, s.value) for s in sources] == [(1, 2, 6), (3, 1, 4)]
    assert sources[0].titles == ("opp 1", "opp 2")  # most valuable first
    assert _opp(9, None).weight == ins.UNRATED_VALUE


@pytest.mark.parametrize(
    ("title", "senior"),
    [
        ("CEO", True),
        ("Founder & CEO", True),
        ("Co-founder", True),
        ("VP of Sales", True),
        ("Head of Design", True),
        ("Managing Partner", True),
        ("Marketing Director", True),
        ("Chief of Staff", True),
        ("Executive assistant", False),
        ("Assistant to the CEO", False),
        ("Associate Director", False),
        ("Coordinator", False),  # contains "coo" but not as a word
        ("Barista", False),
        ("Yoga teacher", False),
        ("", False),
        (None, False),
    ],
)
def test_senior_titles_by_a_documented_word_list(title: str | None, senior: bool) -> None:
    assert ins.is_senior_title(title) is senior


def test_titles_vs_value_compares_outreach_share_with_value_share() -> None:
    titles = {1: "CEO", 2: "Barista", 3: "COO", 4: None}
    initiated = {1: 3, 2: 1, 4: 4}
    opps = [_opp(1, 5, 2, 3), _opp(2, 2, 1), _opp(3, None, 4), _opp(4, 4)]
    t = ins.titles_vs_value(titles, initiated, opps)
    assert t.senior == (1, 3)
    assert (t.outreach, t.outreach_senior, t.outreach_share) == (8, 3, 3 / 8)
    assert (t.opportunities, t.opportunities_senior) == (3, 1)
    # value 5 + 2 + 1 (unrated) = 8; the CEO opened the door to 2; a COO is in the 5's chain
    assert (t.value, t.value_senior, t.value_share) == (8, 2, 0.25)
    assert (t.value_senior_anywhere, t.value_share_anywhere) == (7, 7 / 8)


def test_titles_vs_value_without_data_has_no_shares() -> None:
    t = ins.titles_vs_value({}, {}, [])
    assert t.outreach_share is None and t.value_share is None


def test_intro_summary_counts_each_stage() -> None:
    s = ins.intro_summary(["proposed", "agreed", "made", "closed", "closed", "declined"])
    assert s.total == 6
    assert (s.both_agreed, s.made, s.with_outcome, s.open) == (4, 3, 2, 3)
    assert s.by_status["declined"] == 1


@pytest.mark.parametrize(
    ("text", "born", "expected"),
    [
        ("Gen Z", None, "Gen Z"),
        ("millennials", None, "Millennial"),
        ("Baby Boomer", None, "Boomer"),
        ("GEN-X", None, "Gen X"),
        ("30s", None, "Millennial"),  # born about 2026 - 35 = 1991
        ("in their 20s", None, "Gen Z"),  # about 2001
        ("60s", 1990, "Boomer"),  # what the user wrote wins over the birth year
        ("old soul", 1990, "old soul"),  # kept as written
        (None, 1990, "Millennial"),
        ("", 2002, "Gen Z"),
        (None, 1920, "Silent"),
        (None, 2031, "Gen Alpha"),
        (None, None, None),
    ],
)
def test_generation_of(text: str | None, born: int | None, expected: str | None) -> None:
    assert div.generation_of(text, born, TODAY) == expected


def test_younger_than_most_uses_the_median_generation() -> None:
    gens = {1: "Boomer", 2: "Millennial", 3: "Millennial", 4: "Gen Z", 5: "old soul", 6: None}
    assert div.younger_than_most(gens) == {4}
    assert div.younger_than_most({1: "Millennial", 2: "Millennial"}) == set()
    assert div.younger_than_most({}) == set()


def test_reverse_mentors_are_younger_people_who_gave_something() -> None:
    gens = {1: "Gen X", 2: "Gen X", 6: "Gen X", 3: "Gen Z", 4: "Gen Z", 5: "Gen Alpha"}
    sources = [ins.Source(4, 1, 4, ("video strategy",)), ins.Source(1, 1, 5, ("job",))]
    mentors = div.reverse_mentors(gens, {3: 2, 1: 9}, sources)
    assert [(m.person_id, m.received, m.opportunities, m.value) for m in mentors] == [
        (4, 0, 1, 4),
        (3, 2, 0, 0),
    ]  # 5 gave nothing; 1 is not younger than most


def test_places_group_people_and_the_value_that_came_through_them() -> None:
    met = {1: "Rooftop", 2: "rooftop", 3: "Yoga studio", 4: None, 5: "Café"}
    sources = [ins.Source(3, 1, 5, ("client",)), ins.Source(1, 1, 2, ("idea",))]
    out = div.places(met, sources)
    assert [(p.label, p.people, p.opportunities, p.value) for p in out] == [
        ("Rooftop", (1, 2), 1, 2),
        ("Yoga studio", (3,), 1, 5),
        ("Café", (5,), 0, 0),
    ]
