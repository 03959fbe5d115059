"""The JSON API for people and interests: every endpoint with an API token, one through a
browser session (with and without its CSRF header), and bad input changing nothing."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from conftest import TODAY, make_person
from kithkin.domain import records
from kithkin.domain.energy import LABELS
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.transfer import export_document
from kithkin.web import models_people, models_records
from webkit import Server

API = "/api/v1"


def snapshot(server: Server, name: str = "alice") -> dict[str, Any]:
    return export_document(server.kith(name))


def error_of(r: Any, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) >= {"error"}
    return str(body["error"])


def test_the_enums_are_the_services_choices() -> None:
    assert get_args(models_records.MomentKind) == records.MOMENT_KINDS
    assert get_args(models_records.Depth) == records.DEPTHS
    assert get_args(models_records.Initiator) == records.INITIATORS
    assert get_args(models_records.Direction) == records.LEDGER_DIRECTIONS
    assert get_args(models_records.LedgerKind) == records.LEDGER_KINDS
    assert get_args(models_records.Size) == tuple(records.SIZES)
    assert get_args(models_records.OpportunityKind) == records.OPPORTUNITY_KINDS
    assert get_args(models_records.SavedKind) == records.SAVED_KINDS
    assert get_args(models_people.ChannelKind) == records.CHANNEL_KINDS
    assert get_args(models_people.Pancake) == records.PANCAKE
    assert get_args(models_people.Status) == records.STATUSES
    assert get_args(models_people.EnergyLabel) == LABELS


def test_add_a_person_and_read_them_back(server: Server) -> None:
    c = server.as_token("alice")
    r = c.post(
        f"{API}/people",
        json={
            "name": "Maya López",
            "interests": ["sourdough: bakes every Sunday", "mushroom packaging"],
            "tags": ["Lisbon"],
            "channels": [{"kind": "email", "value": "maya@example.org"}],
            "met_where": "a bakery",
            "met_on": "2024-05-01",
            "birthday": "--03-14",
            "timezone": "Europe/Lisbon",
            "cadence": "3w",
            "org": "Fungi Co",
        },
    )
    assert r.status_code == 201, r.text
    made = r.json()
    pid = made["id"]
    got = c.get(f"{API}/people/{pid}").json()
    assert got == made
    assert got["name"] == "Maya López"
    assert got["interests"] == [
        {"phrase": "sourdough", "note": "bakes every Sunday"},
        {"phrase": "mushroom packaging", "note": None},
    ]
    assert got["tags"] == ["lisbon"]
    assert got["channels"] == [{"kind": "email", "label": None, "value": "maya@example.org"}]
    assert got["met"]["where"] == "a bakery"
    assert got["met"]["on"] == "2024-05-01"
    assert got["birthday"]["date"] == "--03-14"
    assert got["cadence_days"] == 21
    assert got["status"] == "active"
    found = c.get(f"{API}/people", params={"q": "sourdough"}).json()
    assert found["total"] == 1
    assert found["people"][0]["id"] == pid
    assert found["people"][0]["interests"] == ["sourdough", "mushroom packaging"]
    assert c.get(f"{API}/tags").json() == ["lisbon"]


def test_search_filters_and_pages(server: Server) -> None:
    k = server.kith("alice")
    ids = [make_person(k, f"Person {n}", tags=["team"] if n % 2 else []) for n in range(5)]
    c = server.as_token("alice")
    everyone = c.get(f"{API}/people").json()
    assert everyone["total"] == 5
    team = c.get(f"{API}/people", params={"tag": "team"}).json()
    assert sorted(p["id"] for p in team["people"]) == [ids[1], ids[3]]
    page = c.get(f"{API}/people", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 5
    assert len(page["people"]) == 2
    assert c.get(f"{API}/people", params={"status": "released"}).json()["total"] == 0
    assert c.get(f"{API}/people", params={"energy": "unknown"}).json()["total"] == 5
    assert "energy" in error_of(c.get(f"{API}/people", params={"energy": "loud"}), 422)
    assert "status" in error_of(c.get(f"{API}/people", params={"status": "gone"}), 422)
    assert "limit" in error_of(c.get(f"{API}/people", params={"limit": 0}), 422)


def test_edit_a_person(server: Server) -> None:
    k = server.kith("alice")
    pid = make_person(k, "Maya López", interests=["sourdough"], tags=["old"])
    sam = make_person(k, "Sam Lee")
    c = server.as_token("alice")
    r = c.patch(
        f"{API}/people/{pid}",
        json={
            "location": "Porto",
            "interests": ["kayaking"],
            "remove_interests": ["sourdough"],
            "remove_tags": ["old"],
            "tags": ["new"],
            "via": f"#{sam}",
            "pancake": "yes",
        },
    )
    assert r.status_code == 200, r.text
    got = c.get(f"{API}/people/{pid}").json()
    assert got == r.json()
    assert got["location"] == "Porto"
    assert [i["phrase"] for i in got["interests"]] == ["kayaking"]
    assert got["tags"] == ["new"]
    assert got["met"]["through"] == "Sam Lee"
    assert got["pancake"] == "yes"
    cleared = c.patch(f"{API}/people/{pid}", json={"location": "", "via": ""}).json()
    assert cleared["location"] is None
    assert cleared["met"]["through"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"birthday": "the 45th of Smarch"}, "birthday"),
        ({"met_on": "not a date"}, "met on"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"cadence": "sometimes"}, "cadence"),
        ({"pancake": "maybe"}, "pancake"),
        ({"channels": [{"kind": "email", "value": "not-an-email"}]}, "email"),
        ({"channels": [{"kind": "pigeon", "value": "x"}]}, "kind"),
        ({"via": "Nobody Atall"}, "Nobody Atall"),
        ({"colour": "blue"}, "colour"),
        ({"name": ""}, "name"),
        ({"notes": "nul\x00byte"}, "notes"),
        ({"location": "x" * 301}, "location"),
    ],
)
def test_bad_edits_name_the_field_and_change_nothing(
    server: Server, body: dict[str, Any], field: str
) -> None:
    pid = make_person(server.kith("alice"), "Maya López")
    c = server.as_token("alice")
    before = snapshot(server)
    r = c.patch(f"{API}/people/{pid}", json=body)
    assert 400 <= r.status_code < 500, r.text
    assert field in r.json()["error"]
    assert snapshot(server) == before


def test_bad_new_person_is_refused(server: Server) -> None:
    c = server.as_token("alice")
    assert "name" in error_of(c.post(f"{API}/people", json={}), 422)
    assert "name" in error_of(c.post(f"{API}/people", json={"name": "   "}), 422)
    assert "birthday" in error_of(c.post(f"{API}/people", json={"name": "A", "birthday": "x"}), 422)
    assert c.get(f"{API}/people").json()["total"] == 0


def test_snooze_release_reactivate_and_forget(server: Server) -> None:
    pid = make_person(server.kith("alice"), "Maya López")
    c = server.as_token("alice")
    url = f"{API}/people/{pid}"
    r = c.post(f"{url}/snooze", json={"until": "2027-01-10"})
    assert r.status_code == 200, r.text
    assert r.json() == {"message": "Snoozed Maya López until 2027-01-10."}
    got = c.get(url).json()
    assert (got["status"], got["snoozed_until"]) == ("snoozed", "2027-01-10")
    assert "until" in error_of(c.post(f"{url}/snooze", json={"until": "yesterday"}), 422)
    assert "until" in error_of(c.post(f"{url}/snooze", json={}), 422)
    assert c.post(f"{url}/reactivate").status_code == 200
    assert c.get(url).json()["status"] == "active"
    r = c.post(f"{url}/release", json={"note": "we grew apart"})
    assert r.status_code == 200, r.text
    got = c.get(url).json()
    assert (got["status"], got["release_note"]) == ("released", "we grew apart")
    assert c.get(f"{API}/people", params={"status": "released"}).json()["total"] == 1
    assert c.post(f"{url}/reactivate").json()["message"].startswith("Maya López")
    assert c.get(url).json()["status"] == "active"
    gone = c.delete(url)
    assert gone.status_code == 200
    assert "Maya López" in gone.json()["message"]
    assert "no person" in error_of(c.get(url), 404)
    assert c.get(f"{API}/people").json()["total"] == 0


def test_unknown_ids_and_malformed_ids(server: Server) -> None:
    c = server.as_token("alice")
    assert "#999" in error_of(c.get(f"{API}/people/999"), 404)
    assert "#999" in error_of(c.delete(f"{API}/people/999"), 404)
    assert "person_id" in error_of(c.get(f"{API}/people/abc"), 422)
    assert "person_id" in error_of(c.get(f"{API}/people/0"), 422)
    assert "person_id" in error_of(c.get(f"{API}/people/{2**40}"), 422)


def test_a_browser_session_needs_its_csrf_header(server: Server) -> None:
    c = server.logged_in("alice")
    refused = c.post(f"{API}/people", json={"name": "Maya López"})
    assert refused.status_code == 403
    assert "error" in refused.json()
    assert snapshot(server)["people"] == []
    made = c.call("POST", f"{API}/people", json={"name": "Maya López"})
    assert made.status_code == 201, made.text
    pid = made.json()["id"]
    assert c.patch(f"{API}/people/{pid}", json={"org": "X"}).status_code == 403
    assert c.call("PATCH", f"{API}/people/{pid}", json={"org": "X"}).json()["org"] == "X"
    assert c.delete(f"{API}/people/{pid}").status_code == 403
    assert c.get(f"{API}/people/{pid}").json()["name"] == "Maya López"


def test_my_interests_and_what_we_share(server: Server) -> None:
    k = server.kith("alice")
    maya = make_person(k, "Maya López", interests=["sourdough", "hiking"])
    sam = make_person(k, "Sam Lee", interests=["sourdough", "chess"])
    c = server.as_token("alice")
    assert c.get(f"{API}/me/interests").json() == []
    r = c.put(f"{API}/me/interests", json={"interests": ["hiking: weekends", "poetry"]})
    assert r.status_code == 200, r.text
    assert r.json() == [
        {"phrase": "hiking", "note": "weekends"},
        {"phrase": "poetry", "note": None},
    ]
    r = c.put(f"{API}/me/interests", json={"interests": ["hiking"]})
    assert [i["phrase"] for i in r.json()] == ["hiking"]
    assert c.get(f"{API}/me/interests").json() == r.json()
    before = snapshot(server)
    assert "interests" in error_of(c.put(f"{API}/me/interests", json={"interests": [""]}), 422)
    assert snapshot(server) == before

    common = c.get(f"{API}/people/{maya}/common").json()
    assert common["person_id"] == maya
    assert {"mine": "hiking", "theirs": "hiking", "score": 1.0} in common["shared"]
    similar = c.get(f"{API}/people/{maya}/similar", params={"limit": 5}).json()
    assert [s["person_id"] for s in similar["similar"]] == [sam]
    assert "limit" in error_of(c.get(f"{API}/people/{maya}/similar?limit=0"), 422)
    pairs = c.get(f"{API}/intro-suggestions").json()["suggestions"]
    assert {pairs[0]["a"]["person_id"], pairs[0]["b"]["person_id"]} == {maya, sam}
    assert "sourdough" in pairs[0]["why"]


def test_what_you_saved_that_fits_a_person(server: Server) -> None:
    maya = make_person(server.kith("alice"), "Maya López", interests=["sourdough"])
    c = server.as_token("alice")
    saved = c.post(
        f"{API}/saved", json={"content": "https://bread.example/", "topics": ["sourdough"]}
    )
    assert saved.status_code == 201, saved.text
    fits = c.get(f"{API}/people/{maya}/saved").json()
    assert [i["item_id"] for i in fits["items"]] == [saved.json()["id"]]
    assert fits["items"][0]["shared"][0]["interest"] == "sourdough"


def test_a_profile_shows_moments_and_promises(server: Server) -> None:
    k = server.kith("alice")
    pid = make_person(k, "Maya López")
    log_moment(
        k,
        MomentInput(people=["Maya"], kind="walk", energy="1", follow_up="send the map"),
    )
    got = server.as_token("alice").get(f"{API}/people/{pid}").json()
    assert got["moment_count"] == 1
    assert got["last_seen"] == TODAY.isoformat()
    assert got["timeline"][0]["kind"] == "walk"
    assert got["timeline"][0]["with"] == []
    assert [f["text"] for f in got["follow_ups"]] == ["send the map"]
