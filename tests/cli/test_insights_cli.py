"""`kith insights` through the real entry point: the text, `--json`, `--section`, errors,
and the seeds' stories on the demo network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import TODAY, Kiths, _entry
from kithkin.domain.insights import SECTIONS
from kithkin.domain.reciprocity import MINI_COLLAB

HEADINGS = {
    "energy": "Energy map",
    "reciprocity": "Reciprocity",
    "depth": "Depth",
    "opportunities": "Where opportunities really came from",
    "titles": "Titles vs. value",
    "replies": "Reply rate by outreach style",
    "intros": "Introductions you made",
    "met": "Where you met",
    "diversity": "Diversity",
}


def ok(run: Kiths, *args: str) -> str:
    r = run(*args)
    assert r.exit_code == 0, f"kith {' '.join(args)} failed:\n{r.output}"
    assert "Traceback" not in r.output
    return r.stdout


@pytest.fixture
def small(run: Kiths) -> Kiths:
    """A fuelling barista who opened a door, and a draining partner who never answers."""
    ok(run, "add", "Rosa Delgado", "--title", "Barista", "--met-where", "rooftop event")
    ok(run, "add", "Victor Crane", "--title", "Managing Partner", "--generation", "Gen X")
    for d in ("30 days ago", "20 days ago", "10 days ago"):
        ok(run, "log", "rosa", "coffee", "--on", d, "--energy", "2", "--initiated-by", "me")
        ok(run, "log", "victor", "coffee", "--on", d, "--energy", "-2", "--initiated-by", "me")
    ok(run, "log", "victor", "message", "--on", "30 days ago", "--outreach", "formal")
    ok(run, "replied", "victor", "--no-reply")
    ok(run, "got", "rosa", "referral", "--size", "large", "--on", "15 days ago")
    ok(run, "opportunity", "Dream gig", "--kind", "job", "--via", "rosa", "--value", "5")
    return run


def test_text_shows_every_section_with_its_figures(small: Kiths) -> None:
    out = ok(small, "insights")
    assert out.startswith("Insights · 21 November 2026 · 2 people in your network")
    for heading in HEADINGS.values():
        assert heading in out
    assert "fuelled you 3 of 3 times (mean +2.0)" in out
    assert "drained you 3 of 3 times (mean -2.0)" in out
    assert "→ no obligation coffees" in out  # said once, under the drainers
    flat = " ".join(out.split())
    assert "57% of the moments you started went to the 1 person with a senior title" in flat
    assert "0% of your opportunity value came through them" in flat
    assert "the most valuable came through Rosa Delgado (Barista): 100% of all value." in flat
    assert "formal" in out and "0 of 1" in out
    assert all(line == line.rstrip() for line in out.splitlines())
    assert max(len(line) for line in out.splitlines()) <= 100


def test_json_has_every_figure(small: Kiths) -> None:
    data = json.loads(ok(small, "insights", "--json"))
    assert [k for k in data if k in SECTIONS] == list(SECTIONS)
    assert data["as_of"] == TODAY.isoformat()
    assert [r["name"] for r in data["energy"]["fuellers"]] == ["Rosa Delgado"]
    assert data["energy"]["drainers"][0]["recent"] == [-2, -2, -2]
    # you started 3 coffees with each, and one message to Victor: 4 of 7
    assert data["titles"]["outreach"] == {"total": 7, "senior": 4, "share": 0.571}
    assert data["titles"]["opportunities"]["share"] == 0.0
    assert data["replies"]["all"]["unanswered"] == 1
    assert data["opportunities"]["sources"][0]["name"] == "Rosa Delgado"


def test_one_section_at_a_time(small: Kiths) -> None:
    data = json.loads(ok(small, "insights", "--section", "titles", "--json"))
    assert [k for k in data if k in SECTIONS] == ["titles"]
    out = ok(small, "insights", "--section", "replies", "--section", "energy")
    assert out.index("Energy map") < out.index("Reply rate")  # the usual order
    assert "Titles vs. value" not in out and "Reciprocity" not in out


def test_top_caps_lists(small: Kiths) -> None:
    data = json.loads(ok(small, "insights", "--top", "1", "--json"))
    assert len(data["depth"]["deepest"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--section", "vibes"), "Invalid value for '--section': 'vibes' is not one of"),
        (("--top", "0"), "Invalid value for '-n' / '--top'"),
    ],
)
def test_bad_options_end_in_one_line(run: Kiths, args: tuple[str, ...], message: str) -> None:
    r = run("insights", *args)
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kith: ") and message in lines[0]


def test_an_empty_database_says_how_to_start(run: Kiths) -> None:
    out = ok(run, "insights")
    assert "Nobody here yet" in out
    assert json.loads(ok(run, "insights", "--json"))["people"] == 0


# -- the demo: the seeds' stories -------------------------------------------------------


def demo(*args: str) -> Result:
    r = CliRunner().invoke(_entry, ["--today", TODAY.isoformat(), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r


@pytest.fixture
def demo_insights(_isolated_home: Path) -> tuple[str, dict[str, Any]]:
    demo("demo")
    text = demo("--demo", "insights").stdout
    data = json.loads(demo("--demo", "insights", "--json").stdout)
    return text, data


def by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in rows}


def test_demo_insights_tell_the_seeds_stories(demo_insights: tuple[str, dict[str, Any]]) -> None:
    text, data = demo_insights
    energy, rec = data["energy"], data["reciprocity"]
    # the toxic connector drains, with the evidence
    victor = by_name(energy["drainers"])["Victor Crane"]
    assert victor["evidence"].startswith("drained you") and victor["mean"] <= -1
    # the sommelier and the Peloton instructor fuel (and feed you news)
    fuellers = by_name(energy["fuellers"])
    assert {"Julien Moreau", "Ava Brennan"} <= set(fuellers)
    assert fuellers["Julien Moreau"]["gave_you"] >= 4
    # the niece's essays: martyrdom, with the mini-collab suggestion
    sophie = by_name(rec["martyrdom"])["Sophie Hart"]
    assert sophie["gives"] >= 5 and sophie["suggestion"] == MINI_COLLAB
    # Marcus vanished after the mini-collab offer, and was released
    assert "Marcus Bell" in by_name(rec["vanished"])
    assert "Marcus Bell" in by_name(rec["released"])
    # the barista and the yoga teacher opened the most valuable doors
    sources = data["opportunities"]["sources"]
    assert {s["name"] for s in sources[:2]} == {"Rosa Delgado", "Lena Brooks"}
    assert {s["title"] for s in sources[:2]} == {"Barista", "Yoga teacher"}
    # high titles got outreach but brought no value
    titles = data["titles"]
    senior = by_name(titles["senior"])
    for name in ("Claire Whitman", "Richard Stone"):
        assert senior[name]["initiated"] >= 1 and senior[name]["value"] == 0
        assert senior[name]["replied"] == 0
    assert titles["outreach"]["share"] > 0.1 and titles["opportunities"]["share"] == 0.0
    # reverse mentorship: the TikTok-savvy mentee
    assert "Kai Nguyen" in by_name(data["diversity"]["reverse_mentors"])

    assert "Victor Crane" in text and "drained you" in text
    after = text[text.index("Giving with nothing back") :]
    assert after.split("\n")[1].split()[:2] == ["Sophie", "Hart"] and MINI_COLLAB in after
    gone = text[text.index("Vanished after your mini-collab offer") :]
    assert gone.split("\n")[1].split()[:2] == ["Marcus", "Bell"] and "Bullet dodged." in gone
    flat = " ".join(text.split())
    assert "came through Rosa Delgado (Barista) and Lena Brooks (Yoga teacher)" in flat
    fuel = text[text.index("\nfuellers ") : text.index("\ndrainers ")]
    assert "Julien Moreau" in fuel and "Ava Brennan" in fuel
    claire = next(line for line in text.splitlines() if line.startswith("Claire Whitman"))
    assert claire.split()[-1] == "none"  # no value came through her
