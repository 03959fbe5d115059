"""`kith calendar`: birthdays, check-ins due, follow-ups due and office hours, parsed back
with icalendar; stable UIDs so a newer export updates events instead of adding them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from conftest import TODAY, make_person
from kithkin.services import calendar
from kithkin.services.context import Kith, open_kith
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.office_hours import write_invite


def _events(data: bytes) -> dict[str, Any]:
    cal = Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def _network(kith: Kith) -> None:
    make_person(kith, "Maya López", birthday="1990-03-14", cadence="30")
    make_person(kith, "Theo Okafor", birthday="--02-29", pancake="yes")
    make_person(kith, "Priya Raman")  # no birthday, no rhythm: nothing in the calendar
    make_person(kith, "Dana Whitfield", birthday="1985-07-01")
    log_moment(
        kith,
        MomentInput(
            people=["Maya"],
            kind="coffee",
            when="2026-11-11",
            follow_up="send the climbing guide",
            due="2026-11-28",
        ),
    )


def test_every_kind_of_event_is_there_and_valid(kith: Kith) -> None:
    _network(kith)
    events = _events(calendar.calendar_bytes(kith))
    uid = {p["name"]: p["uid"] for p in _people(kith)}
    maya_bday = events[f"birthday-{uid['Maya López']}@kithkin"]
    assert maya_bday["SUMMARY"] == "Maya López's birthday"
    assert maya_bday["DTSTART"].dt == date(2026, 3, 14)
    assert maya_bday["RRULE"]["FREQ"] == ["YEARLY"]
    # Feb 29: starts in the last leap year, on the last day of February every year, so
    # 2027 has its Feb 28 (as `kith show` counts it) and 2028 its Feb 29
    theo_bday = events[f"birthday-{uid['Theo Okafor']}@kithkin"]
    assert theo_bday["DTSTART"].dt == date(2024, 2, 29)
    rule = theo_bday["RRULE"]
    assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTHDAY"] == [-1]
    from dateutil.rrule import rrulestr

    days = rrulestr(rule.to_ical().decode(), dtstart=datetime(2024, 2, 29))
    assert [d.date() for d in days.between(datetime(2026, 12, 1), datetime(2028, 12, 1))] == [
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]
    # Maya: every 30 days, last seen 2026-11-11 -> due 2026-12-11
    checkin = events[f"checkin-{uid['Maya López']}@kithkin"]
    assert checkin["DTSTART"].dt == date(2026, 12, 11)
    assert "every 30 days" in str(checkin["DESCRIPTION"])
    # Theo: pancake yes (30 days) and never seen: due now
    assert events[f"checkin-{uid['Theo Okafor']}@kithkin"]["DTSTART"].dt == TODAY
    follow = [e for u, e in events.items() if u.startswith("followup-")]
    assert len(follow) == 1
    assert follow[0]["DTSTART"].dt == date(2026, 11, 28)
    assert "send the climbing guide" in str(follow[0]["SUMMARY"])
    assert not any(uid["Priya Raman"] in u for u in events)


def _people(kith: Kith) -> list[dict[str, Any]]:
    from kithkin.services.exporting import people

    return people(kith)


def test_a_new_moment_moves_the_check_in_under_the_same_uid(kith: Kith) -> None:
    _network(kith)
    first = _events(calendar.calendar_bytes(kith))
    log_moment(kith, MomentInput(people=["Maya"], kind="call", when="2026-11-20"))
    second = _events(calendar.calendar_bytes(kith))
    assert first.keys() == second.keys()
    moved = [u for u in first if first[u]["DTSTART"].dt != second[u]["DTSTART"].dt]
    assert len(moved) == 1 and moved[0].startswith("checkin-")
    assert second[moved[0]]["DTSTART"].dt == date(2026, 12, 20)


def test_the_same_data_gives_the_same_file(kith: Kith, tmp_path: Path) -> None:
    _network(kith)
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert calendar.write_calendar(kith, a) == calendar.write_calendar(kith, b)
    assert a.read_bytes() == b.read_bytes()


def test_released_people_and_far_check_ins_stay_out(kith: Kith) -> None:
    from kithkin.services.people import release

    _network(kith)
    make_person(kith, "Rosa Almeida", birthday="1980-05-05", cadence="1y")
    log_moment(kith, MomentInput(people=["Rosa"], kind="meal", when="2026-11-01"))
    release(kith, "Dana")
    events = _events(calendar.calendar_bytes(kith))
    summaries = [str(e["SUMMARY"]) for e in events.values()]
    assert "Rosa Almeida's birthday" in summaries
    assert "Check in with Rosa Almeida" not in summaries  # due in a year, past 90 days
    assert not any("Dana" in s for s in summaries)


def test_office_hours_written_as_an_invite_appear_with_their_people(
    kith: Kith, tmp_path: Path
) -> None:
    from zoneinfo import ZoneInfo

    a = make_person(kith, "Inês Duarte", channels=[("email", "ines@example.org")])
    b = make_person(kith, "Julien Moreau")
    group = {
        "people": [
            {"person_id": a, "person": "Inês Duarte", "uid": None, "email": "ines@example.org"},
            {"person_id": b, "person": "Julien Moreau", "uid": None, "email": None},
        ]
    }
    when = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    write_invite(kith, group, when, 2.0, "my kitchen island", tmp_path / "oh.ics", text="Come!")
    write_invite(kith, group, when, 2.0, "my kitchen island", tmp_path / "oh.ics", text="Come!")
    events = _events(calendar.calendar_bytes(kith, ("office-hours",)))
    assert len(events) == 1  # the same invite twice is one event
    (event,) = events.values()
    assert event["SUMMARY"] == "Office hours with Inês Duarte, Julien Moreau"
    assert event["DTSTART"].dt == when
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(hours=2)
    assert event["LOCATION"] == "my kitchen island"
    # the calendar's UID is the invite's, so accepting both never doubles the event
    invite = _events((tmp_path / "oh.ics").read_bytes())
    assert set(invite) == set(events)


def test_office_hours_survive_a_json_round_trip(kith: Kith, tmp_path: Path) -> None:
    from kithkin.services.transfer import dumps, export_document, import_document

    a = make_person(kith, "Inês Duarte")
    group = {"people": [{"person_id": a, "person": "Inês Duarte", "uid": None}]}
    write_invite(kith, group, datetime(2026, 12, 1, 9), 1.5, None, tmp_path / "x.ics", text="Hi")
    doc = export_document(kith)
    assert len(doc["office_hours"]) == 1
    copy = open_kith(f"sqlite:///{tmp_path / 'copy.db'}", today=TODAY)
    import_document(copy, doc)
    assert dumps(export_document(copy)) == dumps(doc)
    copy.engine.dispose()
