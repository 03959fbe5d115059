"""Drafts through the web: every kind drafted, lint beside the text, re-lint, mark sent,
and the API answering what the service drafts."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from conftest import TODAY, make_person
from kithkin.services import drafts
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.transfer import export_document

#: The form fields each kind needs on the page.
FORMS = {
    "reopener": {"person": "Maya"},
    "checkin": {"person": "Maya"},
    "intro": {"person": "Maya", "other": "Theo", "reason": "both bake sourdough"},
    "office-hours": {"person": "Maya", "other": "Dana", "on": "saturday", "at": "10:00"},
    "followup": {"person": "Maya"},
    "cold": {"person": "Jordan", "because": "your paper on consent in recommender systems"},
}


def _seed(kith):  # type: ignore[no-untyped-def]
    maya = make_person(kith, "Maya López", interests=["sourdough", "climbing"], cadence="2w")
    make_person(kith, "Theo Park", interests=["sourdough"])
    make_person(kith, "Dana Reyes", interests=["pottery"])
    make_person(kith, "Jordan Lee", org="Aalto University", title="Researcher")
    log_moment(
        kith,
        MomentInput(
            people=["Maya"],
            kind="coffee",
            note="talked bread and her new climbing gym",
            when=(TODAY - timedelta(days=90)).isoformat(),
            energy="2",
        ),
    )
    return maya


def _textareas(page: str) -> list[str]:
    found = re.findall(r"<textarea id=\"text-\d+\"[^>]*>(.*?)</textarea>", page, re.S)
    return [html.unescape(t) for t in found]


def _asides(page: str) -> list[str]:
    return re.findall(r'<aside class="lint".*?</aside>', page, re.S)


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_each_kind_drafts_for_a_seeded_person(open_web, kind):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    page = client.form("/drafts", {"kind": kind, **FORMS[kind]})
    assert page.status_code == 200, page.text
    texts = _textareas(page.text)
    want = drafts.draft(
        kith,
        kind,
        [FORMS[kind]["person"], *([FORMS[kind]["other"]] if "other" in FORMS[kind] else [])],
        because=FORMS[kind].get("because"),
        reason=FORMS[kind].get("reason"),
        when=drafts.when_of(kith, FORMS[kind].get("on"), FORMS[kind].get("at")),
    )
    expected = [body for _, body in want.notes] if want.notes else [want.body]
    assert texts == expected
    # each text has its lint beside it, and the form can mark it sent
    assert len(_asides(page.text)) == len(texts)
    assert 'formaction="/drafts/sent"' in page.text
    assert f'name="kind" value="{kind}"' in page.text


def test_a_naked_hello_shows_its_finding_beside_the_text(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    maya = _seed(kith)
    page = client.form(
        "/drafts/check",
        {"kind": "checkin", "people": [maya], "to": "Maya López", "text": "Hello!"},
    )
    assert page.status_code == 200, page.text
    assert _textareas(page.text) == ["Hello!"]
    (aside,) = _asides(page.text)
    assert "naked-greeting" in aside
    assert "The message is only a greeting: say why you are writing." in aside
    assert "line 1: “Hello!”" in aside  # where it is


def test_check_again_relints_the_edited_text(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    maya = _seed(kith)
    first = client.form("/drafts", {"kind": "checkin", "person": "Maya"})
    (drafted,) = _textareas(first.text)
    (aside,) = _asides(first.text)
    assert "naked-greeting" not in aside
    edited = client.form(
        "/drafts/check",
        {"kind": "checkin", "people": [maya], "to": "Maya López", "text": "Hey!"},
    )
    assert "naked-greeting" in _asides(edited.text)[0]
    fixed = client.form(
        "/drafts/check",
        {"kind": "checkin", "people": [maya], "to": "Maya López", "text": drafted},
    )
    assert "naked-greeting" not in _asides(fixed.text)[0]
    assert _textareas(fixed.text) == [drafted]


def test_unknown_person_is_a_clear_404(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    page = client.form("/drafts", {"kind": "checkin", "person": "Nobody Atall"})
    assert page.status_code == 404
    assert "Nobody Atall" in page.text
    api = client.call("POST", "/api/v1/drafts", json={"kind": "checkin", "person": "Nobody"})
    assert api.status_code == 404
    assert "Nobody" in api.json()["error"]
    bad_kind = client.call("POST", "/api/v1/drafts", json={"kind": "poem", "person": "Maya"})
    assert bad_kind.status_code == 422
    assert "is not a kind of draft" in bad_kind.json()["error"]


def test_cold_without_a_reason_drafts_nothing(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    page = client.form("/drafts", {"kind": "cold", "person": "Jordan"})
    assert page.status_code == 422
    assert "intention check" in page.text


def test_api_answers_the_services_text(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    r = client.call("POST", "/api/v1/drafts", json={"kind": "reopener", "person": "Maya"})
    assert r.status_code == 200, r.text
    want = drafts.draft(kith, "reopener", ["Maya"])
    got = r.json()
    assert got["text"] == want.body
    assert got["subject"] == want.subject
    assert got["to"] == ["Maya López"]
    assert [f["code"] for f in got["findings"]] == [f.code for f in want.findings]
    intro = client.call(
        "POST", "/api/v1/drafts", json={"kind": "intro", "person": "Maya", "other": "Theo"}
    ).json()
    assert [n["to"] for n in intro["notes"]] == ["Maya López", "Theo Park"]
    # an option the kind does not take is refused, not ignored
    r = client.call(
        "POST", "/api/v1/drafts", json={"kind": "checkin", "person": "Maya", "minutes": 10}
    )
    assert r.status_code == 422


def test_lint_api(open_web):  # type: ignore[no-untyped-def]
    client, _ = open_web
    r = client.call("POST", "/api/v1/lint", json={"text": "Hello!"})
    assert r.status_code == 200
    (finding,) = r.json()["findings"]
    assert finding["code"] == "naked-greeting"
    assert finding["where"] == "line 1: “Hello!”"
    long = client.call("POST", "/api/v1/lint", json={"text": "x" * 20_001})
    assert long.status_code == 422


def test_mark_sent_records_outreach_in_that_style(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    maya = _seed(kith)
    r = client.form("/drafts/sent", {"kind": "reopener", "people": [maya]})
    assert r.status_code == 303
    page = client.get("/drafts")
    assert "Sent to Maya López on 2026-11-21 (reopener); awaiting a reply." in page.text
    styles = [m.get("outreach_style") for m in export_document(kith)["moments"]]
    assert styles.count("reopener") == 1


def test_nobody_to_draft_for_says_so(open_web):  # type: ignore[no-untyped-def]
    client, _ = open_web
    page = client.get("/drafts")
    assert page.status_code == 200
    assert "There is no one to draft for yet." in page.text
    assert '<textarea id="text-' not in page.text


def test_drafts_of_one_account_cannot_name_anothers_people(server):  # type: ignore[no-untyped-def]
    _seed(server.kith("alice"))
    bob = server.as_token("bob")
    r = bob.post("/api/v1/drafts", json={"kind": "checkin", "person": "Maya"})
    assert r.status_code == 404


def test_nul_characters_are_refused_not_a_500(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    r = client.call("POST", "/api/v1/drafts", json={"kind": "checkin", "person": "Maya\x00"})
    assert r.status_code == 422
    page = client.form("/drafts", {"kind": "intro", "person": "Maya", "other": "Theo\x00"})
    assert page.status_code == 422
