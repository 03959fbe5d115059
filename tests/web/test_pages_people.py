"""The People page, a person's page, keeping a promise, and the quick log."""

from __future__ import annotations

import re
from datetime import timedelta

from conftest import TODAY, make_person
from kithkin.domain.records import MOMENT_KINDS
from kithkin.services import moments, people, profile, records
from kithkin.services.moments import MomentInput, log_moment

ROW = re.compile(r'<a class="who" href="/people/(\d+)">([^<]+)</a>')


def main_of(html: str) -> str:
    """The page's <main> only (the quick log above it holds names too)."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def listed(html: str) -> list[str]:
    return [name for _, name in ROW.findall(main_of(html) if "<main" in html else html)]


def _log(kith, who, days_ago, energy=None, **kw):  # type: ignore[no-untyped-def]
    when = (TODAY - timedelta(days=days_ago)).isoformat()
    return log_moment(
        kith, MomentInput(people=[who], kind="coffee", when=when, energy=energy, **kw)
    )


def _three(kith):  # type: ignore[no-untyped-def]
    """Maya (fuels you, tag friends), Sam (drains you, tag work), Ana (no moments)."""
    maya = make_person(kith, "Maya López", interests=["sourdough", "climbing"], tags=["friends"])
    sam = make_person(kith, "Sam Chen", interests=["chess"], tags=["work"])
    ana = make_person(kith, "Ana Silva", interests=["sourdough starters"], tags=["work"])
    for days in (3, 20):
        _log(kith, "Maya", days, "2")
        _log(kith, "Sam", days, "-2")
    return maya, sam, ana


# ---------------------------------------------------------------- the People page


def test_people_page_lists_everyone_with_links_and_details(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    maya, _sam, _ana = _three(kith)
    page = client.get("/people")
    assert page.status_code == 200
    assert sorted(listed(page.text)) == ["Ana Silva", "Maya López", "Sam Chen"]
    body = main_of(page.text)
    row = body.split(f'href="/people/{maya}"', 1)[1].split("</li>", 1)[0]
    assert "fuels you" in row
    assert "sourdough" in row and "climbing" in row
    assert "#friends" in row
    assert 'datetime="' + (TODAY - timedelta(days=3)).isoformat() + '"' in row


def test_search_by_name_and_by_interest_narrows_the_list(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _three(kith)
    assert listed(client.get("/people?q=sam").text) == ["Sam Chen"]
    assert sorted(listed(client.get("/people?q=sourdough").text)) == ["Ana Silva", "Maya López"]
    assert listed(client.get("/people?q=sourdough+maya").text) == ["Maya López"]
    none = client.get("/people?q=zebra")
    assert listed(none.text) == []
    assert "Nobody matches" in none.text


def test_each_filter_narrows_the_list(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _three(kith)
    people.snooze(kith, "Ana", "in 2 weeks")
    assert sorted(listed(client.get("/people?tag=work").text)) == ["Ana Silva", "Sam Chen"]
    assert listed(client.get("/people?energy=fueller").text) == ["Maya López"]
    assert listed(client.get("/people?energy=drainer").text) == ["Sam Chen"]
    assert listed(client.get("/people?status=snoozed").text) == ["Ana Silva"]
    assert listed(client.get("/people?tag=work&status=active").text) == ["Sam Chen"]
    page = client.get("/people?tag=work").text
    assert '<option value="work" selected>' in page  # the form shows what is applied


def test_search_box_fragment_is_only_the_results(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _three(kith)
    r = client.get("/people?q=chess&partial=1")
    assert r.status_code == 200
    assert "<html" not in r.text and "<form" not in r.text
    assert listed(r.text) == ["Sam Chen"]
    assert "1 person" in r.text
    full = client.get("/people").text
    assert 'data-live-search="#people-results"' in full  # what kith.js drives
    assert '<div id="people-results"' in full


def test_unknown_status_or_energy_is_a_clear_422(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _three(kith)
    r = client.get("/people?status=sleeping")
    assert r.status_code == 422
    assert "status: &#39;sleeping&#39; is not one of active, snoozed, released" in r.text
    r = client.get("/people?energy=sparkly&partial=1")
    assert r.status_code == 422
    assert "is not one of fueller, neutral, drainer, unknown" in r.text
    assert client.get("/people?page=0").status_code == 422


def test_people_beyond_fifty_are_on_the_next_page(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    for n in range(55):
        make_person(kith, f"Person {n:02d}", tags=["many"])
    first = client.get("/people?tag=many")
    assert len(listed(first.text)) == 50
    assert "1–50 of 55 people" in first.text
    assert 'href="/people?tag=many&amp;page=2"' in first.text
    second = client.get("/people?tag=many&page=2")
    names = listed(second.text)
    assert len(names) == 5
    assert not set(names) & set(listed(first.text))
    assert 'href="/people?tag=many"' in second.text  # back to page 1, filters kept
    beyond = client.get("/people?tag=many&page=9")  # an old link, after people were let go
    assert listed(beyond.text) == []
    assert "Page 9 is past the end: 55 people in all." in beyond.text
    assert 'href="/people?tag=many&amp;page=2" rel="prev"' in beyond.text  # to the last page


# ---------------------------------------------------------------- a person's page


def _maya_story(kith):  # type: ignore[no-untyped-def]
    pid = make_person(
        kith,
        "Maya López",
        interests=["sourdough"],
        met_how="climbing gym",
        met_where="Berlin",
    )
    make_person(kith, "Sam Chen")
    people.edit_person(kith, "Maya", people.PersonInput(via="Sam"))
    _log(kith, "Maya", 30, "1", note="first bread talk", topics=["rye"])
    _log(kith, "Maya", 5, "2", depth="personal", follow_up="send the starter", due="in 3 days")
    records.add_ledger(kith, "Maya", "gave", "advice")
    records.add_ledger(kith, "Maya", "received", "gift")
    records.add_ledger(kith, "Maya", "received", "help")
    return pid


def test_person_page_puts_interests_first_then_the_story(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _maya_story(kith)
    page = client.get(f"/people/{pid}")
    assert page.status_code == 200
    body = main_of(page.text)
    loves = body.index("sourdough")
    met = body.index("How you met")
    timeline = body.index('id="h-timeline"')
    assert loves < met < timeline
    assert (
        "climbing gym" in body and "Berlin" in body and "through <strong>Sam Chen</strong>" in body
    )
    moments_part = body[timeline:]
    assert "first bread talk" in moments_part and "rye" in moments_part
    assert "fuelled (+2)" in moments_part and "personal" in moments_part
    assert "send the starter" in body
    assert "gave <strong>1</strong>" in body and "received <strong>2</strong>" in body


def test_person_page_draws_the_energy_chart_from_rated_moments(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _maya_story(kith)
    body = main_of(client.get(f"/people/{pid}").text)
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert 'role="img"' in svg
    assert "<title" in svg and "Maya López" in svg
    assert svg.count('class="chart-dot"') == 2
    quiet = make_person(kith, "Quiet Person")
    _log(kith, "Quiet", 2)  # a moment with no energy: nothing to draw
    body = main_of(client.get(f"/people/{quiet}").text)
    assert "<svg" not in body
    assert "No moment rated yet" in body


def test_person_page_follows_new_moments(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _maya_story(kith)
    assert "brand new chat" not in client.get(f"/people/{pid}").text
    _log(kith, "Maya", 1, "0", note="brand new chat")  # the kept page is not stale
    assert "brand new chat" in client.get(f"/people/{pid}").text


def test_unknown_person_is_a_404_page(open_web):  # type: ignore[no-untyped-def]
    client, _kith = open_web
    r = client.get("/people/424242")
    assert r.status_code == 404
    assert "no person with id #424242" in r.text
    assert client.get("/people/not-a-number").status_code == 404


def test_another_accounts_person_and_promise_are_404(server):  # type: ignore[no-untyped-def]
    alice = server.kith("alice")
    pid = _maya_story(alice)
    fid = moments.follow_ups(alice)[0]["id"]
    bob = server.logged_in("bob")
    assert bob.get(f"/people/{pid}").status_code == 404
    r = bob.form(f"/follow-ups/{fid}/done", {"back": "/"})
    assert r.status_code == 404
    assert [f["id"] for f in moments.follow_ups(alice)] == [fid]
    assert server.logged_in("alice").get(f"/people/{pid}").status_code == 200


def test_done_form_keeps_the_promise(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = _maya_story(kith)
    fid = moments.follow_ups(kith)[0]["id"]
    page = client.get(f"/people/{pid}").text
    assert f'action="/follow-ups/{fid}/done"' in page
    r = client.form(f"/follow-ups/{fid}/done", {"back": f"/people/{pid}"})
    assert r.status_code == 303
    assert r.headers["location"] == f"/people/{pid}"
    assert moments.follow_ups(kith) == []
    after = client.get(f"/people/{pid}").text
    assert "Kept: send the starter" in after
    assert f'action="/follow-ups/{fid}/done"' not in after
    again = client.form(f"/follow-ups/{fid}/done", {"back": "/"})
    assert again.status_code == 422
    assert "already done" in again.text


def test_done_in_place_answers_json(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _maya_story(kith)
    fid = moments.follow_ups(kith)[0]["id"]
    r = client.call("POST", f"/follow-ups/{fid}/done", headers={"Accept": "application/json"})
    assert r.status_code == 200
    assert r.json()["message"] == "Kept: send the starter"


# ---------------------------------------------------------------- the quick log


def test_quick_log_is_on_every_page_with_every_kind(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    pid = make_person(kith, "Maya López")
    for path in ("/", "/people", f"/people/{pid}"):
        html = client.get(path).text
        form = html.split('action="/log"', 1)[1].split("</form>", 1)[0]
        for kind in MOMENT_KINDS:
            assert f'<option value="{kind}">' in form
        assert f'name="back" value="{path}"' in form
        assert f'value="{TODAY.isoformat()}"' in form  # when: today by default
    person = client.get(f"/people/{pid}").text
    assert 'id="ql-who" name="who"' in person and 'value="Maya López"' in person


def test_quick_log_writes_a_moment_and_goes_back(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    maya = make_person(kith, "Maya López")
    sam = make_person(kith, "Sam Chen")
    r = client.form(
        "/log",
        {
            "who": "Maya, Sam Chen",
            "kind": "walk",
            "when": (TODAY - timedelta(days=2)).isoformat(),
            "energy": "1",
            "depth": "personal",
            "topics": "rye, hills",
            "note": "along the canal",
            "follow_up": "send the map",
            "due": "in 1 week",
            "back": "/people?q=maya",
        },
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/people?q=maya"
    for pid in (maya, sam):
        m = profile.profile(kith, f"#{pid}")["timeline"][0]
        assert (m["kind"], m["energy"], m["depth"]) == ("walk", 1, "personal")
        assert m["date"] == TODAY - timedelta(days=2)
        assert m["notes"] == "along the canal"
        assert sorted(m["topics"]) == ["hills", "rye"]
    assert {f["text"] for f in moments.follow_ups(kith)} == {"send the map"}
    shown = client.get("/people?q=maya").text
    assert "Logged walk with Maya López, Sam Chen on " in shown


def test_quick_log_answers_json_for_the_script(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    make_person(kith, "Maya López")
    r = client.call(
        "POST", "/log", data={"who": "Maya", "kind": "call"}, headers={"Accept": "application/json"}
    )
    assert r.status_code == 200
    assert r.json()["message"] == f"Logged call with Maya López on {TODAY}"
    assert profile.profile(kith, "Maya")["moment_count"] == 1


def test_quick_log_bad_date_is_a_clear_4xx_and_writes_nothing(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    make_person(kith, "Maya López")
    for when in ("the 45th of Smarch", (TODAY + timedelta(days=3)).isoformat()):
        r = client.form("/log", {"who": "Maya", "kind": "coffee", "when": when})
        assert r.status_code == 422
        assert 'role="alert">date: ' in r.text
    r = client.form("/log", {"who": "Maya", "kind": "coffee", "energy": "9"})
    assert r.status_code == 422 and "out of range" in r.text
    r = client.form("/log", {"who": "Maya", "kind": "juggling"})
    assert r.status_code == 422 and "kind: " in r.text
    assert profile.profile(kith, "Maya")["moment_count"] == 0


def test_quick_log_ambiguous_name_lists_the_candidates(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    a = make_person(kith, "Maya López")
    b = make_person(kith, "Maya Chen")
    r = client.form("/log", {"who": "Maya", "kind": "coffee"})
    assert r.status_code == 409
    assert f"Maya López [#{a}]" in r.text and f"Maya Chen [#{b}]" in r.text
    assert client.form("/log", {"who": "Nobody", "kind": "coffee"}).status_code == 404
    assert profile.profile(kith, f"#{a}")["moment_count"] == 0


def test_quick_log_only_goes_back_to_this_site(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    make_person(kith, "Maya López")
    for back in ("https://evil.example/", "//evil.example", "/\\evil.example", "/log", ""):
        r = client.form("/log", {"who": "Maya", "kind": "coffee", "back": back})
        assert r.status_code == 303
        assert r.headers["location"] == "/", back


def test_forms_without_csrf_are_refused(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _maya_story(kith)
    fid = moments.follow_ups(kith)[0]["id"]
    client.get("/")  # the browser has its CSRF cookie, but the form lacks the field
    r = client.post("/log", data={"who": "Maya", "kind": "coffee"}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post(f"/follow-ups/{fid}/done", data={"back": "/"}, follow_redirects=False)
    assert r.status_code == 403
    assert profile.profile(kith, "Maya")["moment_count"] == 2
    assert len(moments.follow_ups(kith)) == 1
