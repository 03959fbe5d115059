"""Insights over a small network written through the real services."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from conftest import TODAY, make_person
from kithkin.domain.errors import InvalidInput
from kithkin.domain.reciprocity import MINI_COLLAB
from kithkin.services import records as rec
from kithkin.services.context import Kith, open_kith
from kithkin.services.insights import SECTIONS, insights
from kithkin.services.moments import MomentInput, log_moment, mark_replied
from kithkin.services.people import PersonInput, edit_person, release


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def log(kith: Kith, who: str, kind: str, days: int, **kw: Any) -> None:
    log_moment(kith, MomentInput(people=[who], kind=kind, when=ago(days), **kw))


def build(kith: Kith) -> None:
    """A barista who opened the door, a draining managing partner, a niece you keep
    helping, a young mentor, and someone who vanished after a mini-collab offer."""
    make_person(
        kith,
        "Rosa Barista",
        title="Barista",
        field="hospitality",
        generation="Millennial",
        met_where="Rooftop event",
    )
    make_person(kith, "Priya Assistant", title="Executive assistant", met_where="rooftop  event")
    make_person(kith, "Victor Boss", title="Managing Partner", field="finance", generation="Gen X")
    make_person(
        kith, "Kai Young", title="Content creator", field="social media", generation="Gen Z"
    )
    make_person(kith, "Sophie Niece", via="Victor Boss")
    make_person(kith, "Marcus Gone")
    for d in (30, 20, 10):
        log(kith, "Rosa", "coffee", d, energy="2", depth="personal")
    for d in (40, 25, 5):
        log(kith, "Victor", "coffee", d, energy="-2", depth="surface", initiated_by="me")
    for d in (60, 40, 20):
        rec.add_ledger(kith, "Sophie", "gave", "help", size="medium", when=ago(d))
    rec.add_ledger(kith, "Kai", "received", "advice", size="large", when=ago(200))
    rec.add_ledger(kith, "Rosa", "received", "article", when=ago(10))
    rec.add_opportunity(kith, "Dream job", "job", ["Rosa", "Priya"], when=ago(100), value="5")
    rec.add_opportunity(kith, "Video idea", "idea", ["Kai"], when=ago(50), value="3")
    log(kith, "Victor", "message", 30, outreach_style="formal")
    mark_replied(kith, "Victor", no_reply=True)
    log(kith, "Kai", "message", 20, outreach_style="interest-first")
    mark_replied(kith, "Kai", ago(18))
    rec.add_ledger(kith, "Marcus", "gave", "mini-collab", when=ago(100))
    for d in (90, 60):
        log(kith, "Marcus", "message", d, outreach_style="follow-up")
        mark_replied(kith, "Marcus", no_reply=True)
    release(kith, "Marcus", "Bullet dodged.")
    intro = rec.propose_intro(kith, "Rosa", "Kai", "coffee meets video")
    rec.advance_intro(kith, intro["id"], "agree", who="Rosa")
    rec.advance_intro(kith, intro["id"], "agree", who="Kai")
    rec.advance_intro(kith, intro["id"], "made")
    rec.advance_intro(kith, intro["id"], "outcome", outcome="a latte-art series")
    rec.propose_intro(kith, "Victor", "Priya")


def names(rows: list[dict[str, Any]]) -> list[str]:
    return [r["name"] for r in rows]


def test_every_section_is_there_in_order(kith: Kith) -> None:
    build(kith)
    out = insights(kith)
    assert [k for k in out if k in SECTIONS] == list(SECTIONS)
    assert (out["as_of"], out["people"], out["network"]) == (TODAY, 6, 5)  # Marcus released


def test_energy_map_names_fuellers_and_drainers_with_evidence(kith: Kith) -> None:
    build(kith)
    e = insights(kith, ["energy"])["energy"]
    assert names(e["fuellers"]) == ["Rosa Barista"]
    assert names(e["drainers"]) == ["Victor Boss"]
    rosa, victor = e["fuellers"][0], e["drainers"][0]
    assert rosa["evidence"] == "fuelled you 3 of 3 times (mean +2.0)"
    assert rosa["recent"] == [2, 2, 2] and rosa["gave_you"] == 1
    assert victor["evidence"] == "drained you 3 of 3 times (mean -2.0)"
    assert victor["recent"] == [-2, -2, -2] and "obligation" in e["drainer_advice"]
    assert rosa["total"] == pytest.approx(2 * sum(2 ** (-d / 365) for d in (30, 20, 10)), abs=0.05)
    assert e["counts"] == {"fueller": 1, "neutral": 0, "drainer": 1, "unknown": 3}
    assert e["monthly"]["months"][-1] == "2026-11"
    # October: Rosa +2 (Oct 22), Victor -2 (Oct 12, 27); November: Rosa +2 (Nov 1, 11),
    # Victor -2 (Nov 16)
    assert e["monthly"]["mean"][-2:] == [round(-2 / 3, 2), round(2 / 3, 2)]


def test_reciprocity_flags_martyrdom_kindness_and_vanishing(kith: Kith) -> None:
    build(kith)
    r = insights(kith, ["reciprocity"])["reciprocity"]
    assert names(r["martyrdom"]) == ["Sophie Niece"]
    m = r["martyrdom"][0]
    assert (m["gives"], m["since"], m["suggestion"]) == (3, TODAY - timedelta(days=60), MINI_COLLAB)
    assert names(r["kindness_owed"]) == ["Rosa Barista"]
    assert r["vanished"] == [
        {
            "id": r["vanished"][0]["id"],
            "name": "Marcus Gone",
            "offered_on": TODAY - timedelta(days=100),
            "unanswered": 2,
        }
    ]
    assert names(r["released"]) == ["Marcus Gone"]
    assert r["released"][0]["note"] == "Bullet dodged."
    sophie = r["people"][0]
    assert (sophie["name"], sophie["gave_size"], sophie["net"]) == ("Sophie Niece", 6, -6)
    assert r["totals"]["gave"] == 4 and r["totals"]["received"] == 2


def test_depth_bands_cover_the_whole_network(kith: Kith) -> None:
    build(kith)
    d = insights(kith, ["depth"])["depth"]
    bands = {b["band"]: b for b in d["bands"]}
    assert sum(b["people"] for b in d["bands"]) == 5
    assert sorted(bands["no moments yet"]["names"]) == ["Priya Assistant", "Sophie Niece"]
    assert d["moments_by_depth"] == {"surface": 3, "personal": 3, "vulnerable": 0}
    assert [p["score"] for p in d["deepest"]] == sorted(
        (p["score"] for p in d["deepest"]), reverse=True
    )


def test_opportunities_come_from_the_first_link(kith: Kith) -> None:
    build(kith)
    o = insights(kith, ["opportunities"])["opportunities"]
    assert (o["count"], o["value"], o["without_chain"]) == (2, 8, 0)
    rosa, kai = o["sources"]
    assert (rosa["name"], rosa["title"], rosa["value"], rosa["share"]) == (
        "Rosa Barista",
        "Barista",
        5,
        0.625,
    )
    assert rosa["what"] == [{"title": "Dream job", "value": 5, "then": ["Priya Assistant"]}]
    assert (kai["name"], kai["value"]) == ("Kai Young", 3)


def test_titles_vs_value_describes_where_outreach_went(kith: Kith) -> None:
    build(kith)
    t = insights(kith, ["titles"])["titles"]
    # you started 3 coffees and 1 message with Victor, 1 message to Kai, 2 to Marcus
    assert t["outreach"] == {"total": 7, "senior": 4, "share": 0.571}
    assert t["opportunities"]["share"] == 0.0 and t["opportunities"]["value"] == 8
    assert t["senior_people"] == 1
    victor = t["senior"][0]
    assert (victor["name"], victor["initiated"], victor["outreach"], victor["replied"]) == (
        "Victor Boss",
        4,
        1,
        0,
    )
    assert victor["value"] == 0


def test_reply_rates_by_style(kith: Kith) -> None:
    build(kith)
    r = insights(kith, ["replies"])["replies"]
    by = {s["style"]: s for s in r["styles"]}
    assert by["interest-first"]["rate"] == 1.0 and by["interest-first"]["median_days"] == 2.0
    assert by["formal"]["rate"] == 0.0 and by["follow-up"]["unanswered"] == 2
    assert r["styles"][0]["style"] == "interest-first"
    assert (r["all"]["sent"], r["all"]["replied"], r["all"]["rate"]) == (4, 1, 0.25)


def test_intros_met_and_diversity(kith: Kith) -> None:
    build(kith)
    out = insights(kith, ["intros", "met", "diversity"])
    i = out["intros"]
    assert (i["total"], i["made"], i["with_outcome"], i["open"]) == (2, 1, 1, 1)
    waiting = next(x for x in i["list"] if x["status"] == "proposed")
    assert waiting["waiting_on"] == ["Victor Boss", "Priya Assistant"]
    closed = next(x for x in i["list"] if x["status"] == "closed")
    assert closed["outcome"] == "a latte-art series"
    m = out["met"]
    assert m["places"][0] == {
        "place": "Rooftop event",
        "people": 2,
        "names": ["Rosa Barista", "Priya Assistant"],
        "opportunities": 1,
        "value": 5,
    }
    assert m["introducers"] == [
        {
            "id": m["introducers"][0]["id"],
            "name": "Victor Boss",
            "introduced": ["Sophie Niece"],
            "count": 1,
        }
    ]
    d = out["diversity"]
    assert [g["value"] for g in d["generations"]["counts"]] == ["Gen X", "Millennial", "Gen Z"]
    assert d["generations"]["unknown"] == 2
    assert d["fields"]["distinct"] == 3
    assert [(x["name"], x["gave_you"], x["value"]) for x in d["reverse_mentors"]] == [
        ("Kai Young", 1, 3)
    ]


def test_titles_never_change_energy_depth_or_reciprocity(kith: Kith) -> None:
    build(kith)
    before = insights(kith)
    for who, title in (
        ("Victor", "Barista"),
        ("Rosa", "CEO"),
        ("Kai", "Founder"),
        ("Sophie", "VP"),
    ):
        edit_person(kith, who, PersonInput(title=title))
    after = insights(kith)
    for section in ("energy", "reciprocity", "depth", "replies", "intros", "met", "diversity"):
        assert after[section] == before[section], section

    def untitled(o: dict[str, Any]) -> list[dict[str, Any]]:
        return [{k: v for k, v in s.items() if k != "title"} for s in o["sources"]]

    assert untitled(after["opportunities"]) == untitled(before["opportunities"])
    # only the descriptive comparison moves: the "CEO" and the "Founder" opened every door
    assert after["titles"]["opportunities"]["share"] == 1.0
    assert after["titles"]["outreach"]["share"] == round(1 / 7, 3)  # Kai's one message
    assert after["titles"] != before["titles"]


def test_other_accounts_stay_out(kith: Kith, db_url: str) -> None:
    build(kith)
    before = insights(kith)
    other = open_kith(db_url, today=TODAY, account="someone-else")
    try:
        make_person(other, "Rosa Barista", title="CEO", met_where="Rooftop event")
        for d in (9, 8):
            log(other, "Rosa", "coffee", d, energy="-2", initiated_by="me")
        log(other, "Rosa", "message", 7, outreach_style="formal")
        rec.add_ledger(other, "Rosa", "gave", "help", when=ago(3))
        rec.add_opportunity(other, "Their job", "job", ["Rosa"], value="5")
        make_person(other, "Someone Else")
        rec.propose_intro(other, "Rosa", "Someone Else")
    finally:
        other.engine.dispose()
    assert insights(kith) == before


def test_an_earlier_day_leaves_later_records_out(kith: Kith) -> None:
    build(kith)
    earlier = dataclasses.replace(kith, today=TODAY - timedelta(days=70))
    out = insights(earlier, ["opportunities", "replies"])
    assert [s["name"] for s in out["opportunities"]["sources"]] == ["Rosa Barista"]
    assert [s["style"] for s in out["replies"]["styles"]] == ["follow-up"]


def test_top_caps_every_list_and_says_how_many_more(kith: Kith) -> None:
    build(kith)
    out = insights(kith, top=1)
    assert len(out["opportunities"]["sources"]) == 1 and out["opportunities"]["more_sources"] == 1
    assert len(out["depth"]["deepest"]) == 1
    assert len(out["met"]["places"]) == 1 and out["met"]["places"][0]["names"] == ["Rosa Barista"]
    rec = out["reciprocity"]
    assert len(rec["people"]) == 1 and rec["more_people"] == 3  # Sophie, Kai, Rosa, Marcus
    assert len(out["intros"]["list"]) == 1 and out["intros"]["more_list"] == 1
    assert (
        len(out["diversity"]["fields"]["counts"]) == 1 and out["diversity"]["fields"]["more"] == 2
    )


def test_an_empty_network_has_every_section(kith: Kith) -> None:
    out = insights(kith)
    assert out["people"] == 0
    assert out["titles"]["outreach"]["share"] is None
    assert out["replies"]["all"]["rate"] is None
    assert out["energy"]["fuellers"] == [] and out["opportunities"]["sources"] == []


def test_unknown_sections_and_bad_top_are_refused(kith: Kith) -> None:
    with pytest.raises(InvalidInput, match="no section 'vibes'"):
        insights(kith, ["energy", "vibes"])
    with pytest.raises(InvalidInput, match="top"):
        insights(kith, top=0)
