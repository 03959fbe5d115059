"""Shared interests by meaning, similar people, introductions and saved items, on small
networks built through the services (the real model, the real database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from conftest import TODAY, make_person
from kithkin.semantic import load
from kithkin.services import matching, saved, semantic
from kithkin.services.context import Kith
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.people import PersonInput, edit_person, release
from kithkin.services.records import propose_intro, save_item
from kithkin.services.today import done, ranked, top
from kithkin.services.transfer import export_document, import_document
from kithkin.storage.tables import phrase_vectors, phrases


@pytest.fixture
def net(kith: Kith) -> Kith:
    """A designer, a former Imagineer, a climber, a boulderer and a wine lover."""
    make_person(kith, "Maya López", interests=["mushroom-based packaging", "ceramics"])
    make_person(kith, "Theo Marsh", interests=["sustainable packaging", "theme park design"])
    make_person(kith, "Inês Castillo", interests=["rock climbing"])
    make_person(kith, "Priya Raman", interests=["bouldering", "tax law"])
    make_person(kith, "Julien Moreau", interests=["natural wine"])
    return kith


def vector_count(kith: Kith) -> tuple[int, int]:
    with kith.begin() as conn:
        return (
            conn.execute(select(func.count()).select_from(phrase_vectors)).scalar_one(),
            conn.execute(select(func.count()).select_from(phrases)).scalar_one(),
        )


def test_each_phrase_is_embedded_once_when_it_first_appears(net: Kith) -> None:
    stored, total = vector_count(net)
    assert stored == total == 8
    make_person(net, "Ava Brennan", interests=["rock climbing", "endurance cycling"])
    assert vector_count(net) == (9, 9)  # only the new phrase
    log_moment(net, MomentInput(people=["Ava"], kind="coffee", topics=["gravel rides"]))
    assert vector_count(net) == (10, 10)
    assert semantic.reindex(net) == 0  # nothing missing
    assert semantic.reindex(net, everything=True) == 10


def test_common_shows_the_phrases_on_each_side(net: Kith) -> None:
    matching.set_my_interests(net, ["eco-friendly packaging", "opera"], [])
    found = matching.common(net, "Maya")
    assert found["semantic"] is True
    assert found["yours"] == ["eco-friendly packaging", "opera"]
    assert [(m["mine"], m["theirs"]) for m in found["shared"]] == [
        ("eco-friendly packaging", "mushroom-based packaging")
    ]
    assert found["shared"][0]["score"] >= load.encoder().related_at


def test_removing_an_interest_you_do_not_have_changes_nothing(net: Kith) -> None:
    matching.set_my_interests(net, ["opera"], [])
    from kithkin.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="not one of your interests"):
        matching.set_my_interests(net, ["jazz"], ["knitting"])
    assert [m["phrase"] for m in matching.my_interests(net)] == ["opera"]


def test_similar_finds_meaning_and_leaves_released_people_out(net: Kith) -> None:
    found = matching.similar(net, "Inês")
    assert [s["person"] for s in found["similar"]] == ["Priya Raman"]
    assert found["similar"][0]["shared"][0] == {
        "mine": "rock climbing",
        "theirs": "bouldering",
        "score": pytest.approx(0.73, abs=0.05),
    }
    release(net, "Priya")
    assert matching.similar(net, "Inês")["similar"] == []


def test_rare_shared_interests_rank_before_common_ones(kith: Kith) -> None:
    make_person(kith, "Ann", interests=["travel", "letterpress printing"])
    make_person(kith, "Bo", interests=["letterpress printing"])
    for i in range(6):
        make_person(kith, f"Traveller {i}", interests=["travel"])
    names = [s["person"] for s in matching.similar(kith, "Ann")["similar"]]
    assert names[0] == "Bo"


def test_intros_pair_strangers_who_share_a_meaning(net: Kith) -> None:
    found = matching.intro_suggestions(net)
    pairs = [{s["a"]["person"], s["b"]["person"]} for s in found["suggestions"]]
    assert {"Maya López", "Theo Marsh"} in pairs
    assert {"Inês Castillo", "Priya Raman"} in pairs
    assert all("Julien Moreau" not in p for p in pairs)  # natural wine matches nobody
    maya = next(
        s for s in found["suggestions"] if "Maya López" in (s["a"]["person"], s["b"]["person"])
    )
    assert "packaging" in maya["why"]


def test_intros_leave_out_known_pairs_released_people_and_drainers(net: Kith) -> None:
    propose_intro(net, "Maya", "Theo", "packaging")
    log_moment(net, MomentInput(people=["Inês", "Priya"], kind="event"))
    assert matching.intro_suggestions(net)["suggestions"] == []
    make_person(net, "Zed Drain", interests=["bouldering"])
    for ago in (3, 10):
        log_moment(
            net,
            MomentInput(
                people=["Zed"], kind="coffee", energy="-2", when=str(TODAY - timedelta(days=ago))
            ),
        )
    make_person(net, "Gone Away", interests=["rock climbing"])
    release(net, "Gone")
    names = {s[k]["person"] for s in matching.intro_suggestions(net)["suggestions"] for k in "ab"}
    assert "Zed Drain" not in names and "Gone Away" not in names


def test_titles_never_change_intros_or_similar(net: Kith) -> None:
    before = (matching.intro_suggestions(net), matching.similar(net, "Maya"))
    edit_person(net, "Theo", PersonInput(org="Disney", title="Chief Imagineer"))
    edit_person(net, "Priya", PersonInput(title="Intern"))
    assert (matching.intro_suggestions(net), matching.similar(net, "Maya")) == before


def test_a_saved_item_finds_who_would_love_it_and_today_offers_it(net: Kith) -> None:
    item = save_item(net, "https://example.org/mycelium", ["mycelium packaging"])
    assert [f["person"] for f in item["fits"]][:2] == ["Maya López", "Theo Marsh"]
    found = saved.for_person(net, "Theo")
    assert found["items"][0]["item_id"] == item["id"]
    assert saved.for_person(net, "Julien")["items"] == []
    lines = {line.name: line for line in ranked(net)}
    gift = next(r for r in lines["Maya López"].reasons if r.kind == "saved")
    assert "example.org/mycelium" in gift.words and gift.ref == item["id"]
    assert top(net, 3) == ranked(net)[:3]


def test_done_on_a_saved_line_marks_it_sent_and_notes_the_gift(kith: Kith) -> None:
    make_person(kith, "Maya López", interests=["mushroom-based packaging"])
    item = save_item(kith, "https://example.org/mycelium", ["mycelium packaging"])
    (line,) = ranked(kith)
    assert line.reason.kind == "saved"
    said = done(kith, 1)
    assert "sent https://example.org/mycelium" in said
    assert ranked(kith) == []
    assert saved.for_person(kith, "Maya")["items"][0]["sent_on"] == TODAY
    doc = export_document(kith)
    assert doc["saved_items"][0]["sent_to"][0]["on"] == TODAY.isoformat()
    assert doc["ledger"][0]["kind"] == "article"
    assert doc["saved_items"][0]["uid"] and item["id"]


def test_old_items_are_not_offered(kith: Kith) -> None:
    make_person(kith, "Maya López", interests=["mushroom-based packaging"])
    save_item(kith, "old news", ["mycelium packaging"], when=str(TODAY - timedelta(days=61)))
    assert ranked(kith) == []
    assert saved.for_person(kith, "Maya")["items"]  # still listed by `kith for`


def test_json_round_trip_keeps_your_interests_and_what_was_sent(kith: Kith, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kithkin.services.context import open_kith

    make_person(kith, "Maya López", interests=["mushroom-based packaging"])
    matching.set_my_interests(kith, ["sustainable materials: mostly fungi"], [])
    save_item(kith, "https://example.org/mycelium", ["mycelium packaging"])
    done(kith, 1)
    doc = export_document(kith)
    other = open_kith(f"sqlite:///{tmp_path / 'other.db'}", today=TODAY)
    import_document(other, doc)
    assert export_document(other) == doc
    assert matching.my_interests(other) == [
        {"phrase": "sustainable materials", "note": "mostly fungi"}
    ]
    assert ranked(other) == []  # still sent
    other.engine.dispose()


@pytest.fixture
def lexical(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    load.reset()
    monkeypatch.setenv(load.CHOICE_ENV, "lexical")
    yield
    load.reset()


def test_without_the_model_matching_falls_back_to_words_and_says_so(
    net: Kith, lexical: None
) -> None:
    found = matching.similar(net, "Maya")
    assert found["semantic"] is False
    assert [s["person"] for s in found["similar"]] == ["Theo Marsh"]  # "packaging" in both
    assert matching.similar(net, "Inês")["similar"] == []  # climbing ~ bouldering needs a model
    assert len(net.notices) == 1 and "Semantic matching is off" in net.notices[0]
    matching.intro_suggestions(net)
    assert len(net.notices) == 1  # said once


def test_a_new_topic_without_the_model_falls_back_for_everything(
    net: Kith, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    load.reset()
    monkeypatch.setenv("KITH_MODEL_FILE", str(tmp_path / "missing.onnx"))
    try:  # interests have model vectors; the new topic cannot get one
        item = save_item(net, "a packaging zine", ["packaging zines"])
        edit_person(net, "Maya", PersonInput(remove_interests=["ceramics"]))
    finally:
        load.reset()
    assert {f["person"] for f in item["fits"]} == {"Maya López", "Theo Marsh"}  # by words
    assert any("Semantic matching is off" in n for n in net.notices)


def test_a_snooze_ending_today_is_over_for_matching_too(net: Kith) -> None:
    from dataclasses import replace

    from kithkin.services.people import snooze

    snooze(net, "Priya", str(TODAY + timedelta(days=1)))
    assert matching.similar(net, "Inês")["similar"] == []
    tomorrow = replace(net, today=TODAY + timedelta(days=1))  # the day it ends, as Today says
    assert [s["person"] for s in matching.similar(tomorrow, "Inês")["similar"]] == ["Priya Raman"]
