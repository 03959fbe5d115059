"""An iCalendar (RFC 5545) feed from plain events: birthdays, check-ins due, office hours.

A pure builder: the caller decides what the events are; the same events and ``stamp``
always give the same bytes (DTSTAMP comes from ``stamp``, never from the clock, and the
events keep the order they are given in).

* An event whose ``start`` is a :class:`~datetime.date` is all-day: ``DTSTART;VALUE=DATE``
  with ``DTEND`` the next day (or ``end``, which is exclusive as in iCalendar), and
  ``TRANSP:TRANSPARENT`` so a birthday does not make the user look busy.
* A ``datetime`` without tzinfo is floating local time; with tzinfo it is written with
  its TZID and a VTIMEZONE covering the year around the events (all the years
  icalendar knows for a yearly event); UTC is written ``...Z``.
* ``yearly`` adds ``RRULE:FREQ=YEARLY``. An event on February 29 recurs on the last day
  of February instead (``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``): a plain yearly
  rule on Feb 29 would only fire in leap years (RFC 5545 skips invalid dates), while
  this one gives Feb 29 in leap years and Feb 28 in the others, the day
  :func:`kithkin.domain.dates.next_birthday` uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Kithkin//Calendar//EN"


@dataclass(frozen=True)
class CalEvent:
    """One event of the feed. ``uid`` should be stable across exports (calendar apps
    use it to update rather than duplicate); ``end`` is exclusive."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str | None = None
    location: str | None = None
    yearly: bool = False
    categories: tuple[str, ...] = ()


def _utc(stamp: datetime) -> datetime:
    """A timestamp in UTC (naive ones are taken to be UTC, as Kithkin stores them)."""
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def _is_feb29(day: date | datetime) -> bool:
    return day.month == 2 and day.day == 29


def _after(start: date | datetime, end: date | datetime) -> bool:
    """Whether ``end`` is of the same kind as ``start`` and later."""
    if isinstance(start, datetime) != isinstance(end, datetime):
        return False
    try:
        return end > start
    except TypeError:  # one with tzinfo, one without
        return False


def build_calendar(events: Iterable[CalEvent], name: str = "Kithkin", *, stamp: datetime) -> bytes:
    """The events as one VCALENDAR (RFC 5545 bytes, CRLF, folded by icalendar).
    ValueError when an event's ``end`` is not of the same kind as its ``start`` or
    does not come after it."""
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    dtstamp = _utc(stamp).replace(microsecond=0)
    zoned: list[datetime] = []  # starts and ends with a time zone other than UTC
    zoned_yearly = False
    for ev in events:
        all_day = not isinstance(ev.start, datetime)
        end = ev.end
        if end is not None and not _after(ev.start, end):
            raise ValueError(f"event {ev.uid}: end {end} does not fit start {ev.start}")
        if end is None and all_day:
            end = ev.start + timedelta(days=1)
        event = Event()
        event.add("uid", ev.uid)
        event.add("dtstamp", dtstamp)
        event.add("dtstart", ev.start)
        if end is not None:
            event.add("dtend", end)
        event.add("summary", ev.summary)
        if ev.description:
            event.add("description", ev.description)
        if ev.location:
            event.add("location", ev.location)
        if ev.categories:
            event.add("categories", list(ev.categories))
        if ev.yearly:
            rule: dict[str, object] = {"freq": "yearly"}
            if _is_feb29(ev.start):
                rule |= {"bymonth": 2, "bymonthday": -1}
            event.add("rrule", vRecur(rule))
        if all_day:
            event.add("transp", "TRANSPARENT")
        elif isinstance(ev.start, datetime) and ev.start.utcoffset() is not None:
            zoned += [t for t in (ev.start, end) if isinstance(t, datetime)]
            zoned_yearly |= ev.yearly
        cal.add_component(event)
    if zoned_yearly:  # the zone's rules as far as icalendar writes them (1970-2038)
        cal.add_missing_timezones()
    elif zoned:  # the year around the events is enough
        first, last = min(zoned), max(zoned)
        cal.add_missing_timezones(
            first.date() - timedelta(days=366), last.date() + timedelta(days=366)
        )
    return bytes(cal.to_ical())
