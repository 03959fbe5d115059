"""Browsing people: status as it reads today, energy readings, totals and pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from conftest import TODAY, make_person
from kithkin.services import browse, people
from kithkin.services.context import Kith
from kithkin.services.moments import MomentInput, log_moment


def _names(answer: dict) -> list[str]:  # type: ignore[type-arg]
    return [p["name"] for p in answer["people"]]


def _rated(kith: Kith, who: str, energy: str, times: int = 3) -> None:
    for i in range(times):
        when = (TODAY - timedelta(days=3 + i)).isoformat()
        log_moment(kith, MomentInput(people=[who], kind="coffee", when=when, energy=energy))


def test_a_snooze_that_has_run_out_reads_as_active(kith: Kith) -> None:
    make_person(kith, "Ana Silva")
    make_person(kith, "Ben Okafor")
    make_person(kith, "Cleo Park")
    people.release(kith, "Cleo")
    people.snooze(kith, "Ana", (TODAY + timedelta(days=10)).isoformat())

    assert _names(browse.search(kith, status="snoozed")) == ["Ana Silva"]
    assert _names(browse.search(kith, status="active")) == ["Ben Okafor"]
    assert _names(browse.search(kith, status="released")) == ["Cleo Park"]

    later = replace(kith, today=TODAY + timedelta(days=10))  # the snooze's last day is over
    assert browse.search(later, status="snoozed") == {"total": 0, "people": []}
    active = browse.search(later, status="active")
    assert _names(active) == ["Ana Silva", "Ben Okafor"]
    assert [p["status"] for p in active["people"]] == ["active", "active"]


def test_the_total_counts_every_match_and_the_page_is_a_slice(kith: Kith) -> None:
    for i in range(7):
        make_person(kith, f"Walker {chr(ord('A') + i)}", interests=["hiking"])
    make_person(kith, "Zed Quiet", interests=["chess"])

    page = browse.search(kith, "hik", limit=3, offset=2)
    assert page["total"] == 7
    assert _names(page) == ["Walker C", "Walker D", "Walker E"]
    assert browse.search(kith, "walker chess")["total"] == 0
    # the last page, a page that ends exactly at the last match, and past the end
    assert browse.search(kith, "hik", limit=3, offset=6)["total"] == 7
    assert browse.search(kith, "hik", limit=7)["total"] == 7
    past = browse.search(kith, "hik", limit=3, offset=9)
    assert past["total"] == 7 and past["people"] == []
    assert browse.search(kith, "hiking", offset=6)["people"][0]["interests"] == ["hiking"]


def test_energy_filter_pages_over_the_people_it_keeps(kith: Kith) -> None:
    for name in ("Ada", "Bo", "Cy", "Di"):
        make_person(kith, f"{name} Lane")
    _rated(kith, "Ada", "2")
    _rated(kith, "Bo", "-2")
    _rated(kith, "Cy", "2")
    _rated(kith, "Di", "2")

    fuellers = browse.search(kith, "lane", energy="fueller", limit=2, offset=1)
    assert fuellers["total"] == 3
    assert _names(fuellers) == ["Cy Lane", "Di Lane"]
    assert {p["energy"] for p in fuellers["people"]} == {"fueller"}
    drainers = browse.search(kith, energy="drainer")
    assert _names(drainers) == ["Bo Lane"] and drainers["people"][0]["moments"] == 3
    assert browse.search(kith, energy="unknown")["total"] == 0


def test_a_long_name_in_another_script_is_stored_and_found(kith: Kith) -> None:
    name = "𠀀" * 150 + " " + "名" * 149  # 4-byte and 3-byte characters: fits every index
    make_person(kith, name)
    assert _names(browse.search(kith, "名名名")) == [name]


def test_a_search_sees_every_write_since_the_last_one(kith: Kith) -> None:
    make_person(kith, "Ana Silva", interests=["chess"])
    assert _names(browse.search(kith, "chess")) == ["Ana Silva"]
    assert browse.search(kith, "climb")["total"] == 0  # the directory is kept now

    make_person(kith, "Ben Okafor", interests=["Café culture", "climbing"])
    assert _names(browse.search(kith, "cafe climb")) == ["Ben Okafor"]  # accents fold
    people.release(kith, "Ben")
    assert browse.search(kith, "climb", status="released")["people"][0]["status"] == "released"
    people.forget(kith, "Ana")
    assert browse.search(kith, "chess") == {"total": 0, "people": []}
