"""User mistakes through the real `kith` entry point.

Every mistake must end the same way: a non-zero exit, exactly one line on stderr that
starts with "kith: " and names the problem (the bad value, the field, the file), no
traceback anywhere, and the database exactly as it was before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import create_engine, inspect, text

from conftest import TODAY, Kiths, make_person
from kithkin.services.context import Kith, open_kith
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.people import PersonInput, add_person
from kithkin.services.records import propose_intro
from kithkin.services.transfer import dumps, export_document

Content = dict[str, list[tuple[Any, ...]]]


def content(db_url: str) -> Content:
    """Every table's rows, sorted, so two readings of the database can be compared."""
    engine = create_engine(db_url)
    try:
        names = sorted(inspect(engine).get_table_names())
        out: Content = {}
        with engine.connect() as conn:
            for name in names:
                rows = [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"'))]
                out[name] = sorted(rows, key=repr)
        return out
    finally:
        engine.dispose()


def assert_user_error(result: Result, *needles: str, exit_code: int | None = None) -> str:
    """One clear line on stderr naming the problem; returns that line."""
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code != 0, result.output
    if exit_code is not None:
        assert result.exit_code == exit_code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{result.stderr}"
    line = lines[0]
    assert line.startswith("kith: "), line
    for needle in needles:
        assert needle.lower() in line.lower(), f"{needle!r} not named in: {line}"
    return line


@pytest.fixture
def seeded(kith: Kith) -> Kith:
    """Maya and Sam, a shared moment with a promise, and an intro awaiting both sides."""
    make_person(
        kith,
        "Maya López",
        interests=["mushroom packaging: since 2019"],
        channels=[("email", "maya@example.com")],
        tags=["lisbon"],
    )
    make_person(kith, "Sam Okafor")
    log_moment(
        kith,
        MomentInput(
            people=["#1", "#2"],
            kind="coffee",
            energy="1",
            topics=["studio space"],
            follow_up="send deck",
            due="friday",
        ),
    )
    propose_intro(kith, "#1", "#2", "both into fungi")
    return kith


def check_unchanged(
    run: Kiths, db_url: str, args: list[str], *needles: str, exit_code: int | None = None
) -> str:
    before = content(db_url)
    line = assert_user_error(run(*args), *needles, exit_code=exit_code)
    assert content(db_url) == before, "the database changed after a user error"
    return line


# -- people that are not there, or not one -------------------------------------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["show", "nobody-like-this"], ["nobody-like-this"]),
        (["log", "zzzq", "coffee"], ["zzzq"]),
        (["log", "maya", "zzzq", "coffee"], ["zzzq"]),
        (["edit", "zzzq", "--location", "Porto"], ["zzzq"]),
        (["show", "#999"], ["#999"]),
        (["show", "#" + "9" * 30], ["#" + "9" * 30]),  # past any integer column
        (["snooze", "#²", "--until", "2027-01-01"], ["#²"]),  # a digit to isdigit(), not to int()
    ],
    ids=["show", "log", "log-second-person", "edit", "show-id", "huge-id", "superscript-id"],
)
def test_unknown_person(
    run: Kiths, db_url: str, seeded: Kith, args: list[str], needles: list[str]
) -> None:
    check_unchanged(run, db_url, args, *needles)


def test_ambiguous_name_lists_every_candidate_with_numbers(
    run: Kiths, db_url: str, seeded: Kith
) -> None:
    make_person(seeded, "Maya Chen")
    line = check_unchanged(run, db_url, ["log", "maya", "coffee"], "maya", exit_code=2)
    assert "Maya López" in line and "Maya Chen" in line
    assert re.search(r"\b1\. Maya", line) and re.search(r"\b2\. Maya", line), line


# -- values that cannot be read ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["log", "maya", "coffee", "--on", "fridy"], ["fridy"]),
        (["add", "X", "--met-on", "2024-02-30"], ["2024-02-30", "met on"]),
        (["snooze", "maya", "--until", "yesterday"], ["until"]),
        (["log", "maya", "coffee", "--energy", "3"], ["energy", "3"]),
        (["log", "maya", "coffee", "--energy", "loud"], ["energy", "loud"]),
        (["log", "maya", "coffee", "--depth", "bottomless"], ["depth", "bottomless"]),
        (["log", "maya", "dance-off"], ["dance-off"]),
        (["add", "X", "--pancake", "maybe"], ["pancake", "maybe"]),
        (["edit", "maya", "--pancake", "maybe"], ["pancake", "maybe"]),
        (["add", "X", "--cadence", "often"], ["cadence", "often"]),
        (["add", "X", "--email", "not-an-address"], ["email", "not-an-address"]),
        (["edit", "maya", "--email", "maya-at-example"], ["email", "maya-at-example"]),
        (["add", "X", "--timezone", "Mars/Olympus_Mons"], ["timezone", "Mars/Olympus_Mons"]),
        (["add", "X", "--birthday", "31 February"], ["birthday", "31 February"]),
        (["log", "maya", "coffee", "--on", "in 3 days"], ["date"]),
        (["gave", "maya", "kidney"], ["kidney"]),
        (["got", "maya", "advice", "--size", "huge"], ["size", "huge"]),
        (["opportunity", "Gig", "--kind", "lottery"], ["kind", "lottery"]),
    ],
    ids=[
        "bad-date",
        "impossible-date",
        "snooze-past",
        "energy-range",
        "energy-word",
        "depth",
        "moment-kind",
        "pancake",
        "pancake-edit",
        "cadence",
        "email",
        "email-edit",
        "timezone",
        "birthday",
        "future-moment",
        "ledger-kind",
        "ledger-size",
        "opportunity-kind",
    ],
)
def test_bad_value(
    run: Kiths, db_url: str, seeded: Kith, args: list[str], needles: list[str]
) -> None:
    check_unchanged(run, db_url, args, *needles)


# -- files that cannot be imported ----------------------------------------------------


def _network_document(tmp_path: Path) -> dict[str, Any]:
    """An export of a small network nobody in the test database knows."""
    other = open_kith(f"sqlite:///{tmp_path / 'other.db'}", today=TODAY)
    try:
        for name in ("Zoë Quartz", "Ines Ferreira", "Kwame Mensah"):
            add_person(other, PersonInput(name=name, interests=["kelp farming"]))
        log_moment(other, MomentInput(people=["#1"], kind="walk", when="2026-10-01", energy="2"))
        log_moment(
            other,
            MomentInput(
                people=["#2", "#3"],
                kind="meal",
                when="2026-11-01",
                energy="-1",
                topics=["tide pools"],
            ),
        )
        log_moment(other, MomentInput(people=["#3"], kind="call", when="2026-11-10"))
        return export_document(other)
    finally:
        other.engine.dispose()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _malformed(tmp: Path) -> Path:
    return _write(tmp / "malformed.json", '{"format": "kithkin",\n  "people": [,]\n}\n')


def _truncated(tmp: Path) -> Path:
    text = dumps(_network_document(tmp))
    return _write(tmp / "truncated.json", text[: len(text) // 2])


def _wrong_marker(tmp: Path) -> Path:
    doc = _network_document(tmp)
    doc["format"] = "contacts-app"
    return _write(tmp / "wrong-marker.json", dumps(doc))


def _empty(tmp: Path) -> Path:
    return _write(tmp / "empty.json", "")


def _directory(tmp: Path) -> Path:
    folder = tmp / "folder.json"
    folder.mkdir()
    return folder


def _missing(tmp: Path) -> Path:
    return tmp / "missing.json"


@pytest.mark.parametrize(
    ("make_file", "needles"),
    [
        (_malformed, ["not valid JSON"]),
        (_truncated, ["not valid JSON"]),
        (_wrong_marker, ["format"]),
        (_empty, ["empty"]),
        (_directory, ["folder"]),
        (_missing, ["no such file"]),
    ],
    ids=["malformed", "truncated", "wrong-marker", "empty", "directory", "missing"],
)
def test_bad_import_file(
    run: Kiths,
    db_url: str,
    seeded: Kith,
    tmp_path: Path,
    make_file: Callable[[Path], Path],
    needles: list[str],
) -> None:
    path = make_file(tmp_path)
    check_unchanged(run, db_url, ["import", str(path)], path.name, *needles)


@pytest.mark.parametrize("make_file", [_malformed, _truncated], ids=["malformed", "truncated"])
def test_bad_json_names_the_line(
    run: Kiths, db_url: str, seeded: Kith, tmp_path: Path, make_file: Callable[[Path], Path]
) -> None:
    path = make_file(tmp_path)
    line = check_unchanged(run, db_url, ["import", str(path)])
    assert re.search(rf"{re.escape(path.name)}:\d+", line), line


def test_one_bad_field_deep_inside_imports_nothing(
    run: Kiths, db_url: str, seeded: Kith, tmp_path: Path
) -> None:
    doc = _network_document(tmp_path)
    assert len(doc["moments"]) >= 2 and len(doc["people"]) == 3
    doc["moments"][1]["energy"] = 9
    path = _write(tmp_path / "one-bad-field.json", dumps(doc))
    check_unchanged(run, db_url, ["import", str(path)], path.name, "moments[1].energy", "9")
    listed = json.loads(run("list", "--json").stdout)
    names = {p["name"] for p in listed}
    assert names == {"Maya López", "Sam Okafor"}
    for name in ("Zoë Quartz", "Ines Ferreira", "Kwame Mensah"):
        assert name not in names


def test_the_same_file_fixed_then_imports_fully(
    run: Kiths, db_url: str, seeded: Kith, tmp_path: Path
) -> None:
    """The all-or-nothing import above is not 'nothing, ever': the fixed file goes in."""
    doc = _network_document(tmp_path)
    path = _write(tmp_path / "good.json", dumps(doc))
    r = run("import", str(path))
    assert r.exit_code == 0, r.output
    names = {p["name"] for p in json.loads(run("list", "--json").stdout)}
    assert {"Zoë Quartz", "Ines Ferreira", "Kwame Mensah"} <= names


def test_unknown_import_format(run: Kiths, db_url: str, seeded: Kith, tmp_path: Path) -> None:
    path = _write(tmp_path / "people.xlsx", "not a spreadsheet")
    check_unchanged(run, db_url, ["import", str(path)], "people.xlsx", "format")


# -- flows that refuse ----------------------------------------------------------------


def test_intro_made_before_both_agreed(run: Kiths, db_url: str, seeded: Kith) -> None:
    check_unchanged(run, db_url, ["intro", "made", "1"], "opt-in", "Maya López", "Sam Okafor")


def test_intro_made_after_only_one_agreed(run: Kiths, db_url: str, seeded: Kith) -> None:
    assert run("intro", "agree", "1", "maya").exit_code == 0
    line = check_unchanged(run, db_url, ["intro", "made", "1"], "opt-in", "Sam Okafor")
    assert "Maya López" not in line


def test_done_unknown_follow_up(run: Kiths, db_url: str, seeded: Kith) -> None:
    check_unchanged(run, db_url, ["done", "999"], "999")


def test_done_twice(run: Kiths, db_url: str, seeded: Kith) -> None:
    assert run("done", "1").exit_code == 0
    check_unchanged(run, db_url, ["done", "1"], "#1", "already")


def test_forget_without_yes_when_not_interactive(run: Kiths, db_url: str, seeded: Kith) -> None:
    check_unchanged(run, db_url, ["forget", "maya"], "Maya López", "--yes")


def test_restore_without_yes_when_not_interactive(
    run: Kiths, db_url: str, seeded: Kith, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    assert run("db", "backup", str(backup)).exit_code == 0
    check_unchanged(run, db_url, ["db", "restore", str(backup)], "--yes")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["done", "abc"], ["abc"]),
        (["--today", "someday", "list"], ["someday"]),
    ],
    ids=["not-a-number", "bad-today"],
)
def test_mistakes_click_catches_also_end_in_one_line(
    run: Kiths, db_url: str, seeded: Kith, args: list[str], needles: list[str]
) -> None:
    check_unchanged(run, db_url, args, *needles)


def test_content_helper_sees_a_change(run: Kiths, db_url: str, seeded: Kith) -> None:
    """Guard for the guard: `content` would notice if a mistake had written anything."""
    before = content(db_url)
    assert before["people"] and before["moments"]
    assert run("log", "maya", "coffee", "--energy", "2").exit_code == 0
    assert content(db_url) != before


# -- values longer than the database holds (PostgreSQL would refuse them) -------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["add", "Long Org", "--org", "x" * 301], ["org", "300"]),
        (["edit", "maya", "--pronouns", "p" * 61], ["pronouns", "60"]),
        (["add", "Long Tag", "--tag", "t" * 121], ["tag", "120"]),
        (["add", "Long Mail", "--email", "a" * 500 + "@example.org"], ["email", "500"]),
        (["log", "maya", "message", "--outreach", "s" * 41], ["outreach style", "40"]),
        (["opportunity", "o" * 301, "--kind", "job"], ["title", "300"]),
        (["add", "n" * 301], ["name", "300"]),
    ],
    ids=["org", "pronouns", "tag", "email", "outreach", "opportunity", "name"],
)
def test_too_long_values_are_refused_plainly(
    run: Kiths, db_url: str, seeded: Kith, args: list[str], needles: list[str]
) -> None:
    check_unchanged(run, db_url, args, *needles)


@pytest.mark.parametrize(
    "args",
    [
        ["gave", "maya", "help", "--on", "in 2 weeks"],
        ["add", "Future Friend", "--met-on", "tomorrow"],
        ["opportunity", "Someday", "--kind", "idea", "--on", "next year"],
    ],
    ids=["ledger", "met-on", "opportunity"],
)
def test_what_happened_cannot_be_in_the_future(
    run: Kiths, db_url: str, seeded: Kith, args: list[str]
) -> None:
    check_unchanged(run, db_url, args, "in the future")
