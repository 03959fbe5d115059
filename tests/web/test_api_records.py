"""The JSON API for moments, follow-ups, replies, the ledger, introductions,
opportunities, saved items and dismissals: each change read back, bad input refused
with the field named and nothing changed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from conftest import TODAY, make_person
from kithkin.services.transfer import export_document
from webkit import Server

API = "/api/v1"


def snapshot(server: Server, name: str = "alice") -> dict[str, Any]:
    return export_document(server.kith(name))


def error_of(r: Any, status: int) -> str:
    assert r.status_code == status, r.text
    return str(r.json()["error"])


def two(server: Server) -> tuple[int, int]:
    k = server.kith("alice")
    return make_person(k, "Maya López"), make_person(k, "Sam Lee")


def test_log_a_moment_with_a_promise_and_keep_it(server: Server) -> None:
    maya, sam = two(server)
    c = server.as_token("alice")
    r = c.post(
        f"{API}/moments",
        json={
            "people": ["Maya", f"#{sam}"],
            "kind": "coffee",
            "when": "2026-11-20",
            "energy": 2,
            "depth": "personal",
            "initiated_by": "them",
            "topics": ["Mushroom packaging"],
            "note": "talked bread",
            "follow_up": "send the article",
            "due": "2026-11-25",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["people"] == ["Maya López", "Sam Lee"]
    assert r.json()["on"] == "2026-11-20"
    assert r.json()["follow_up_due"] == "2026-11-25"
    moment = c.get(f"{API}/people/{maya}").json()["timeline"][0]
    assert moment["id"] == r.json()["id"]
    assert moment["with"] == ["Sam Lee"]
    assert (moment["energy"], moment["depth"], moment["topics"]) == (
        2,
        "personal",
        ["mushroom packaging"],
    )
    promises = c.get(f"{API}/follow-ups").json()
    assert [(p["person_id"], p["text"], p["due"]) for p in promises] == [
        (maya, "send the article", "2026-11-25"),
        (sam, "send the article", "2026-11-25"),
    ]
    mine = c.get(f"{API}/follow-ups", params={"person_id": sam}).json()
    assert [p["person"] for p in mine] == ["Sam Lee"]
    done = c.post(f"{API}/follow-ups/{mine[0]['id']}/done")
    assert done.json() == {"message": "Done: send the article"}
    assert [p["person_id"] for p in c.get(f"{API}/follow-ups").json()] == [maya]
    kept = c.get(f"{API}/follow-ups", params={"all": "true", "person_id": sam}).json()
    assert kept[0]["done"] == TODAY.isoformat()
    again = c.post(f"{API}/follow-ups/{mine[0]['id']}/done")
    assert "already done" in error_of(again, 422)
    assert "follow-up" in error_of(c.post(f"{API}/follow-ups/9999/done"), 404)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"people": ["Maya"], "kind": "coffee", "energy": 3}, "energy"),
        ({"people": ["Maya"], "kind": "coffee", "energy": -5}, "energy"),
        ({"people": ["Maya"], "kind": "tea party"}, "kind"),
        ({"people": ["Maya"], "kind": "coffee", "when": "not a date"}, "date"),
        ({"people": ["Maya"], "kind": "coffee", "when": "tomorrow"}, "date"),
        ({"people": ["Maya"], "kind": "coffee", "depth": "deep"}, "depth"),
        ({"people": ["Maya"], "kind": "coffee", "initiated_by": "fate"}, "initiated_by"),
        ({"people": ["Maya"], "kind": "coffee", "due": "friday"}, "due"),
        ({"people": ["Nobody Atall"], "kind": "coffee"}, "Nobody Atall"),
        ({"people": ["Maya", "#999"], "kind": "coffee"}, "#999"),
        ({"people": [], "kind": "coffee"}, "people"),
        ({"people": ["Maya"], "kind": "coffee", "mood": "good"}, "mood"),
        ({"kind": "coffee"}, "people"),
    ],
)
def test_bad_moments_change_nothing(server: Server, body: dict[str, Any], field: str) -> None:
    two(server)
    c = server.as_token("alice")
    before = snapshot(server)
    r = c.post(f"{API}/moments", json=body)
    assert 400 <= r.status_code < 500, r.text
    assert field in r.json()["error"]
    assert snapshot(server) == before


def test_replies_to_outreach(server: Server) -> None:
    maya, sam = two(server)
    c = server.as_token("alice")
    sent = c.post(
        f"{API}/moments",
        json={
            "people": ["Maya"],
            "kind": "message",
            "outreach_style": "warm",
            "when": "3 days ago",
        },
    ).json()
    timeline = c.get(f"{API}/people/{maya}").json()["timeline"]
    assert timeline[0]["reply_state"] == "awaiting"
    r = c.post(f"{API}/moments/{sent['id']}/replied", json={"when": "yesterday"})
    assert r.json() == {"message": f"Maya López replied on {TODAY - timedelta(days=1)}."}
    timeline = c.get(f"{API}/people/{maya}").json()["timeline"]
    assert (timeline[0]["reply_state"], timeline[0]["replied_on"]) == (
        "replied",
        (TODAY - timedelta(days=1)).isoformat(),
    )
    assert "already marked replied" in error_of(c.post(f"{API}/moments/{sent['id']}/replied"), 422)
    assert "moment" in error_of(c.post(f"{API}/moments/9999/replied"), 404)

    c.post(f"{API}/moments", json={"people": ["Sam"], "kind": "email", "outreach_style": "brief"})
    r = c.post(f"{API}/people/{sam}/replied", json={"no_reply": True})
    assert r.json() == {"message": "Sam Lee: no reply recorded."}
    assert c.get(f"{API}/people/{sam}").json()["timeline"][0]["reply_state"] == "no_reply"
    assert "awaiting" in error_of(c.post(f"{API}/people/{sam}/replied"), 404)
    plain = c.post(f"{API}/moments", json={"people": ["Sam"], "kind": "call"}).json()
    before = snapshot(server)
    assert "not outreach" in error_of(c.post(f"{API}/moments/{plain['id']}/replied"), 422)
    bad_day = c.post(f"{API}/moments/{plain['id']}/replied", json={"when": "someday"})
    assert "date" in error_of(bad_day, 422)
    assert snapshot(server) == before


def test_ledger_gave_and_got(server: Server) -> None:
    maya, _ = two(server)
    c = server.as_token("alice")
    r = c.post(f"{API}/ledger", json={"person": f"#{maya}", "direction": "gave", "kind": "advice"})
    assert r.status_code == 201, r.text
    assert r.json() == {"message": "Gave advice (small) to Maya López."}
    r = c.post(
        f"{API}/ledger",
        json={
            "person": "maya",
            "direction": "received",
            "kind": "referral",
            "size": "large",
            "when": "2026-11-01",
            "note": "the bakery job",
        },
    )
    assert r.json()["message"] == "Received referral (large) from Maya López."
    ledger = c.get(f"{API}/people/{maya}").json()["ledger"]
    assert (ledger["gave"], ledger["received"], ledger["received_size"]) == (1, 1, 3)
    assert ledger["recent"][1] == {
        "date": "2026-11-01",
        "direction": "received",
        "kind": "referral",
        "size": "large",
        "note": "the bakery job",
    }
    before = snapshot(server)
    for body, field in [
        ({"person": "maya", "direction": "took", "kind": "advice"}, "direction"),
        ({"person": "maya", "direction": "gave", "kind": "money"}, "kind"),
        ({"person": "maya", "direction": "gave", "kind": "help", "size": "huge"}, "size"),
        ({"person": "maya", "direction": "gave", "kind": "help", "when": "next week"}, "date"),
        ({"person": "#999", "direction": "gave", "kind": "help"}, "#999"),
    ]:
        r = c.post(f"{API}/ledger", json=body)
        assert 400 <= r.status_code < 500, r.text
        assert field in r.json()["error"]
    assert snapshot(server) == before


def test_an_introduction_through_its_double_opt_in(server: Server) -> None:
    maya, sam = two(server)
    c = server.as_token("alice")
    r = c.post(f"{API}/intros", json={"a": f"#{maya}", "b": "Sam", "reason": "both bake"})
    assert r.status_code == 201, r.text
    intro = r.json()
    assert (intro["a_name"], intro["b_name"], intro["status"]) == (
        "Maya López",
        "Sam Lee",
        "proposed",
    )
    iid = intro["id"]
    url = f"{API}/intros/{iid}/advance"
    early = c.post(url, json={"action": "made"})
    assert "double opt-in" in error_of(early, 422)
    assert "#999" in error_of(c.post(url, json={"action": "agree", "who": "#999"}), 404)
    assert c.post(url, json={"action": "agree", "who": "Maya"}).json()["a_agreed_on"]
    both = c.post(url, json={"action": "agree", "who": f"#{sam}"}).json()
    assert both["status"] == "agreed"
    assert c.post(url, json={"action": "made"}).json()["status"] == "made"
    closed = c.post(url, json={"action": "outcome", "outcome": "they opened a bakery"}).json()
    assert (closed["status"], closed["outcome"]) == ("closed", "they opened a bakery")
    listed = c.get(f"{API}/intros").json()
    assert listed == [closed]
    assert c.get(f"{API}/intros", params={"person_id": sam}).json() == [closed]
    assert "action" in error_of(c.post(url, json={"action": "dance"}), 422)
    assert "introduction" in error_of(
        c.post(f"{API}/intros/999/advance", json={"action": "made"}), 404
    )
    same = c.post(f"{API}/intros", json={"a": "Maya", "b": f"#{maya}"})
    assert "two different people" in error_of(same, 422)
    assert len(c.get(f"{API}/intros").json()) == 1


def test_opportunities(server: Server) -> None:
    two(server)
    c = server.as_token("alice")
    r = c.post(
        f"{API}/opportunities",
        json={"title": "Bakery job", "kind": "job", "via": ["Sam", "Maya"], "value": 4},
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["chain"] == ["Sam Lee", "Maya López"]
    assert c.get(f"{API}/opportunities").json() == [made]
    before = snapshot(server)
    for body, field in [
        ({"title": "x", "kind": "lottery"}, "kind"),
        ({"title": "x", "kind": "job", "value": 9}, "value"),
        ({"title": "", "kind": "job"}, "title"),
        ({"title": "x", "kind": "job", "via": ["Maya", "maya"]}, "via"),
        ({"title": "x", "kind": "job", "when": "in a week"}, "date"),
    ]:
        r = c.post(f"{API}/opportunities", json=body)
        assert 400 <= r.status_code < 500, r.text
        assert field in r.json()["error"]
    assert snapshot(server) == before


def test_saved_items(server: Server) -> None:
    make_person(server.kith("alice"), "Maya López", interests=["sourdough"])
    c = server.as_token("alice")
    r = c.post(f"{API}/saved", json={"content": "A note about rye", "topics": ["sourdough"]})
    assert r.status_code == 201, r.text
    item = r.json()
    assert (item["kind"], item["topics"]) == ("note", ["sourdough"])
    assert [f["person"] for f in item["fits"]] == ["Maya López"]
    link = c.post(f"{API}/saved", json={"content": "https://rye.example/"}).json()
    assert link["kind"] == "link"
    listed = c.get(f"{API}/saved").json()
    assert {i["id"] for i in listed} == {item["id"], link["id"]}
    assert next(i for i in listed if i["id"] == link["id"])["url"] == "https://rye.example/"
    before = snapshot(server)
    assert "kind" in error_of(c.post(f"{API}/saved", json={"content": "x", "kind": "gif"}), 422)
    assert "content" in error_of(c.post(f"{API}/saved", json={"content": ""}), 422)
    assert snapshot(server) == before


def test_dismiss_a_suggestion(server: Server) -> None:
    maya, _ = two(server)
    c = server.as_token("alice")
    r = c.post(f"{API}/people/{maya}/dismiss", json={"reason": "cadence", "until": "2027-02-01"})
    assert r.status_code == 200, r.text
    assert "Maya López" in r.json()["message"]
    dismissals = snapshot(server)["dismissals"]
    assert [(d["reason"], d["until"]) for d in dismissals] == [("cadence", "2027-02-01")]
    before = snapshot(server)
    assert "until" in error_of(
        c.post(f"{API}/people/{maya}/dismiss", json={"reason": "x", "until": "?"}), 422
    )
    assert "reason" in error_of(c.post(f"{API}/people/{maya}/dismiss", json={}), 422)
    assert snapshot(server) == before


def test_a_session_logs_a_moment_only_with_its_csrf_header(server: Server) -> None:
    maya, _ = two(server)
    c = server.logged_in("alice")
    body = {"people": [f"#{maya}"], "kind": "walk"}
    before = snapshot(server)
    assert c.post(f"{API}/moments", json=body).status_code == 403
    assert (
        c.post(
            f"{API}/ledger", json={"person": "Maya", "direction": "gave", "kind": "help"}
        ).status_code
        == 403
    )
    assert snapshot(server) == before
    r = c.call("POST", f"{API}/moments", json=body)
    assert r.status_code == 201, r.text
    assert c.get(f"{API}/people/{maya}").json()["moment_count"] == 1
