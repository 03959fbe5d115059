"""`kith today` through the real entry point: the exact list, acting on lines, mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_bad_input import check_unchanged

from conftest import Kiths

SETUP = [
    ["add", "Maya López", "--cadence", "30", "--interest", "mushroom packaging"],
    ["log", "maya", "coffee", "--on", "45 days ago", "--energy", "2", "--depth", "personal"],
    ["log", "maya", "walk", "--on", "100 days ago", "--energy", "1"],
    ["add", "Victor Crane", "--cadence", "14"],
    ["log", "victor", "coffee", "--on", "40 days ago", "--energy", "-2"],
    ["log", "victor", "coffee", "--on", "70 days ago", "--energy", "-2"],
    ["add", "Sophie Hart"],
    ["gave", "sophie", "help", "--on", "60 days ago"],
    ["gave", "sophie", "help", "--on", "40 days ago"],
    ["gave", "sophie", "help", "--on", "20 days ago"],
    ["add", "Jordan Ellis"],
    ["log", "jordan", "email", "--outreach", "cold", "--on", "20 days ago"],
    ["add", "Margaret Osei", "--interest", "ai ethics", "--birthday", "--11-27"],
    ["log", "margaret", "event", "--on", "100 days ago", "--follow-up", "send the reading list",
     "--due", "2026-09-01"],
    ["add", "Julien Moreau", "--interest", "natural wine"],
    ["got", "julien", "article", "--on", "9 days ago"],
]  # fmt: skip

EXPECTED = """\
Today · Saturday 21 November 2026

1  Margaret Osei  follow-up
   you promised: send the reading list (due 2 months ago)
   → keep it now, or an honest re-opener: own the delay, reopen about ai ethics
   also: birthday in 6 days (Fri 27 Nov)

2  Julien Moreau  kindness
   they gave you something 9 days ago; nothing went back since
   → return the kindness: something small about natural wine, no ask attached

3  Sophie Hart  martyrdom
   you gave 3 times in a row since 2026-09-22 (help) and nothing came back
   → suggest a small mutual project: co-host a workshop, or swap skills for a week

4  Jordan Ellis  unanswered
   your outreach of 2026-11-01 has had no reply for 20 days
   → one kind nudge, or let it go (`kith replied Jordan --no-reply`)

5  Maya López  cadence
   last connected 6 weeks ago; your rhythm is every 30 days
   → a no-reason check-in about mushroom packaging
   also: fuelled you 2 of 2 times (mean +1.5); last seen 6 weeks ago

`kith today --done N` when handled · `kith snooze N --until DATE` to pause
"""


@pytest.fixture
def network(run: Kiths) -> Kiths:
    for args in SETUP:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
    return run


def test_today_output_exactly(network: Kiths) -> None:
    result = network("today")
    assert result.exit_code == 0
    assert result.output == EXPECTED
    assert "Victor" not in result.output  # a drainer is never pushed for an obligation


def test_today_json_and_limit(network: Kiths) -> None:
    rows = json.loads(network("today", "--json", "-n", "2").output)
    assert [(r["index"], r["person"], r["kind"]) for r in rows] == [
        (1, "Margaret Osei", "follow-up"),
        (2, "Julien Moreau", "kindness"),
    ]
    assert rows[0]["also"] == ["birthday in 6 days (Fri 27 Nov)"]
    assert rows[0]["energy"] == "unknown"


def test_today_date_looks_ahead(network: Kiths) -> None:
    rows = json.loads(network("today", "--json", "--date", "2026-11-27").output)
    margaret = next(r for r in rows if r["person"] == "Margaret Osei")
    assert "birthday today (Fri 27 Nov)" in margaret["also"]
    assert rows == json.loads(network("today", "--json", "--date", "in 6 days").output)


def test_done_keeps_a_promise(network: Kiths) -> None:
    result = network("today", "--done", "1")
    assert result.exit_code == 0
    assert result.output.startswith("Margaret Osei: kept your promise to send the reading list\n")
    follow_ups = json.loads(network("follow-ups", "--json", "--all").output)
    assert follow_ups[0]["done"] == "2026-11-21"
    rows = json.loads(network("today", "--json").output)
    margaret = next(r for r in rows if r["person"] == "Margaret Osei")
    assert margaret["kind"] == "birthday"  # her other reason stays


def test_done_sets_a_reason_aside_until_it_returns(network: Kiths) -> None:
    result = network("today", "--done", "5")
    assert "Maya López: cadence set aside until 2026-12-21" in result.output
    maya = [r for r in json.loads(network("today", "--json").output) if r["person"] == "Maya López"]
    assert [(m["kind"], m["also"]) for m in maya] == [("fueller", [])]  # the other reason stays
    later = json.loads(network("today", "--json", "--date", "2026-12-21").output)
    assert "cadence" in [r["kind"] for r in later if r["person"] == "Maya López"]


def test_snooze_by_line_number(network: Kiths) -> None:
    result = network("snooze", "2", "--until", "in 3 weeks")
    assert result.output == "Snoozed Julien Moreau until 2026-12-12.\n"
    people = [r["person"] for r in json.loads(network("today", "--json").output)]
    assert "Julien Moreau" not in people and "Sophie Hart" in people


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["today", "--done", "9"], ["no line 9", "lines 1 to 5"]),
        (["today", "--done", "0"], ["no line 0"]),
        (["snooze", "7", "--until", "friday"], ["no line 7"]),
        (["today", "--date", "someday"], ["date", "someday"]),
        (["today", "--done", "two"], ["--done", "two"]),
        (["today", "-n", "0"], ["--limit"]),
    ],
)
def test_mistakes_change_nothing(
    network: Kiths, db_url: str, args: list[str], needles: list[str]
) -> None:
    check_unchanged(network, db_url, args, *needles)


def test_martyrdom_rule_comes_from_the_settings(network: Kiths, _isolated_home: Path) -> None:
    _isolated_home.mkdir(parents=True, exist_ok=True)
    (_isolated_home / "config.toml").write_text("[martyrdom]\ngives = 4\n", encoding="utf-8")
    people = [r["person"] for r in json.loads(network("today", "--json").output)]
    assert "Sophie Hart" not in people
    (_isolated_home / "config.toml").write_text("[today]\nlimit = 2\n", encoding="utf-8")
    assert len(json.loads(network("today", "--json").output)) == 2


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[martyrdom]\ngives = 'three'\n", "martyrdom.gives must be a whole number"),
        ("[today]\nsoon = 3\n", "unknown setting today.soon"),
        ("[today\n", "line 1"),
    ],
)
def test_bad_settings_give_one_clear_line(
    network: Kiths, db_url: str, _isolated_home: Path, text: str, needle: str
) -> None:
    _isolated_home.mkdir(parents=True, exist_ok=True)
    (_isolated_home / "config.toml").write_text(text, encoding="utf-8")
    line = check_unchanged(network, db_url, ["today"], "config.toml", needle)
    assert line.startswith("kith: ")


def test_an_empty_list(run: Kiths, db_url: str) -> None:
    assert run("today").output.endswith("Nobody needs you today. Enjoy it.\n")
    assert json.loads(run("today", "--json").output) == []
    check_unchanged(run, db_url, ["today", "--done", "1"], "Today's list is empty")
