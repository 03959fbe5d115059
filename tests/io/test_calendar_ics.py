"""The iCalendar feed builder: parsed back by icalendar, all-day and yearly events,
February 29, stable bytes for the same input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from kithkin.io.calendar_ics import CalEvent, build_calendar

STAMP = datetime(2026, 11, 21, 9, 30)
LISBON = ZoneInfo("Europe/Lisbon")


def events() -> list[CalEvent]:
    return [
        CalEvent(
            "bday-0123@kithkin",
            "Maya López's birthday",
            date(1990, 3, 14),
            yearly=True,
            categories=("birthday", "climbing, indoor"),
        ),
        CalEvent(
            "checkin-0123@kithkin",
            "Check in with Jo; it has been a while",
            date(2026, 11, 23),
            description="Last time: coffee, talked about maps.\nAsk about the move.",
        ),
        CalEvent(
            "oh-1@kithkin",
            "Office hours",
            datetime(2026, 11, 28, 10, 0, tzinfo=LISBON),
            datetime(2026, 11, 28, 12, 0, tzinfo=LISBON),
            location="Café Tati, Lisbon",
        ),
    ]


def parse(data: bytes) -> tuple[Calendar, dict[str, Any]]:
    cal = Calendar.from_ical(data)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_header_and_every_event() -> None:
    data = build_calendar(events(), "Kithkin: Maya's people", stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    cal, by_uid = parse(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Kithkin//Calendar//EN"
    assert str(cal["X-WR-CALNAME"]) == "Kithkin: Maya's people"
    assert list(by_uid) == ["bday-0123@kithkin", "checkin-0123@kithkin", "oh-1@kithkin"]
    for event in by_uid.values():
        assert event["DTSTAMP"].dt == datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    check = by_uid["checkin-0123@kithkin"]
    assert str(check["SUMMARY"]) == "Check in with Jo; it has been a while"
    assert str(check["DESCRIPTION"]) == (
        "Last time: coffee, talked about maps.\nAsk about the move."
    )
    oh = by_uid["oh-1@kithkin"]
    assert oh["DTSTART"].dt == datetime(2026, 11, 28, 10, 0, tzinfo=LISBON)
    assert oh["DTEND"].dt == datetime(2026, 11, 28, 12, 0, tzinfo=LISBON)
    assert str(oh["LOCATION"]) == "Café Tati, Lisbon"
    assert b"DTSTART;TZID=Europe/Lisbon:20261128T100000" in data
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    bday = by_uid["bday-0123@kithkin"]
    assert bday["CATEGORIES"].cats == ["birthday", "climbing, indoor"]


def test_all_day_events_are_dates_ending_the_next_day() -> None:
    data = build_calendar(events(), stamp=STAMP)
    assert b"DTSTART;VALUE=DATE:20261123\r\n" in data
    assert b"DTEND;VALUE=DATE:20261124\r\n" in data
    _, by_uid = parse(data)
    check = by_uid["checkin-0123@kithkin"]
    assert check["DTSTART"].dt == date(2026, 11, 23)
    assert check["DTEND"].dt == date(2026, 11, 24)
    assert str(check["TRANSP"]) == "TRANSPARENT"
    assert "RRULE" not in check
    # A given end is kept (exclusive, as DTEND is).
    two_days = CalEvent("trip@kithkin", "Trip", date(2026, 12, 1), date(2026, 12, 3))
    _, by_uid = parse(build_calendar([two_days], stamp=STAMP))
    assert by_uid["trip@kithkin"]["DTEND"].dt == date(2026, 12, 3)


def test_yearly_events_repeat_every_year() -> None:
    _, by_uid = parse(build_calendar(events(), stamp=STAMP))
    bday = by_uid["bday-0123@kithkin"]
    rule = bday["RRULE"]
    assert dict(rule) == {"FREQ": ["YEARLY"]}
    dates = list(islice(rrulestr(rule.to_ical().decode(), dtstart=datetime(1990, 3, 14)), 3))
    assert [d.date() for d in dates] == [date(1990, 3, 14), date(1991, 3, 14), date(1992, 3, 14)]


def test_february_29_falls_on_the_last_day_of_february() -> None:
    leap = CalEvent("bday-leap@kithkin", "Leap's birthday", date(2000, 2, 29), yearly=True)
    data = build_calendar([leap], stamp=STAMP)
    _, by_uid = parse(data)
    rule = by_uid["bday-leap@kithkin"]["RRULE"]
    assert dict(rule) == {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}
    start = datetime(2000, 2, 29)
    days = [d.date() for d in islice(rrulestr(rule.to_ical().decode(), dtstart=start), 5)]
    assert days == [
        date(2000, 2, 29),
        date(2001, 2, 28),
        date(2002, 2, 28),
        date(2003, 2, 28),
        date(2004, 2, 29),
    ]


def test_same_input_same_bytes_and_stable_uids() -> None:
    first = build_calendar(events(), stamp=STAMP)
    second = build_calendar(events(), stamp=STAMP)
    assert first == second
    later = build_calendar(events(), stamp=STAMP + timedelta(days=1))
    assert [str(e["UID"]) for e in Calendar.from_ical(later).walk("VEVENT")] == [
        str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")
    ]
    assert b"DTSTAMP:20261122T093000Z" in later


def test_an_aware_stamp_is_written_in_utc() -> None:
    aware = datetime(2026, 11, 21, 10, 30, tzinfo=LISBON)  # UTC+0 in November
    data = build_calendar(events()[:1], stamp=aware.astimezone(ZoneInfo("Asia/Tokyo")))
    assert b"DTSTAMP:20261121T103000Z" in data


def test_an_end_that_does_not_fit_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        build_calendar([CalEvent("x", "x", date(2026, 1, 2), date(2026, 1, 2))], stamp=STAMP)
    with pytest.raises(ValueError, match="does not fit"):
        build_calendar(
            [CalEvent("x", "x", date(2026, 1, 2), datetime(2026, 1, 3, 10))], stamp=STAMP
        )


def test_no_events_is_still_a_calendar() -> None:
    cal, by_uid = parse(build_calendar([], "Empty", stamp=STAMP))
    assert by_uid == {}
    assert str(cal["X-WR-CALNAME"]) == "Empty"
