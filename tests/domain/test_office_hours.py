"""Choosing closet office hours: pure choice over hand-made candidates and pairs."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kithkin.domain.office_hours import (
    FUEL_BONUS,
    SEARCH_LIMIT,
    Candidate,
    Group,
    Pair,
    Shared,
    choose,
    city,
    explain,
    key,
    place_words,
    same_place,
    score,
    shortlist,
    valid,
)

LENA = Candidate(1, "Lena Brooks", "Lisbon", "Europe/Lisbon", 1.6)
ROSA = Candidate(2, "Rosa Delgado", "Lisbon, Portugal", None, 1.4)
JULIEN = Candidate(3, "Julien Moreau", "lisbon", None, 1.5)
KAI = Candidate(4, "Kai Nguyen", None, None, 1.2)
HANA = Candidate(5, "Hana Sato", "Tokyo", "Asia/Tokyo", 1.7)
THEO = Candidate(6, "Theo Marsh", "Sintra", "Europe/Lisbon", 1.1)


def s(*matches: tuple[str, str, float]) -> Shared:
    return Shared(tuple(matches))


def pairs(**kw: Shared) -> dict[Pair, Shared]:
    """pairs(p1_2=...) → {(1, 2): ...}."""
    out = {}
    for name, found in kw.items():
        a, b = name[1:].split("_")
        out[key(int(a), int(b))] = found
    return out


WINE = s(("natural wine", "natural wine", 1.0))
CLIMB = s(("climate tech", "mycelium materials", 0.5))
ALL = [LENA, ROSA, JULIEN, KAI, HANA, THEO]


# --- place ----------------------------------------------------------------------------


def test_city_is_the_part_before_a_comma_in_any_case() -> None:
    assert city("Lisbon, Portugal") == city(" lisbon") == "lisbon"
    assert city(None) is None and city("") is None and city(" , PT") is None


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (LENA, ROSA, True),  # Lisbon = Lisbon, Portugal
        (ROSA, JULIEN, True),  # case does not matter
        (LENA, THEO, True),  # different towns, same time zone
        (LENA, HANA, False),  # Lisbon and Tokyo
        (KAI, HANA, True),  # Kai's place is unknown
        (JULIEN, THEO, False),  # Lisbon vs Sintra, and Julien's zone is unknown
        (Candidate(7, "X", None, "Asia/Tokyo"), HANA, True),  # zones match
        (Candidate(7, "X", None, "Europe/Berlin"), LENA, False),
    ],
)
def test_place_compatibility(a: Candidate, b: Candidate, ok: bool) -> None:
    assert same_place(a, b) is ok
    assert same_place(b, a) is ok


# --- choice ---------------------------------------------------------------------------


def test_best_trio_is_chosen_with_its_score() -> None:
    shared = pairs(p1_2=WINE, p2_3=CLIMB, p1_5=WINE)
    groups = choose(ALL, shared)
    assert groups[0].members == (3, 1, 2)  # Julien, Lena, Rosa: name order
    expected = 1.0 + 0.5 + FUEL_BONUS * (1.6 + 1.4 + 1.5)
    assert groups[0].score == pytest.approx(expected, abs=1e-6)
    # Hana shares with Lena but is in Tokyo: never grouped with the Lisbon people
    assert all(5 not in g.members for g in groups)


def test_a_pair_when_no_good_third() -> None:
    shared = pairs(p1_2=WINE)
    groups = choose(ALL, shared, size=3)
    assert [g.members for g in groups] == [(1, 2)]


def test_size_two_gives_pairs_only() -> None:
    shared = pairs(p1_2=WINE, p2_3=CLIMB)
    groups = choose(ALL, shared, size=2)
    assert [g.members for g in groups] == [(1, 2), (3, 2)]


def test_pairs_inside_a_chosen_trio_are_no_alternatives() -> None:
    shared = pairs(p1_2=WINE, p2_3=CLIMB, p4_6=CLIMB)
    groups = choose(ALL, shared, size=3)
    assert [g.members for g in groups] == [(3, 1, 2), (4, 6)]


def test_every_member_must_share_with_someone() -> None:
    # Kai shares nothing: a trio of Lena, Rosa and Kai is not valid
    assert not valid([LENA, ROSA, KAI], pairs(p1_2=WINE))
    assert valid([LENA, ROSA, KAI], pairs(p1_2=WINE, p2_4=CLIMB))
    assert not valid([LENA], {})


def test_forced_members_are_in_every_group() -> None:
    shared = pairs(p1_2=WINE, p2_3=CLIMB, p1_3=WINE, p3_4=CLIMB)
    groups = choose(ALL, shared, size=3, forced=[4])
    # Lena and Rosa share nothing with Kai, so each trio goes through Julien; the pair
    # Julien and Kai sits inside a trio already, so it is no alternative
    assert [g.members for g in groups] == [(3, 4, 1), (3, 4, 2)]


def test_forced_members_who_share_nothing_give_no_group() -> None:
    assert choose(ALL, pairs(p1_2=WINE), size=3, forced=[4]) == []
    assert choose(ALL, pairs(p1_2=WINE), size=2, forced=[1, 2])[0].members == (1, 2)


def test_too_many_forced_or_a_bad_size_is_refused() -> None:
    with pytest.raises(ValueError):
        choose(ALL, {}, size=4)
    with pytest.raises(ValueError):
        choose(ALL, {}, size=2, forced=[1, 2, 3])


def test_ties_are_broken_by_name_and_do_not_depend_on_input_order() -> None:
    same = [Candidate(i, n, None, None, 1.0) for i, n in [(10, "Zoe"), (11, "Ann"), (12, "Bo")]]
    shared = pairs(p10_11=WINE, p11_12=WINE, p10_12=WINE)
    first = choose(same, shared, size=2)
    second = choose(list(reversed(same)), dict(reversed(shared.items())), size=2)
    assert first == second
    assert [g.members for g in first] == [(11, 12), (11, 10), (12, 10)]


def test_fuel_bonus_breaks_near_ties_but_sharing_decides() -> None:
    low = Candidate(20, "Low", None, None, 0.8)
    high = Candidate(21, "High", None, None, 2.0)
    hub = Candidate(22, "Hub", None, None, 1.0)
    equal = pairs(p20_22=WINE, p21_22=WINE)
    assert choose([low, high, hub], equal, size=2)[0].members == (21, 22)
    stronger = pairs(p20_22=s(("a", "a", 1.0), ("b", "b", 1.0)), p21_22=WINE)
    assert choose([low, high, hub], stronger, size=2)[0].members == (22, 20)


def test_search_is_limited_to_the_most_fuelling() -> None:
    many = [Candidate(i, f"P{i:03d}", None, None, 2 - i / 100) for i in range(100)]
    top = shortlist(many)
    assert len(top) == SEARCH_LIMIT and top[0].id == 0
    with_late = shortlist(many, forced=[99])
    assert with_late[-1].id == 99 and len(with_late) == SEARCH_LIMIT + 1
    # people beyond the limit are never chosen unless forced
    shared = pairs(p0_99=WINE)
    assert choose(many, shared) == []
    assert choose(many, shared, forced=[99])[0].members == (0, 99)


# --- in words -------------------------------------------------------------------------


def test_explained_in_words() -> None:
    people = {c.id: c for c in ALL}
    shared = pairs(p1_2=WINE, p2_3=CLIMB)
    text = explain(Group((3, 1, 2), 2.0), people, shared)
    assert text == (
        "Lena and Rosa both love natural wine; "
        "Julien and Rosa: mycelium materials ~ climate tech; all in Lisbon"
    )


def test_place_in_words() -> None:
    assert place_words([LENA, THEO]) == "all on Europe/Lisbon time"
    assert place_words([LENA, JULIEN, KAI]) == "Lena and Julien in Lisbon; Kai: place not known"
    assert place_words([KAI, Candidate(9, "Ada", None, None)]) == "places not known yet"
    twins = [Candidate(1, "Ana Lee", "Porto"), Candidate(2, "Ana Cruz", "Porto")]
    assert place_words(twins) == "all in Porto"
    assert explain(Group((2, 1), 1.0), {c.id: c for c in twins}, pairs(p1_2=WINE)).startswith(
        "Ana Cruz and Ana Lee both love"
    )


# --- properties -----------------------------------------------------------------------

PLACES = st.sampled_from(
    [(None, None), ("Lisbon", None), ("lisbon, PT", "Europe/Lisbon"), (None, "Asia/Tokyo"),
     ("Tokyo", "Asia/Tokyo"), ("Porto", "Europe/Lisbon")]
)  # fmt: skip


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[Candidate], dict[Pair, Shared]]:
    n = draw(st.integers(2, 9))
    people = []
    for i in range(n):
        loc, tz = draw(PLACES)
        energy = draw(st.floats(0.75, 2.0))
        people.append(Candidate(i, draw(st.sampled_from("ABCDE")) + str(i), loc, tz, energy))
    shared: dict[Pair, Shared] = {}
    for a, b in combinations(range(n), 2):
        if draw(st.booleans()):
            shared[(a, b)] = s(("x", "y", draw(st.floats(0.4, 1.0))))
    return people, shared


@given(networks(), st.sampled_from([2, 3]))
def test_every_chosen_group_is_valid_distinct_and_ranked(
    net: tuple[list[Candidate], dict[Pair, Shared]], size: int
) -> None:
    people, shared = net
    by_id = {c.id: c for c in people}
    groups = choose(people, shared, size=size)
    assert len({g.members for g in groups}) == len(groups) <= 3
    for g in groups:
        members = [by_id[i] for i in g.members]
        assert 2 <= len(members) <= size
        for m in members:
            assert any(key(m.id, o.id) in shared for o in members if o is not m)
        assert all(same_place(x, y) for x, y in combinations(members, 2))
        assert g.score == pytest.approx(score(members, shared), abs=1e-5)
    same_size = [g.score for g in groups if len(g.members) == size]
    assert same_size == sorted(same_size, reverse=True)
    # if a valid group of the asked size exists, the best one is of that size
    exists = any(
        valid([by_id[i] for i in ids], shared) for ids in combinations(sorted(by_id), size)
    )
    assert exists == bool(groups and len(groups[0].members) == size)
