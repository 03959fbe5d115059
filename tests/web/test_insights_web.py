"""Insights through the web: the page's charts, the network picture, and their API."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

from conftest import TODAY, make_person
from kithkin.cli.common import to_json
from kithkin.services import digest as digest_svc
from kithkin.services import network_graph
from kithkin.services.insights import insights
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.records import add_ledger, add_opportunity, propose_intro

HOSTILE = "<script>alert(1)</script> Eve"
SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)


def _seed(kith):  # type: ignore[no-untyped-def]
    make_person(
        kith,
        "Maya López",
        interests=["climbing", "sourdough"],
        field="design",
        generation="Millennial",
        met_where="climbing gym",
        title="Design Director",
    )
    make_person(kith, "Kai Nguyen", interests=["climbing"], via="Maya", field="engineering")
    make_person(kith, HOSTILE, interests=["sourdough"], met_where="<b>bold</b> bar")
    make_person(kith, "Ben Adler", interests=["chess"], title="Founder & CEO")
    make_person(kith, "Lou Loner", interests=["knitting"])
    for months, energy in ((1, "2"), (3, "1"), (5, "-1"), (8, "2")):
        log_moment(
            kith,
            MomentInput(
                people=["Maya"],
                kind="coffee",
                when=(TODAY - timedelta(days=30 * months)).isoformat(),
                energy=energy,
                depth="personal",
            ),
        )
    log_moment(kith, MomentInput(people=["Ben"], kind="call", energy="-2", when="yesterday"))
    add_ledger(kith, "Maya", "gave", "help", size="large", when="last week")
    add_opportunity(kith, "Design gig", "job", ["Maya", "Kai"], value="3")
    add_opportunity(kith, "Talk invite", "idea", ["Maya"])  # no value: null in the API
    propose_intro(kith, "Kai", "Ben", reason="both build tools")


def _svgs(html: str) -> list[ET.Element]:
    found = [ET.fromstring(m.group(0)) for m in SVG.finditer(html)]
    return [el for el in found if el.get("role") == "img"]


def _network_svg(html: str) -> str:
    return next(m.group(0) for m in SVG.finditer(html) if "network-chart" in m.group(0))


def test_page_draws_one_chart_per_insight_and_the_network(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    page = client.get("/insights")
    assert page.status_code == 200
    html = page.text
    charts = _svgs(html)  # every picture parses as XML
    figures = html.count('<figure class="chart-card">')
    assert len(charts) == figures >= 17
    assert all(c.find("{http://www.w3.org/2000/svg}title") is not None for c in charts)
    for section in ("energy", "reciprocity", "depth", "opportunities", "titles"):
        assert f'id="{section}"' in html
    for section in ("replies", "intros", "met", "diversity"):
        assert f'id="{section}"' in html
    assert "never used to rank" in html
    net = _network_svg(html)
    for name in (
        "Maya López",
        "Kai Nguyen",
        "Ben Adler",
        "&lt;script&gt;alert(1)&lt;/script&gt; Eve",
    ):
        assert name in net
    assert "Lou Loner" not in net  # shares nothing with anyone
    assert "climbing" in net and "sourdough" in net
    assert "net-edge-intro" in net and "net-edge-interest" in net
    assert "<script>alert" not in html and "<b>bold" not in html
    assert 'href="/static/insights.css"' in html
    assert "style=" not in html


def test_page_follows_the_data(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    assert "Zoe Park" not in client.get("/insights").text
    make_person(kith, "Zoe Park", interests=["chess"])
    assert "Zoe Park" in _network_svg(client.get("/insights").text)


def test_api_insights_is_the_cli_json(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    r = client.get("/api/v1/insights")
    assert r.status_code == 200
    assert r.json() == json.loads(to_json(insights(kith)))
    assert r.json()["energy"]["fuellers"][0]["name"] == "Maya López"
    one = client.get("/api/v1/insights", params={"section": "depth", "top": 1}).json()
    assert one == json.loads(to_json(insights(kith, ["depth"], top=1)))
    assert "energy" not in one


def test_api_network_nodes_and_edges(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    r = client.get("/api/v1/network")
    assert r.status_code == 200
    body = r.json()
    assert body == json.loads(to_json(network_graph.network(kith)))
    ids = {n["name"]: n["id"] for n in body["nodes"]}
    assert set(ids) == {"Maya López", "Kai Nguyen", "Ben Adler", HOSTILE}
    assert body["linked"] == body["shown"] == 4 and body["people"] == 5
    pairs = {(e["kind"], frozenset((e["source"], e["target"]))) for e in body["edges"]}
    maya, kai, ben, eve = (ids[n] for n in ("Maya López", "Kai Nguyen", "Ben Adler", HOSTILE))
    assert pairs == {
        ("interest", frozenset((maya, kai))),
        ("interest", frozenset((maya, eve))),
        ("intro", frozenset((maya, kai))),
        ("intro", frozenset((kai, ben))),
    }
    shared = {frozenset((e["source"], e["target"])): e["shared"] for e in body["edges"]}
    assert shared[frozenset((maya, eve))] == ["sourdough"]
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in body["nodes"])
    assert client.get("/api/v1/network").json() == body  # deterministic


def test_api_digest_is_the_cli_json(open_web):  # type: ignore[no-untyped-def]
    client, kith = open_web
    _seed(kith)
    r = client.get("/api/v1/digest")
    assert r.status_code == 200
    assert r.json() == json.loads(to_json(digest_svc.as_dict(digest_svc.digest(kith))))
    assert r.json()["quiet"] is False
    week = client.get("/api/v1/digest", params={"date": "2020-01-04"}).json()
    assert week["week"]["end"] == "2020-01-04" and week["quiet"] is True


def test_bad_parameters_are_clear_4xx(open_web):  # type: ignore[no-untyped-def]
    client, _ = open_web
    r = client.get("/api/v1/insights", params={"section": "bogus"})
    assert r.status_code == 422 and "bogus" in r.json()["error"]
    assert client.get("/api/v1/insights", params={"top": 0}).status_code == 422
    r = client.get("/api/v1/digest", params={"date": "not a day"})
    assert r.status_code == 422 and "date" in r.json()["error"]


def test_empty_database_gives_friendly_empty_states(open_web):  # type: ignore[no-untyped-def]
    client, _ = open_web
    page = client.get("/insights")
    assert page.status_code == 200
    assert "Nothing to chart yet" in page.text
    charts = _svgs(page.text)
    assert len(charts) == page.text.count('<figure class="chart-card">') >= 17
    assert "Nobody is linked to anyone yet." in _network_svg(page.text)
    net = client.get("/api/v1/network").json()
    assert net["nodes"] == [] and net["edges"] == [] and net["people"] == 0
    assert client.get("/api/v1/insights").json()["people"] == 0
    assert client.get("/api/v1/digest").json()["quiet"] is True


def test_each_account_sees_only_its_own_network(server):  # type: ignore[no-untyped-def]
    _seed(server.kith("alice"))
    bob = server.as_token("bob")
    assert bob.get("/api/v1/network").json()["nodes"] == []
    assert "Maya" not in bob.get("/api/v1/insights").text
    alice = server.logged_in("alice")
    assert "Maya López" in _network_svg(alice.get("/insights").text)
    assert "Maya López" not in server.logged_in("bob").get("/insights").text
