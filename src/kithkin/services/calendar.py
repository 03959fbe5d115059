"""`kith calendar`: an iCalendar (RFC 5545) file of birthdays, check-ins due, follow-ups
due and office hours, for any calendar app.

Every event's UID is stable — a person's birthday, a person's next check-in, a
follow-up, an office hour — so importing a newer export (or subscribing to the feed the
web app will serve) moves events instead of duplicating them. A check-in keeps its UID
while its date moves with each moment logged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kithkin.domain.cadence import cadence_days, due_on
from kithkin.io import atomic
from kithkin.services.context import Kith
from kithkin.storage import calendar_repo
from kithkin.storage.facts_repo import from_day

if TYPE_CHECKING:
    from kithkin.io.calendar_ics import CalEvent

#: Check-ins are listed when they fall due within this many days.
CHECKIN_HORIZON_DAYS = 90
#: Which kinds of events the calendar holds.
KINDS = ("birthdays", "check-ins", "follow-ups", "office-hours")


def _birthday(row: dict[str, Any], today: date) -> CalEvent | None:
    from kithkin.io.calendar_ics import CalEvent

    m, d = row["birthday_month"], row["birthday_day"]
    if not m or not d:
        return None
    year = today.year
    while True:  # Feb 29 starts in the last leap year; its rule gives Feb 28 in others
        try:
            start = date(year, m, d)
            break
        except ValueError:
            year -= 1
    return CalEvent(
        uid=f"birthday-{row['uid']}@kithkin",
        summary=f"{row['display_name']}'s birthday",
        start=start,
        yearly=True,
        categories=("Birthday",),
        description="A birthday: a short, warm note needs no other reason.",
    )


def _checkin(row: dict[str, Any], today: date) -> CalEvent | None:
    from kithkin.io.calendar_ics import CalEvent

    cadence = cadence_days(row["cadence_days"], row["pancake"])
    last = from_day(row["last_day"])
    due = due_on(last, cadence)
    if due is None or cadence is None:
        return None
    on = max(due, today)
    if row["status"] == "snoozed" and row["snoozed_until"] and row["snoozed_until"] > on:
        on = row["snoozed_until"]
    if on > today + timedelta(days=CHECKIN_HORIZON_DAYS):
        return None
    seen = f"last contact {last.isoformat()}" if last else "no moment logged yet"
    return CalEvent(
        uid=f"checkin-{row['uid']}@kithkin",
        summary=f"Check in with {row['display_name']}",
        start=on,
        categories=("Check-in",),
        description=f"Your rhythm with them is every {cadence} days; {seen}.",
    )


def events(kith: Kith, kinds: tuple[str, ...] = KINDS) -> list[CalEvent]:
    """The calendar's events, in a stable order."""
    from kithkin.io.calendar_ics import CalEvent

    today = kith.today
    out: list[CalEvent] = []
    with kith.begin() as conn:
        rows = calendar_repo.people_rows(conn, kith.account_id)
        follow = (
            calendar_repo.open_follow_ups(conn, kith.account_id) if "follow-ups" in kinds else []
        )
        hours = (
            calendar_repo.office_hour_rows(conn, kith.account_id) if "office-hours" in kinds else []
        )
    for row in sorted(rows, key=lambda r: (r["display_name"], r["uid"])):
        if "birthdays" in kinds and (ev := _birthday(row, today)):
            out.append(ev)
        if "check-ins" in kinds and (ev := _checkin(row, today)):
            out.append(ev)
    for f in sorted(follow, key=lambda r: (r["due_on"], r["uid"])):
        out.append(
            CalEvent(
                uid=f"followup-{f['uid']}@kithkin",
                summary=f"Follow up with {f['display_name']}: {f['text']}",
                start=f["due_on"],
                categories=("Follow-up",),
                description=f"You said you would: {f['text']}",
            )
        )
    for o in sorted(hours, key=lambda r: (r["starts_at"], r["uid"])):
        start = o["starts_at"]
        if o["timezone"]:
            from zoneinfo import ZoneInfo

            start = start.replace(tzinfo=ZoneInfo(o["timezone"]))
        who = ", ".join(o["people"])
        out.append(
            CalEvent(
                uid=o["uid"],
                summary=f"Office hours with {who}" if who else "Office hours",
                start=start,
                end=start + timedelta(hours=o["hours"]),
                location=o["place"],
                description=o["description"],
                categories=("Office hours",),
            )
        )
    return out


def calendar_bytes(kith: Kith, kinds: tuple[str, ...] = KINDS) -> bytes:
    """The whole calendar as .ics bytes (DTSTAMP is today, so the same data on the same
    day gives the same file)."""
    from kithkin.io.calendar_ics import build_calendar

    stamp = datetime.combine(kith.today, time(), tzinfo=UTC)
    return build_calendar(events(kith, kinds), name="Kithkin", stamp=stamp)


def write_calendar(kith: Kith, path: Path, kinds: tuple[str, ...] = KINDS) -> int:
    """Write the calendar to ``path`` atomically; returns how many events it holds."""
    evs = events(kith, kinds)
    from kithkin.io.calendar_ics import build_calendar

    stamp = datetime.combine(kith.today, time(), tzinfo=UTC)
    atomic.write_bytes(path, build_calendar(evs, name="Kithkin", stamp=stamp))
    return len(evs)
