"""`kith office-hours` through the real entry point: who is proposed, the invite, the .ics."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from conftest import TODAY, Kiths, _entry

#: (name, location, time zone, interests, e-mail, energy of two moments)
WINE, CLIMATE = "natural wine", "climate tech"
NETWORK: list[tuple[str, str | None, str | None, list[str], str | None, str]] = [
    ("Lena Brooks", "Lisbon", "Europe/Lisbon", [WINE], "lena@example.org", "+2"),
    ("Rosa Delgado", "Lisbon, Portugal", None, [WINE, CLIMATE], "rosa@example.org", "+2"),
    ("Julien Moreau", "lisbon", None, [CLIMATE], None, "+2"),
    ("Victor Crane", "Lisbon", None, [WINE, CLIMATE], "victor@example.org", "-2"),
    ("Marcus Bell", "Lisbon", None, [WINE, CLIMATE], None, "+2"),
    ("Hana Sato", "Tokyo", "Asia/Tokyo", [WINE], "hana@example.org", "+2"),
    ("Tom Reilly", None, None, [CLIMATE], None, "+1"),
]  # fmt: skip


def add_network(run: Kiths) -> None:
    for name, where, tz, interests, email, energy in NETWORK:
        args = ["add", name]
        args += ["--location", where] if where else []
        args += ["--timezone", tz] if tz else []
        args += [x for i in interests for x in ("--interest", i)]
        args += ["--email", email] if email else []
        assert run(*args).exit_code == 0
        for ago in ("3 days ago", "10 days ago"):
            r = run("log", name, "coffee", "--energy", energy, "--on", ago)
            assert r.exit_code == 0, r.output
    assert run("release", "Marcus Bell").exit_code == 0
    assert run("snooze", "Tom Reilly", "--until", "in 3 months").exit_code == 0


def ics(path: Path) -> Any:
    return Calendar.from_ical(path.read_bytes())


def event(cal: Any) -> Any:
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return events[0]


def everyone(found: dict[str, Any]) -> set[str]:
    groups = [found["group"], *found["alternatives"]] if found["group"] else []
    return {p["person"] for g in groups for p in g["people"]}


@pytest.fixture
def network(run: Kiths) -> Kiths:
    add_network(run)
    return run


def test_proposes_fuellers_who_share_interests_and_writes_an_invite(
    network: Kiths, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "oh.ics"
    r = network("office-hours", "--ics", str(path), "--where", "my kitchen island")
    assert r.exit_code == 0, r.output
    head = r.output.split("Or:")[0]
    for name in ("Lena Brooks", "Rosa Delgado", "Julien Moreau"):
        assert name in head
    assert "Lena and Rosa both love natural wine" in r.output
    assert "all in Lisbon" in r.output
    assert f"Wrote {path}" in r.output
    cal = ics(path)
    assert str(cal["PRODID"]) == "-//Kithkin//Office hours//EN"
    assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "REQUEST"
    ev = event(cal)
    assert str(ev["SUMMARY"]) == "Closet office hours"
    assert ev.decoded("DTSTART") == datetime(2026, 11, 27, 14, 0)  # next Friday, floating
    assert ev.decoded("DTEND") == datetime(2026, 11, 27, 17, 0)
    assert str(ev["LOCATION"]) == "my kitchen island"
    assert "Lena" in str(ev["DESCRIPTION"])
    attendees = ev.get("ATTENDEE")
    mails = sorted(str(a) for a in (attendees if isinstance(attendees, list) else [attendees]))
    assert mails == ["mailto:lena@example.org", "mailto:rosa@example.org"]  # Julien has none
    assert "no e-mail for Julien Moreau" in r.output
    uid = str(ev["UID"])
    assert uid.endswith("@kithkin")
    again = network("office-hours", "--ics", str(path), "--where", "elsewhere")
    assert again.exit_code == 0
    assert str(event(ics(path))["UID"]) == uid  # same people, same day: same event
    other_day = network("office-hours", "--ics", str(path), "--on", "2026-12-04")
    assert other_day.exit_code == 0
    assert str(event(ics(path))["UID"]) != uid
    assert [p.name for p in out.iterdir()] == ["oh.ics"]  # no temporary file left


def test_drainers_released_snoozed_and_faraway_people_are_never_proposed(
    network: Kiths,
) -> None:
    for size in ("2", "3"):
        r = network("office-hours", "--size", size, "--no-ics", "--json")
        assert r.exit_code == 0, r.output
        found = json.loads(r.stdout)
        assert found["group"] is not None and found["ics"] is None
        names = everyone(found)
        assert names and names.isdisjoint({"Victor Crane", "Marcus Bell", "Tom Reilly"})
        assert "Hana Sato" not in names  # shares natural wine, but lives in Tokyo
        assert all(len(g["people"]) <= int(size) for g in [found["group"], *found["alternatives"]])
    assert found["invite"]["body"]


def test_with_forces_someone_in(network: Kiths) -> None:
    r = network("office-hours", "--size", "2", "--with", "julien", "--no-ics", "--json")
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)
    groups = [found["group"], *found["alternatives"]]
    assert all("Julien Moreau" in {p["person"] for p in g["people"]} for g in groups)
    assert {p["person"] for p in found["group"]["people"]} == {"Julien Moreau", "Rosa Delgado"}


def test_forced_person_who_fits_nobody_gets_a_plain_answer(network: Kiths) -> None:
    r = network("office-hours", "--with", "hana", "--no-ics")
    assert r.exit_code == 0, r.output
    assert "Hana Sato" in r.output and "kith edit" in r.output


def test_released_person_cannot_be_forced(network: Kiths) -> None:
    r = network("office-hours", "--with", "marcus", "--no-ics")
    assert r.exit_code != 0
    assert "released" in r.output and "Traceback" not in r.output


def test_time_zone_is_written_when_given(network: Kiths, tmp_path: Path) -> None:
    path = tmp_path / "tz.ics"
    r = network(
        "office-hours", "--ics", str(path), "--on", "2026-12-04", "--at", "9:30",
        "--hours", "2", "--tz", "Europe/Lisbon",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    cal = ics(path)
    ev = event(cal)
    start = ev.decoded("DTSTART")
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2026, 12, 4, 9, 30)
    assert ev["DTSTART"].params["TZID"] == "Europe/Lisbon"
    assert (ev.decoded("DTEND") - start).total_seconds() == 2 * 3600
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_default_file_name_is_in_the_current_folder(
    network: Kiths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    r = network("office-hours")
    assert r.exit_code == 0, r.output
    assert [p.name for p in here.iterdir()] == ["office-hours-2026-11-27.ics"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--on", "someday"], "on:"),
        (["--on", "2026-11-01"], "in the past"),
        (["--at", "25:00"], "at: '25:00' is not a time"),
        (["--at", "2pm"], "at: '2pm' is not a time"),
        (["--tz", "Mars/Olympus"], "tz:"),
        (["--size", "4"], "--size"),
        (["--hours", "0"], "--hours"),
    ],
)
def test_bad_input_is_one_clear_line_and_writes_nothing(
    network: Kiths, tmp_path: Path, args: list[str], words: str
) -> None:
    path = tmp_path / "never.ics"
    r = network("office-hours", "--ics", str(path), *args)
    assert r.exit_code != 0
    assert words in r.output and "Traceback" not in r.output
    assert not path.exists()


def test_unwritable_path_names_the_path_and_writes_nothing(network: Kiths, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "oh.ics"
    r = network("office-hours", "--ics", str(missing))
    assert r.exit_code != 0
    errors = [line for line in r.stderr.splitlines() if line.startswith("kith:")]
    assert len(errors) == 1 and str(missing) in errors[0] and "does not exist" in errors[0]
    assert r.stdout == ""
    assert not (tmp_path / "no").exists()
    folder = tmp_path / "a-folder.ics"
    folder.mkdir()
    r = network("office-hours", "--ics", str(folder))
    assert r.exit_code != 0 and str(folder) in r.output
    assert list(folder.iterdir()) == []


def test_too_few_fuellers_says_what_to_do(run: Kiths) -> None:
    assert run("add", "Maya López", "--interest", "risograph printing").exit_code == 0
    assert run("log", "maya", "coffee", "--energy", "+2").exit_code == 0
    assert run("log", "maya", "walk", "--energy", "+2", "--on", "yesterday").exit_code == 0
    r = run("office-hours", "--no-ics")
    assert r.exit_code == 0, r.output
    assert "Only one person fuels you" in r.output
    assert "kith log NAME coffee --energy +2" in r.output
    empty = json.loads(run("office-hours", "--json").stdout)
    assert empty["group"] is None and empty["message"]


def test_demo_proposes_fuellers_only(_isolated_home: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(_entry, ["--today", TODAY.isoformat(), "demo"])
    assert built.exit_code == 0, built.output
    r = runner.invoke(
        _entry, ["--demo", "--today", TODAY.isoformat(), "office-hours", "--no-ics", "--json"]
    )
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)
    assert found["group"] is not None
    for g in [found["group"], *found["alternatives"]]:
        assert all(p["energy"] == "fueller" for p in g["people"])
    names = everyone(found)
    # the drainers, the released and the snoozed
    assert names.isdisjoint({"Victor Crane", "Sophie Hart", "Marcus Bell", "Tom Reilly"})
