"""Parsing and formatting of the dates people actually type.

Pure functions only: nothing here reads the clock, so ``today`` is always passed in.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "DateParseError",
    "format_birthday",
    "humanize_delta",
    "next_birthday",
    "parse_birthday",
    "parse_date",
]

Prefer = Literal["past", "future"]

_DATE_HINT = (
    "use YYYY-MM-DD or words like 'today', 'yesterday', 'friday', 'in 2 weeks', '3 days ago'"
)
_BIRTHDAY_HINT = "use YYYY-MM-DD, --MM-DD or words like '14 March' or 'March 14 1990'"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NUMBERS = {name: i for i, name in enumerate(_WEEKDAYS)} | {
    name[:3]: i for i, name in enumerate(_WEEKDAYS)
}
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_NUMBERS = (
    {name: i for i, name in enumerate(_MONTHS, 1)}
    | {name[:3]: i for i, name in enumerate(_MONTHS, 1)}
    | {"sept": 9}
)
_UNITS = ("day", "week", "month", "year")
_APPLE_NO_YEAR = 1604  # Apple Contacts stores "no year" birthdays as 1604.

_NUM = r"(\d+|an?|one)"
_UNIT = r"(day|week|month|year)s?"
_MONTH_RE = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_IN_N = re.compile(rf"in {_NUM} {_UNIT}")
_N_AGO = re.compile(rf"{_NUM} {_UNIT} ago")
_NEXT_LAST = re.compile(r"(next|last) ([a-z]+)")
_DAY_MONTH = re.compile(rf"{_DAY} ({_MONTH_RE})(?: (\d{{4}}))?")
_MONTH_DAY = re.compile(rf"({_MONTH_RE}) {_DAY}(?: (\d{{4}}))?")
_BDAY_NO_YEAR = re.compile(r"(?:--)?(\d{2})-?(\d{2})")
_BDAY_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})")


class DateParseError(ValueError):
    """Raised when a piece of text cannot be read as a date or birthday."""

    def __init__(
        self, text: str, *, what: str = "date", reason: str | None = None, hint: str = _DATE_HINT
    ) -> None:
        self.text = text
        detail = f" ({reason})" if reason else ""
        super().__init__(f"cannot read the {what} {text!r}{detail}: {hint}")


def _normalise(text: str) -> str:
    return " ".join(text.replace(",", " ").lower().split())


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


def _add_months(d: date, months: int) -> date:
    """Shift ``d`` by whole months, clamping the day to the end of the target month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    if not date.min.year <= year <= date.max.year:
        raise OverflowError("date out of range")
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    return _add_months(d, n if unit == "month" else 12 * n)


def _weekday(today: date, weekday: int, prefer: Prefer) -> date:
    if prefer == "future":
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)


def _closest_day_month(month: int, day: int, today: date, prefer: Prefer) -> date | None:
    """The occurrence of month/day closest to today in the preferred direction (today counts)."""
    step = 1 if prefer == "future" else -1
    for offset in range(9):  # a Feb 29 always recurs within 8 years
        try:
            candidate = date(today.year + step * offset, month, day)
        except ValueError:
            continue
        if (candidate >= today) if prefer == "future" else (candidate <= today):
            return candidate
    return None


def _parse(text: str, today: date, prefer: Prefer) -> date | None:
    if text == "today":
        return today
    if text in ("yesterday", "tomorrow"):
        return today + timedelta(days=-1 if text == "yesterday" else 1)
    if m := _ISO.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if text in _WEEKDAY_NUMBERS:
        return _weekday(today, _WEEKDAY_NUMBERS[text], prefer)
    if m := _IN_N.fullmatch(text):
        return _shift(today, m[2], _count(m[1]))
    if m := _N_AGO.fullmatch(text):
        return _shift(today, m[2], -_count(m[1]))
    if m := _NEXT_LAST.fullmatch(text):
        direction: Prefer = "future" if m[1] == "next" else "past"
        if m[2] in _UNITS:
            return _shift(today, m[2], 1 if direction == "future" else -1)
        if m[2] in _WEEKDAY_NUMBERS:
            return _weekday(today, _WEEKDAY_NUMBERS[m[2]], direction)
        return None
    if (m := _DAY_MONTH.fullmatch(text)) or (m := _MONTH_DAY.fullmatch(text)):
        day_s, month_s = (m[1], m[2]) if m.re is _DAY_MONTH else (m[2], m[1])
        month, day = _MONTH_NUMBERS[month_s], int(day_s)
        if m[3]:
            return date(int(m[3]), month, day)
        date(2000, month, day)  # validate against a leap year
        return _closest_day_month(month, day, today, prefer)
    return None


def parse_date(text: str, today: date, *, prefer: Prefer = "past") -> date:
    """Read a typed date such as '2024-03-12', 'friday', 'in 2 weeks' or '12 Mar'.

    Bare weekdays and day-month forms without a year resolve towards ``prefer``.
    Raises DateParseError for anything unreadable or impossible.
    """
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    try:
        result = _parse(_normalise(text), today, prefer)
    except OverflowError as exc:
        raise DateParseError(text, reason="too far from today") from exc
    except ValueError as exc:
        raise DateParseError(text, reason="no such day in the calendar") from exc
    if result is None:
        raise DateParseError(text)
    return result


def parse_birthday(text: str) -> tuple[int | None, int, int]:
    """Read a birthday into (year or None, month, day).

    Accepts '1990-03-14', '19900314', '--03-14', '--0314', '03-14', '14 March', 'March 14 1990'.
    Apple's placeholder year 1604 becomes None; Feb 29 is allowed without a year.
    """
    norm = _normalise(text)
    year: int | None
    if m := _ISO.fullmatch(norm) or _BDAY_BASIC.fullmatch(norm):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _BDAY_NO_YEAR.fullmatch(norm):
        year, month, day = None, int(m[1]), int(m[2])
    elif m := _DAY_MONTH.fullmatch(norm) or _MONTH_DAY.fullmatch(norm):
        day_s, month_s = (m[1], m[2]) if m.re is _DAY_MONTH else (m[2], m[1])
        year, month, day = (int(m[3]) if m[3] else None), _MONTH_NUMBERS[month_s], int(day_s)
    else:
        raise DateParseError(text, what="birthday", hint=_BIRTHDAY_HINT)
    try:
        date(2000 if year is None else year, month, day)
    except ValueError as exc:
        raise DateParseError(
            text, what="birthday", reason="no such day in the calendar", hint=_BIRTHDAY_HINT
        ) from exc
    return (None if year == _APPLE_NO_YEAR else year), month, day


def format_birthday(year: int | None, month: int, day: int) -> str:
    """Format a birthday as '1990-03-14', or '--03-14' when the year is unknown."""
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def next_birthday(month: int, day: int, today: date) -> date:
    """The next occurrence of a birthday on or after ``today``.

    Feb 29 birthdays fall on Feb 28 in non-leap years.
    """
    for year in (today.year, today.year + 1):
        if month == 2 and day == 29 and not calendar.isleap(year):
            candidate = date(year, 2, 28)
        else:
            candidate = date(year, month, day)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: a birthday recurs within a year")  # pragma: no cover


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def humanize_delta(d: date, today: date) -> str:
    """Describe ``d`` relative to ``today``: 'today', 'in 5 days', '2 weeks ago', 'in 3 years'."""
    days = (d - today).days
    if days == 0:
        return "today"
    if days in (1, -1):
        return "tomorrow" if days == 1 else "yesterday"
    n = abs(days)
    if n < 14:
        amount = _plural(n, "day")
    elif n < 60:
        amount = _plural(n // 7, "week")
    elif n < 365 * 2:
        amount = _plural(n // 30, "month")
    else:
        amount = _plural(n // 365, "year")
    return f"in {amount}" if days > 0 else f"{amount} ago"
