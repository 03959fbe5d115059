"""The directory a people search reads: words in names or interests, tags, status."""

from __future__ import annotations

from datetime import date, timedelta

from kithkin.domain.directory import Directory, Listed, query_words

TODAY = date(2026, 11, 21)

PEOPLE = [  # in name order, as the database lists them
    Listed(1, "ana silva", "active", None, ("Rock climbing", "Café culture"), ("climbers",)),
    Listed(2, "ben okafor | benny", "snoozed", TODAY + timedelta(days=5), ("chess",)),
    Listed(3, "cleo park", "snoozed", TODAY, ("climbing gyms",), ("climbers", "work")),
    Listed(4, "dev patel", "released", None, (), ("work",)),
]


def _ids(found: list[Listed]) -> list[int]:
    return [p.id for p in found]


def test_no_words_lists_everyone_in_name_order() -> None:
    assert _ids(Directory(PEOPLE).matching(today=TODAY)) == [1, 2, 3, 4]


def test_a_word_matches_any_part_of_a_name_or_an_interest() -> None:
    d = Directory(PEOPLE)
    assert _ids(d.matching(["benny"], today=TODAY)) == [2]  # a nickname
    assert _ids(d.matching(["climb"], today=TODAY)) == [1, 3]  # inside an interest
    assert _ids(d.matching(["a"], today=TODAY)) == [1, 2, 3, 4]


def test_every_word_must_match_and_results_keep_name_order() -> None:
    d = Directory(list(reversed(PEOPLE)))  # whatever order it is given is the order kept
    assert _ids(d.matching(["climb"], today=TODAY)) == [3, 1]
    assert _ids(d.matching(["climb", "cafe"], today=TODAY)) == [1]
    assert _ids(d.matching(["climb", "chess"], today=TODAY)) == []


def test_interests_match_folded_as_the_query_is() -> None:
    d = Directory(PEOPLE)
    assert _ids(d.matching(query_words("CAFÉ", 8), today=TODAY)) == [1]
    assert query_words("  Jean-Luc  GODARD ", 8) == ["jean", "luc", "godard"]
    assert query_words("a b c", 2) == ["a", "b"]
    assert query_words(None, 8) == []


def test_tag_and_status_narrow_the_matches() -> None:
    d = Directory(PEOPLE)
    assert _ids(d.matching(tag="climbers", today=TODAY)) == [1, 3]
    assert _ids(d.matching(["climb"], tag="work", today=TODAY)) == [3]
    assert _ids(d.matching(tag="nobody", today=TODAY)) == []
    # Cleo's snooze ends today, so she reads as active; Ben's runs five more days.
    assert _ids(d.matching(status="active", today=TODAY)) == [1, 3]
    assert _ids(d.matching(status="snoozed", today=TODAY)) == [2]
    later = TODAY + timedelta(days=5)
    assert _ids(d.matching(status="snoozed", today=later)) == []
    assert _ids(d.matching(status="released", tag="work", today=TODAY)) == [4]


def test_the_tags_in_use_are_listed_once_by_name() -> None:
    assert Directory(PEOPLE).tags() == ["climbers", "work"]
    assert Directory([]).tags() == []
    assert Directory([]).matching(["a"], today=TODAY) == []


def test_tags_keep_the_order_they_are_given_in() -> None:
    in_db_order = ["work", "climbers", "unused"]  # e.g. a collation that is not Python's
    assert Directory(PEOPLE, in_db_order).tags() == ["work", "climbers"]


def test_an_empty_word_is_in_every_name() -> None:
    assert _ids(Directory(PEOPLE).matching([""], today=TODAY)) == [1, 2, 3, 4]
    assert Directory([]).matching([""], today=TODAY) == []
