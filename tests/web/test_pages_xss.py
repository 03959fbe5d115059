"""Hostile text in anything a user types is shown as text on every page, never run."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import TODAY, make_person
from kithkin.services import moments, people
from kithkin.services.moments import MomentInput, log_moment
from kithkin.web.pages_person import channel_href

SCRIPT = "<script>alert(1)</script>"
SCRIPT_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = '"><img src=x onerror=alert(1)>'
IMG_SHOWN = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
JS_LINK = "javascript:alert(1)"


def assert_inert(html: str, *, expect: tuple[str, ...] = (SCRIPT_SHOWN, IMG_SHOWN)) -> None:
    """No payload survives raw; each expected one is there, escaped."""
    for raw in (SCRIPT, IMG, "<img", "onerror=alert(1)>", "<script>"):
        assert raw not in html
    lowered = html.lower()
    assert 'href="javascript:' not in lowered and "href='javascript:" not in lowered
    assert 'src="javascript:' not in lowered
    for shown in expect:
        assert shown in html


@pytest.fixture
def hostile(open_web):  # type: ignore[no-untyped-def]
    """A person whose every field is a payload, due today, with moments and a promise."""
    client, kith = open_web
    pid = make_person(
        kith,
        f"Mal {SCRIPT}",
        interests=[SCRIPT, IMG],
        tags=[SCRIPT, IMG],
        org=IMG,
        title=SCRIPT,
        notes=f"{SCRIPT} {IMG}",
        met_how=SCRIPT,
        met_where=IMG,
        location=IMG,
        cadence="2w",
        channels=[("url", JS_LINK), ("email", "mal@example.org")],
    )
    other = make_person(kith, f"Eve {IMG}", interests=[IMG])
    log_moment(
        kith,
        MomentInput(
            people=[f"#{pid}", f"#{other}"],
            kind="coffee",
            when=(TODAY - timedelta(days=60)).isoformat(),
            energy="2",
            topics=[SCRIPT, IMG],
            note=f"{SCRIPT} {IMG} {JS_LINK}",
            follow_up=f"{SCRIPT} {IMG}",
            due=(TODAY - timedelta(days=3)).isoformat(),
        ),
    )
    log_moment(kith, MomentInput(people=[f"#{pid}"], kind="call", energy="1", when="yesterday"))
    return client, kith, pid, other


def test_people_page_shows_payloads_as_text(hostile):  # type: ignore[no-untyped-def]
    client, _kith, _pid, _other = hostile
    page = client.get("/people")
    assert page.status_code == 200
    assert_inert(page.text)
    fragment = client.get("/people?q=mal&partial=1").text
    assert "Mal " + SCRIPT_SHOWN in fragment
    assert_inert(fragment)
    filtered = client.get("/people", params={"tag": SCRIPT, "q": IMG})
    assert filtered.status_code == 200
    assert_inert(filtered.text, expect=(IMG_SHOWN,))  # the search box echoes the query


def test_person_page_shows_payloads_as_text(hostile):  # type: ignore[no-untyped-def]
    client, _kith, pid, other = hostile
    page = client.get(f"/people/{pid}")
    assert page.status_code == 200
    assert "<svg" in page.text  # the chart's title holds the name: escaped too
    assert_inert(page.text)
    html = page.text
    assert f"{SCRIPT_SHOWN} {IMG_SHOWN}" in html  # notes and the promise
    assert "Eve " + IMG_SHOWN in html  # who else was there
    assert_inert(client.get(f"/people/{other}").text, expect=(IMG_SHOWN,))
    everything = client.get(f"/people/{pid}?all=1")
    assert_inert(everything.text)


def test_today_shows_payloads_as_text(hostile):  # type: ignore[no-untyped-def]
    client, _kith, pid, _other = hostile
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/people/{pid}"' in page.text  # Mal is on the list
    assert_inert(page.text, expect=(SCRIPT_SHOWN,))


def test_quick_log_answer_shows_payloads_as_text(hostile):  # type: ignore[no-untyped-def]
    client, kith, pid, other = hostile
    r = client.form(
        "/log",
        {"who": f"#{pid}, #{other}", "kind": "walk", "follow_up": SCRIPT, "back": "/people"},
    )
    assert r.status_code == 303
    shown = client.get("/people")
    assert "Logged walk with Mal " + SCRIPT_SHOWN in shown.text
    assert_inert(shown.text)
    assert SCRIPT in {f["text"] for f in moments.follow_ups(kith)}  # stored as typed


def test_error_pages_show_payloads_as_text(hostile):  # type: ignore[no-untyped-def]
    client, kith, _pid, _other = hostile
    people.add_person(kith, people.PersonInput(name=f"Mal {IMG}"))
    ambiguous = client.form("/log", {"who": "Mal", "kind": "coffee"})
    assert ambiguous.status_code == 409
    assert_inert(ambiguous.text)
    bad_kind = client.form("/log", {"who": "#1", "kind": IMG})
    assert bad_kind.status_code == 422
    assert_inert(bad_kind.text, expect=())
    assert "&#34;&gt;&lt;img-src=x-onerror=alert(1)&gt;" in bad_kind.text
    nobody = client.form("/log", {"who": '<b onmouseover="qqqqqqqq()">x</b>', "kind": "coffee"})
    assert nobody.status_code == 404
    assert "<b onmouseover" not in nobody.text
    assert "&lt;b onmouseover=&#34;qqqqqqqq()&#34;&gt;x&lt;/b&gt;" in nobody.text
    bad_filter = client.get("/people", params={"status": IMG})
    assert bad_filter.status_code == 422
    assert_inert(bad_filter.text, expect=())
    assert "&#39;&#34;&gt;&lt;img" in bad_filter.text


def test_only_harmless_links_are_made_from_channels():  # type: ignore[no-untyped-def]
    assert channel_href("url", JS_LINK) is None
    assert channel_href("url", "JavaScript://%0aalert(1)") is None
    assert channel_href("url", "data:text/html,<script>") is None
    assert channel_href("email", "javascript:alert(1)//@x.org") is None
    assert channel_href("url", "https://maya.example/") == "https://maya.example/"
    assert channel_href("email", "maya@example.org") == "mailto:maya@example.org"
    assert channel_href("phone", "+49 30 1234-5") == "tel:+493012345"
    assert channel_href("handle", "@maya") is None
