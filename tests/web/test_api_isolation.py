"""Two accounts, one server: no request of bob's can read or change anything of alice's.

The routes that take an id come from the app itself, so a new endpoint cannot escape:
a route without a case here fails the test until one is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from conftest import make_person
from kithkin.services import matching, records
from kithkin.services.moments import MomentInput, follow_ups, log_moment
from kithkin.services.transfer import export_document
from webkit import Server, WebClient

API = "/api/v1"
#: In every text of alice's, and in none of bob's.
MARK = "zqx"
PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")

#: A request that gets past validation to the lookup, per (method, route path):
#: ("json", body) for the API, ("form", fields) for the pages, or None for no body.
CASES: dict[tuple[str, str], tuple[str, dict[str, Any]] | None] = {
    ("GET", f"{API}/people/{{person_id}}"): None,
    ("PATCH", f"{API}/people/{{person_id}}"): ("json", {"org": "taken over"}),
    ("DELETE", f"{API}/people/{{person_id}}"): None,
    ("POST", f"{API}/people/{{person_id}}/snooze"): ("json", {"until": "2027-06-01"}),
    ("POST", f"{API}/people/{{person_id}}/release"): ("json", {"note": "gone"}),
    ("POST", f"{API}/people/{{person_id}}/reactivate"): None,
    ("POST", f"{API}/people/{{person_id}}/replied"): ("json", {}),
    ("POST", f"{API}/people/{{person_id}}/dismiss"): ("json", {"reason": "cadence"}),
    ("GET", f"{API}/people/{{person_id}}/common"): None,
    ("GET", f"{API}/people/{{person_id}}/similar"): None,
    ("GET", f"{API}/people/{{person_id}}/saved"): None,
    ("POST", f"{API}/moments/{{moment_id}}/replied"): ("json", {"no_reply": True}),
    ("POST", f"{API}/follow-ups/{{follow_up_id}}/done"): None,
    ("POST", f"{API}/intros/{{intro_id}}/advance"): ("json", {"action": "decline"}),
    ("GET", "/people/{person_id:int}"): None,
    ("POST", "/follow-ups/{follow_up_id:int}/done"): ("form", {}),
}


@dataclass
class Seeded:
    people: list[int]
    moment: int
    follow_up: int
    intro: int

    def ids(self) -> dict[str, int]:
        """A value for every id a path may take."""
        return {
            "person_id": self.people[0],
            "moment_id": self.moment,
            "follow_up_id": self.follow_up,
            "intro_id": self.intro,
        }


def seed(server: Server, name: str, mark: str, first: tuple[str, str]) -> Seeded:
    """A person or two, a moment (outreach awaiting a reply) with a follow-up, a ledger
    entry, an introduction, an opportunity, a saved item and interests of one's own."""
    k = server.kith(name)
    a = make_person(
        k, f"{first[0]} {mark}Person", interests=[f"{mark}craft", "sourdough"], tags=[f"{mark}tag"]
    )
    b = make_person(
        k, f"{first[1]} {mark}Friend", interests=[f"{mark}craft"], notes=f"{mark} secret"
    )
    logged = log_moment(
        k,
        MomentInput(
            people=[f"#{a}"],
            kind="message",
            note=f"{mark} talk",
            topics=[f"{mark}topic"],
            follow_up=f"{mark} promise",
            outreach_style="warm",
        ),
    )
    # a newer outreach: what "replied" on the person marks, leaving the first one awaiting
    log_moment(k, MomentInput(people=[f"#{a}"], kind="email", outreach_style="brief"))
    records.add_ledger(k, f"#{a}", "gave", "advice", note=f"{mark} advice")
    intro = records.propose_intro(k, f"#{a}", f"#{b}", f"{mark} reason")
    records.add_opportunity(k, f"{mark} job", "job", [f"#{b}"])
    records.save_item(k, f"https://{mark or 'bob'}.example/item", [f"{mark}craft"])
    matching.set_my_interests(k, [f"{mark}craft"], [])
    promise = follow_ups(k)[0]["id"]
    return Seeded([a, b], logged.moment_id, promise, intro["id"])


@pytest.fixture
def two_accounts(server: Server) -> tuple[Server, Seeded, Seeded]:
    return (
        server,
        seed(server, "alice", MARK, ("Zora", "Yuri")),
        seed(server, "bob", "", ("Ana", "Ben")),
    )


def all_routes(server: Server) -> list[tuple[str, str]]:
    """(method, path) of every route the app answers, however its routers were included."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI ≥ 0.16x: lazy routers
    except ImportError:  # pragma: no cover - older FastAPI lists its routes flat
        listed = [(r.path, getattr(r, "methods", None)) for r in server.app.routes]
    else:
        listed = [(c.path, c.methods) for c in iter_route_contexts(server.app.routes)]
    return [
        (m, str(path)) for path, methods in listed for m in sorted(methods or ()) if m != "HEAD"
    ]


def id_routes(server: Server) -> list[tuple[str, str]]:
    """(method, path) of every route whose path takes a value."""
    return [(m, p) for m, p in all_routes(server) if "{" in p]


def fill(path: str, ids: dict[str, int]) -> str:
    def value(m: re.Match[str]) -> str:
        assert m.group(1) in ids, f"no id to put in {{{m.group(1)}}} of {path}: add it to Seeded"
        return str(ids[m.group(1)])

    return PARAM.sub(value, path)


def send(c: WebClient, method: str, url: str, case: tuple[str, dict[str, Any]] | None) -> Any:
    if case is None:
        return c.request(method, url)
    kind, body = case
    return c.request(method, url, **{"json" if kind == "json" else "data": body})


def both(server: Server) -> tuple[dict[str, Any], dict[str, Any]]:
    return export_document(server.kith("alice")), export_document(server.kith("bob"))


def test_every_id_route_has_a_case(server: Server) -> None:
    routes = id_routes(server)
    assert ("GET", f"{API}/people/{{person_id}}") in routes  # the routes are really read
    missing = [r for r in routes if r not in CASES]
    assert not missing, f"routes with no isolation case: {missing}"
    stale = [r for r in CASES if r not in routes]
    assert not stale, f"cases for routes that no longer exist: {stale}"


def test_bob_gets_404_for_every_id_of_alices(two_accounts: Any) -> None:
    server, alice, _ = two_accounts
    c = server.as_token("bob")
    before = both(server)
    tried = 0
    for method, path in id_routes(server):
        if (method, path) not in CASES:
            continue  # reported by test_every_id_route_has_a_case
        for name, value in alice.ids().items():
            if "{" + name not in path:
                continue
            ids = {**alice.ids(), name: value}
            url = fill(path, ids)
            r = send(c, method, url, CASES[(method, path)])
            assert r.status_code == 404, f"{method} {url}: {r.status_code} {r.text[:300]}"
            if path.startswith("/api/"):
                assert set(r.json()) == {"error"}, r.text
            assert MARK not in r.text, f"{method} {url} shows alice's data"
            tried += 1
    assert tried >= len(CASES)
    assert both(server) == before


def test_the_same_requests_work_for_alice(two_accounts: Any) -> None:
    """The cases really reach the record: as its owner, none of them is a 404."""
    server, alice, _ = two_accounts
    c = server.as_token("alice")
    order = sorted(CASES, key=lambda r: r[0] == "DELETE")  # forget last
    for method, path in order:
        r = send(c, method, fill(path, alice.ids()), CASES[(method, path)])
        assert r.status_code not in (401, 403, 404), f"{method} {path}: {r.text[:300]}"
        assert r.status_code < 500


def test_bob_cannot_name_alices_people_in_a_body(two_accounts: Any) -> None:
    server, alice, bob = two_accounts
    c = server.as_token("bob")
    hers = f"#{alice.people[0]}"
    mine = f"#{bob.people[0]}"
    before = both(server)
    attempts = [
        ("POST", f"{API}/moments", {"people": [hers], "kind": "coffee"}),
        ("POST", f"{API}/moments", {"people": [mine, hers], "kind": "coffee"}),
        ("POST", f"{API}/ledger", {"person": hers, "direction": "gave", "kind": "help"}),
        ("POST", f"{API}/intros", {"a": mine, "b": hers}),
        ("POST", f"{API}/opportunities", {"title": "x", "kind": "job", "via": [hers]}),
        ("POST", f"{API}/people", {"name": "New One", "via": hers}),
        ("PATCH", f"{API}/people/{bob.people[0]}", {"via": hers}),
        ("POST", f"{API}/intros/{bob.intro}/advance", {"action": "agree", "who": hers}),
        ("POST", f"{API}/drafts", {"kind": "checkin", "person": hers}),
    ]
    for method, url, body in attempts:
        r = c.request(method, url, json=body)
        assert r.status_code == 404, f"{method} {url} {body}: {r.status_code} {r.text[:300]}"
        assert MARK not in r.text
    for url in (f"{API}/follow-ups", f"{API}/intros"):
        r = c.get(url, params={"person_id": alice.people[0]})
        assert r.status_code == 404, r.text
    # alice's names mean nobody to bob
    r = c.post(f"{API}/moments", json={"people": [f"Zora {MARK}Person"], "kind": "call"})
    assert r.status_code == 404
    assert both(server) == before


def test_bobs_lists_never_show_alices_records(two_accounts: Any) -> None:
    server, alice, bob = two_accounts
    c = server.as_token("bob")
    pages = [p for m, p in all_routes(server) if m == "GET" and "{" not in p]
    assert f"{API}/people" in pages and f"{API}/saved" in pages
    for path in pages:
        r = c.get(path)
        assert r.status_code < 500, f"{path}: {r.text[:300]}"
        assert MARK not in r.text, f"GET {path} shows alice's data to bob"
    people = c.get(f"{API}/people").json()["people"]
    assert sorted(p["id"] for p in people) == sorted(bob.people)
    assert {f["id"] for f in c.get(f"{API}/follow-ups", params={"all": "true"}).json()} == {
        bob.follow_up
    }
    assert [i["id"] for i in c.get(f"{API}/intros").json()] == [bob.intro]
    assert len(c.get(f"{API}/opportunities").json()) == 1
    assert len(c.get(f"{API}/saved").json()) == 1
    assert c.get(f"{API}/people", params={"q": MARK}).json()["total"] == 0
    assert c.get(f"{API}/people", params={"tag": f"{MARK}tag"}).json()["total"] == 0
    # and alice still sees hers
    mine = server.as_token("alice").get(f"{API}/people").json()["people"]
    assert sorted(p["id"] for p in mine) == sorted(alice.people)


def test_no_login_or_a_bad_token_is_401(two_accounts: Any) -> None:
    server, alice, _ = two_accounts
    before = both(server)
    routes = [(m, p) for m, p in all_routes(server) if p.startswith(API) and "openapi" not in p]
    anonymous = server.client()
    token = anonymous.csrf  # a browser that has not logged in: its CSRF token is right
    bad = server.client()
    bad.headers["Authorization"] = "Bearer kith_not-a-real-token"
    for method, path in routes:
        url = fill(path, alice.ids())
        case = CASES.get((method, path))
        body = case[1] if case else {}
        unsafe = method != "GET"
        headers = {"X-CSRF-Token": token} if unsafe else {}
        kw: dict[str, Any] = {"json": body} if unsafe and method != "DELETE" else {}
        for client, extra in ((anonymous, headers), (bad, {})):
            r = client.request(method, url, headers=extra, **kw)
            assert r.status_code == 401, f"{method} {url}: {r.status_code} {r.text[:200]}"
            assert "error" in r.json()
            assert MARK not in r.text
        if unsafe:  # no CSRF token either: refused as well
            r = server.client().request(method, url, **kw)
            assert r.status_code in (401, 403), f"{method} {url}: {r.status_code}"
    assert both(server) == before
