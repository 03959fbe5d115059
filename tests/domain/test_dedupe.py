"""Channel keys and likely duplicates: pure, fast, explained in words."""

from __future__ import annotations

import random

import pytest

from kithkin.domain.dedupe import (
    MAX_BLOCK,
    CandidatePair,
    DedupePerson,
    channel_key,
    likely_pairs,
    name_key,
)


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        ("email", "Maya@Example.COM", "maya@example.com"),
        ("email", " mailto:Maya@example.com ", "maya@example.com"),
        ("phone", "+351 912 345 678", "912345678"),
        ("phone", "912345678", "912345678"),
        ("phone", "(0)91-234.5678", "912345678"),
        ("phone", "0044 20 7946 0958", "079460958"),
        ("phone", "555 123", "555123"),
        ("phone", "112", None),
        ("phone", "ext.", None),
        ("url", "https://www.linkedin.com/in/maya/", "linkedin.com/in/maya"),
        ("url", "linkedin.com/in/maya", "linkedin.com/in/maya"),
        ("url", "HTTP://LinkedIn.com/in/Maya?trk=abc#top", "linkedin.com/in/maya"),
        ("url", "https://", None),
        ("handle", "@Maya", "maya"),
        ("handle", "@maya@mastodon.social", "maya@mastodon.social"),
        ("address", "Rua das Flores 1, Lisboa", None),
        ("fax", "123456789", None),
        ("email", "  ", None),
    ],
)
def test_channel_key(kind: str, value: str, key: str | None) -> None:
    assert channel_key(kind, value) == key


def test_the_same_phone_and_link_in_two_spellings_match() -> None:
    assert channel_key("phone", "+351 912 345 678") == channel_key("phone", "912 345 678")
    assert channel_key("url", "linkedin.com/in/maya") == channel_key(
        "url", "https://www.linkedin.com/in/maya/"
    )


def test_name_key_folds_accents_case_and_punctuation() -> None:
    assert name_key("  López-García,  ANA ") == "lopez garcia ana"


def _p(i: int, name: str, org: str | None = None, *chans: tuple[str, str]) -> DedupePerson:
    return DedupePerson.of(i, name, org, chans)


def test_alike_names_need_something_else_in_common() -> None:
    people = [
        _p(1, "Maya López", "Stripe"),
        _p(2, "Maya Lopes", "stripe "),  # org differs in case and spacing only
        _p(3, "Maya Lopes", None),
        _p(4, "Jon Smith", None, ("phone", "+351 912 345 678")),
        _p(5, "John Smith", None, ("phone", "912345678"), ("email", "j@x.org")),
        _p(6, "John Smith", "Acme", ("email", "J@X.org")),
        _p(7, "Joan Smithers", None, ("phone", "912345678")),
    ]
    pairs = likely_pairs(people)
    found = {(p.a, p.b): p for p in pairs}
    assert set(found) == {(1, 2), (2, 3), (4, 5), (5, 6)}
    assert found[(1, 2)].evidence == ["names 90% alike", "both at Stripe"]
    assert found[(1, 2)].score == 90.0
    assert found[(2, 3)] == CandidatePair(2, 3, 100.0, ["same name"])
    assert found[(4, 5)].evidence == ["names 95% alike", "same phone"]
    assert found[(5, 6)].evidence == ["same name", "same e-mail"]
    # best first: identical names with more evidence lead
    assert [(p.a, p.b) for p in pairs][:2] == [(5, 6), (2, 3)]


def test_word_order_does_not_matter() -> None:
    pairs = likely_pairs([_p(1, "López, Maya", "Stripe"), _p(2, "Maya Lopez", "Stripe")])
    assert pairs == [CandidatePair(1, 2, 100.0, ["names 100% alike", "both at Stripe"])]


def test_new_ids_limit_pairs_to_the_new_people() -> None:
    people = [
        _p(1, "Maya López", "Stripe"),
        _p(2, "Maya Lopez", "Stripe"),
        _p(3, "Sam Lee"),
        _p(4, "Sam Lee"),
    ]
    assert [(p.a, p.b) for p in likely_pairs(people, {4})] == [(3, 4)]
    assert [(p.a, p.b) for p in likely_pairs(people, {1})] == [(1, 2)]
    assert likely_pairs(people, set()) == []
    assert len(likely_pairs(people)) == 2


def test_identical_names_pair_even_when_every_word_is_common() -> None:
    crowd = [_p(i, f"John Smith{'' if i < 3 else ' ' + str(i)}") for i in range(1, MAX_BLOCK + 50)]
    pairs = likely_pairs(crowd, {2})
    assert [(p.a, p.b) for p in pairs] == [(1, 2)]
    assert pairs[0].evidence == ["same name"]


def test_names_too_short_to_block_on_still_pair_when_identical() -> None:
    assert [(p.a, p.b) for p in likely_pairs([_p(1, "Li"), _p(2, "L"), _p(3, "l")])] == [(2, 3)]


def test_ten_thousand_new_people_still_find_the_pair() -> None:
    """Blocking must not lose a real pair in a crowd (speed is measured in bench/)."""
    rng = random.Random(3)
    first = [f"first{i}" for i in range(250)]
    last = [f"family{i}" for i in range(350)]
    people = []
    for i in range(1, 10_001):
        name = f"{rng.choice(first)} {rng.choice(last)}"
        phone = ("phone", f"+351 9{rng.randrange(10**8):08d}")
        people.append(_p(i, name, f"Org {rng.randrange(300)}", phone))
    people.append(_p(10_001, people[0].name + "x", people[0].org))
    pairs = likely_pairs(people, {p.id for p in people})
    assert any((p.a, p.b) == (1, 10_001) for p in pairs)


def test_a_name_many_people_share_is_no_evidence_alone() -> None:
    crowd = [_p(i, "Maria Silva") for i in range(1, 6)]
    assert likely_pairs(crowd) == []
    crowd.append(_p(6, "Maria Silva", "Hooli"))
    crowd.append(_p(7, "Maria Silva", "hooli"))
    assert [(p.a, p.b, p.evidence[0]) for p in likely_pairs(crowd)] == [(6, 7, "same name")]
    few = [_p(1, "Maria Silva"), _p(2, "Maria  Silva")]
    assert [(p.a, p.b) for p in likely_pairs(few)] == [(1, 2)]


def test_names_that_can_be_one_person() -> None:
    from kithkin.domain.dedupe import same_person_names

    assert same_person_names("Maya López", "maya lopez")
    assert same_person_names("Theo", "Theo Okafor")
    assert same_person_names("Priya Raman", "Priya Ramen")
    assert same_person_names("+351 912 000 111", "Ana Silva")  # a stand-in name
    assert same_person_names("kai.w@example.net", "Kai Weber")
    assert not same_person_names("John Smith", "Jane Smith")
    assert not same_person_names("Acme Office", "Bruno Costa")
