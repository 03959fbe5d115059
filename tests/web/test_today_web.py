"""Today through the web: the page, the API, done and snooze in place."""

from __future__ import annotations

from datetime import timedelta

from conftest import TODAY, make_person
from kithkin.services.moments import MomentInput, log_moment


def _seed(kith):  # type: ignore[no-untyped-def]
    pid = make_person(kith, "Maya López", interests=["sourdough"], cadence="2w")
    log_moment(
        kith,
        MomentInput(
            people=["Maya"],
            kind="coffee",
            note="talked bread",
            when=(TODAY - timedelta(days=60)).isoformat(),
            energy="2",
        ),
    )
    return pid


def test_today_page_lists_who_is_due(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _seed(kith)
    page = client.get("/")
    assert page.status_code == 200
    assert "Maya López" in page.text
    assert f'href="/people/{pid}"' in page.text
    api = client.get("/api/v1/today").json()
    assert [item["person_id"] for item in api] == [pid]


def test_done_in_place_changes_today(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _seed(kith)
    kind = client.get("/api/v1/today").json()[0]["kind"]
    r = client.call(
        "POST",
        "/today/done",
        data={"person_id": pid, "kind": kind},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 200, r.text
    assert "Maya López" in r.json()["message"]
    assert client.get("/api/v1/today").json() == []


def test_snooze_form_redirects_with_a_note(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _seed(kith)
    r = client.form("/today/snooze", {"person_id": pid, "until": "in 1 month"})
    assert r.status_code == 303
    page = client.get("/")
    assert "snoozed until" in page.text
    assert "Maya López" not in page.text.split("<main", 1)[1].split("snoozed until")[1]


def test_done_on_a_line_no_longer_there_is_a_clear_422(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    r = client.call("POST", "/api/v1/today/done", json={"person_id": 999, "kind": "cadence"})
    assert r.status_code == 422
    assert r.json() == {"error": "line: that line is no longer on Today's list"}
