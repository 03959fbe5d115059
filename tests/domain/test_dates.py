"""Tests for kithkin.domain.dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.domain.dates import (
    DateParseError,
    format_birthday,
    humanize_delta,
    next_birthday,
    parse_birthday,
    parse_date,
)

WED = date(2026, 11, 18)  # a Wednesday
FRI = date(2026, 11, 20)  # a Friday

Prefer = Literal["past", "future"]


# --- parse_date: absolute and simple words ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-12", date(2024, 3, 12)),
        ("  2024-03-12  ", date(2024, 3, 12)),
        ("2024-3-2", date(2024, 3, 2)),
        ("2024-02-29", date(2024, 2, 29)),
        ("today", WED),
        ("TODAY", WED),
        ("  Today ", WED),
        ("yesterday", date(2026, 11, 17)),
        ("tomorrow", date(2026, 11, 19)),
        ("Tomorrow", date(2026, 11, 19)),
    ],
)
def test_parse_date_basic(text: str, expected: date) -> None:
    assert parse_date(text, WED) == expected


# --- weekdays --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("monday", date(2026, 11, 16), date(2026, 11, 23)),
        ("mon", date(2026, 11, 16), date(2026, 11, 23)),
        ("tuesday", date(2026, 11, 17), date(2026, 11, 24)),
        ("wednesday", date(2026, 11, 11), date(2026, 11, 25)),  # today is Wednesday
        ("wed", date(2026, 11, 11), date(2026, 11, 25)),
        ("thursday", date(2026, 11, 12), date(2026, 11, 19)),
        ("friday", date(2026, 11, 13), date(2026, 11, 20)),
        ("Fri", date(2026, 11, 13), date(2026, 11, 20)),
        ("saturday", date(2026, 11, 14), date(2026, 11, 21)),
        ("sunday", date(2026, 11, 15), date(2026, 11, 22)),
        ("SUN", date(2026, 11, 15), date(2026, 11, 22)),
    ],
)
def test_weekdays_prefer(text: str, past: date, future: date) -> None:
    assert parse_date(text, WED) == past  # default is past
    assert parse_date(text, WED, prefer="past") == past
    assert parse_date(text, WED, prefer="future") == future


def test_same_weekday_is_never_today() -> None:
    assert parse_date("friday", FRI, prefer="future") == FRI + timedelta(days=7)
    assert parse_date("friday", FRI, prefer="past") == FRI - timedelta(days=7)


@pytest.mark.parametrize("prefer", ["past", "future"])
def test_next_and_last_weekday_ignore_prefer(prefer: Prefer) -> None:
    assert parse_date("next friday", WED, prefer=prefer) == date(2026, 11, 20)
    assert parse_date("last friday", WED, prefer=prefer) == date(2026, 11, 13)
    assert parse_date("next fri", FRI, prefer=prefer) == date(2026, 11, 27)
    assert parse_date("last fri", FRI, prefer=prefer) == date(2026, 11, 13)
    assert parse_date("Next  Monday", WED, prefer=prefer) == date(2026, 11, 23)


# --- relative offsets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 1 day", date(2026, 11, 19)),
        ("in 3 days", date(2026, 11, 21)),
        ("in a day", date(2026, 11, 19)),
        ("in 0 days", WED),
        ("in 2 weeks", date(2026, 12, 2)),
        ("in a week", date(2026, 11, 25)),
        ("in 1 month", date(2026, 12, 18)),
        ("in a month", date(2026, 12, 18)),
        ("in 3 months", date(2027, 2, 18)),
        ("in 2 years", date(2028, 11, 18)),
        ("3 days ago", date(2026, 11, 15)),
        ("1 day ago", date(2026, 11, 17)),
        ("a day ago", date(2026, 11, 17)),
        ("a week ago", date(2026, 11, 11)),
        ("2 weeks ago", date(2026, 11, 4)),
        ("1 month ago", date(2026, 10, 18)),
        ("11 months ago", date(2025, 12, 18)),
        ("a year ago", date(2025, 11, 18)),
        ("10 years ago", date(2016, 11, 18)),
        ("In 2 Weeks", date(2026, 12, 2)),
        ("  3   days   ago ", date(2026, 11, 15)),
        ("next week", date(2026, 11, 25)),
        ("last week", date(2026, 11, 11)),
        ("next month", date(2026, 12, 18)),
        ("last month", date(2026, 10, 18)),
        ("next year", date(2027, 11, 18)),
        ("last year", date(2025, 11, 18)),
    ],
)
def test_relative(text: str, expected: date) -> None:
    assert parse_date(text, WED) == expected
    assert parse_date(text, WED, prefer="future") == expected  # prefer is irrelevant here


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("in 1 month", date(2025, 1, 31), date(2025, 2, 28)),
        ("in 1 month", date(2024, 1, 31), date(2024, 2, 29)),
        ("next month", date(2026, 3, 31), date(2026, 4, 30)),
        ("1 month ago", date(2026, 3, 31), date(2026, 2, 28)),
        ("last month", date(2024, 3, 30), date(2024, 2, 29)),
        ("in 1 year", date(2024, 2, 29), date(2025, 2, 28)),
        ("a year ago", date(2024, 2, 29), date(2023, 2, 28)),
        ("in 4 years", date(2024, 2, 29), date(2028, 2, 29)),
        ("in 1 month", date(2026, 12, 15), date(2027, 1, 15)),
        ("1 month ago", date(2026, 1, 15), date(2025, 12, 15)),
        ("in 13 months", date(2026, 1, 31), date(2027, 2, 28)),
    ],
)
def test_month_end_clamping(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == expected


# --- day-month forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("12 march 2024", date(2024, 3, 12)),
        ("March 12 2024", date(2024, 3, 12)),
        ("March 12, 2024", date(2024, 3, 12)),
        ("mar 12 2024", date(2024, 3, 12)),
        ("1 Sept 2025", date(2025, 9, 1)),
        ("29 Feb 2024", date(2024, 2, 29)),
    ],
)
def test_day_month_with_year(text: str, expected: date) -> None:
    assert parse_date(text, WED) == expected
    assert parse_date(text, WED, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("12 March", date(2026, 3, 12), date(2027, 3, 12)),
        ("Mar 12", date(2026, 3, 12), date(2027, 3, 12)),
        ("25 December", date(2025, 12, 25), date(2026, 12, 25)),
        ("dec 25", date(2025, 12, 25), date(2026, 12, 25)),
        ("18 Nov", WED, WED),  # today counts as both past and future
        ("nov 17", date(2026, 11, 17), date(2027, 11, 17)),
        ("nov 19", date(2025, 11, 19), date(2026, 11, 19)),
        ("29 feb", date(2024, 2, 29), date(2028, 2, 29)),
    ],
)
def test_day_month_without_year(text: str, past: date, future: date) -> None:
    assert parse_date(text, WED, prefer="past") == past
    assert parse_date(text, WED, prefer="future") == future


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "fridy",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "0000-01-01",
        "30 Feb",
        "31 April 2024",
        "Feb 30",
        "32 March",
        "next",
        "next fortnight",
        "last fridy",
        "in days",
        "in -3 days",
        "3 days",
        "in 2 hours",
        "an hour ago",
        "12/03/2024",
        "20240312",
        "this friday",
        "in 99999 years",
        "100000000000 days ago",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(text, WED)


def test_error_message_names_text_and_examples() -> None:
    with pytest.raises(DateParseError) as info:
        parse_date("fridy", WED)
    message = str(info.value)
    assert "'fridy'" in message
    assert "YYYY-MM-DD" in message
    assert "'in 2 weeks'" in message
    assert info.value.text == "fridy"
    assert message.count("\n") == 0


def test_error_message_for_impossible_date() -> None:
    with pytest.raises(DateParseError, match=r"'2024-02-30'.*no such day"):
        parse_date("2024-02-30", WED)


def test_date_parse_error_is_value_error() -> None:
    with pytest.raises(ValueError):
        parse_date("nonsense", WED)


def test_bad_prefer_is_rejected() -> None:
    with pytest.raises(ValueError, match="prefer"):
        parse_date("friday", WED, prefer="sideways")  # type: ignore[arg-type]


# --- birthdays -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-03-14", (1990, 3, 14)),
        ("19900314", (1990, 3, 14)),
        ("--03-14", (None, 3, 14)),
        ("--0314", (None, 3, 14)),
        ("03-14", (None, 3, 14)),
        ("0314", (None, 3, 14)),
        ("14 March", (None, 3, 14)),
        ("March 14", (None, 3, 14)),
        ("14 Mar 1990", (1990, 3, 14)),
        ("March 14, 1990", (1990, 3, 14)),
        ("  14 MARCH  ", (None, 3, 14)),
        ("1604-03-14", (None, 3, 14)),
        ("14 March 1604", (None, 3, 14)),
        ("--02-29", (None, 2, 29)),
        ("29 Feb", (None, 2, 29)),
        ("2000-02-29", (2000, 2, 29)),
        ("1604-02-29", (None, 2, 29)),
    ],
)
def test_parse_birthday(text: str, expected: tuple[int | None, int, int]) -> None:
    assert parse_birthday(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "tomorrow", "1990-02-29", "--02-30", "--13-01", "13-45", "1990-3", "March", "31 Apr"],
)
def test_parse_birthday_rejects(text: str) -> None:
    with pytest.raises(DateParseError, match="birthday"):
        parse_birthday(text)


def test_parse_birthday_error_names_text() -> None:
    with pytest.raises(DateParseError, match=r"'--02-30'.*--MM-DD"):
        parse_birthday("--02-30")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1990, 3, 14), "1990-03-14"),
        ((None, 3, 14), "--03-14"),
        ((None, 12, 1), "--12-01"),
        ((987, 1, 2), "0987-01-02"),
    ],
)
def test_format_birthday(args: tuple[int | None, int, int], expected: str) -> None:
    assert format_birthday(*args) == expected


@pytest.mark.parametrize("text", ["1990-03-14", "--03-14", "--02-29", "2024-02-29"])
def test_birthday_round_trip(text: str) -> None:
    assert format_birthday(*parse_birthday(text)) == text


@pytest.mark.parametrize(
    ("month", "day", "today", "expected"),
    [
        (3, 14, WED, date(2027, 3, 14)),
        (12, 25, WED, date(2026, 12, 25)),
        (11, 18, WED, WED),  # birthday today counts
        (11, 17, WED, date(2027, 11, 17)),
        (2, 29, date(2026, 1, 1), date(2026, 2, 28)),
        (2, 29, date(2027, 3, 1), date(2028, 2, 29)),
        (2, 29, date(2024, 2, 29), date(2024, 2, 29)),
        (2, 29, date(2026, 2, 28), date(2026, 2, 28)),
        (2, 29, date(2026, 3, 1), date(2027, 2, 28)),
        (1, 1, date(2026, 12, 31), date(2027, 1, 1)),
    ],
)
def test_next_birthday(month: int, day: int, today: date, expected: date) -> None:
    assert next_birthday(month, day, today) == expected


# --- humanize_delta --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (-3, "3 days ago"),
        (5, "in 5 days"),
        (13, "in 13 days"),
        (-13, "13 days ago"),
        (14, "in 2 weeks"),
        (-14, "2 weeks ago"),
        (59, "in 8 weeks"),
        (60, "in 2 months"),
        (-95, "3 months ago"),
        (364, "in 12 months"),
        (729, "in 24 months"),
        (730, "in 2 years"),
        (-3650, "10 years ago"),
    ],
)
def test_humanize_delta(days: int, expected: str) -> None:
    assert humanize_delta(WED + timedelta(days=days), WED) == expected


# --- properties ------------------------------------------------------------------------------

any_date = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(d=any_date, today=any_date)
def test_iso_round_trip(d: date, today: date) -> None:
    assert parse_date(d.isoformat(), today) == d
    assert parse_date(f"  {d.isoformat().upper()} ", today, prefer="future") == d


@given(n=st.integers(min_value=0, max_value=2000), today=any_date)
def test_in_n_days(n: int, today: date) -> None:
    assert parse_date(f"in {n} days", today) == today + timedelta(days=n)
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)


@given(n=st.integers(min_value=0, max_value=300), today=any_date)
def test_month_arithmetic_clamps(n: int, today: date) -> None:
    later = parse_date(f"in {n} months", today)
    assert (later.year * 12 + later.month) - (today.year * 12 + today.month) == n
    assert later.day == today.day or (later.day < today.day and (later + timedelta(1)).day == 1)


@given(today=any_date, weekday=st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
def test_weekday_properties(today: date, weekday: str) -> None:
    past = parse_date(weekday, today, prefer="past")
    future = parse_date(weekday, today, prefer="future")
    assert 1 <= (today - past).days <= 7
    assert 1 <= (future - today).days <= 7
    assert past.weekday() == future.weekday()
    assert (future - past).days in (7, 14)


@given(d=any_date, today=any_date)
def test_day_month_without_year_properties(d: date, today: date) -> None:
    text = f"{d.day} {d.strftime('%B')}"
    past = parse_date(text, today, prefer="past")
    future = parse_date(text, today, prefer="future")
    assert past <= today <= future
    assert (past.month, past.day) == (future.month, future.day) == (d.month, d.day)
    assert (future - past).days <= 366 * 8


@given(
    month_day=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
    today=any_date,
)
def test_next_birthday_properties(month_day: date, today: date) -> None:
    nb = next_birthday(month_day.month, month_day.day, today)
    assert today <= nb < today + timedelta(days=366)
    assert nb.month == month_day.month
    assert nb.day == month_day.day or (month_day.day, nb.day) == (29, 28)


@given(year=st.one_of(st.none(), st.integers(1, 9999)), d=any_date)
def test_birthday_format_parse_round_trip(year: int | None, d: date) -> None:
    if year is not None:
        try:
            d = d.replace(year=year)
        except ValueError:
            d = d.replace(year=year, day=28)
    out = parse_birthday(format_birthday(year, d.month, d.day))
    assert out == (None if year == 1604 else year, d.month, d.day)


@given(d=any_date, today=any_date)
def test_humanize_direction(d: date, today: date) -> None:
    text = humanize_delta(d, today)
    if d > today + timedelta(days=1):
        assert text.startswith("in ")
    elif d < today - timedelta(days=1):
        assert text.endswith(" ago")
    else:
        assert text in ("today", "yesterday", "tomorrow")


# --- fuzzing: anything typed is a date or one DateParseError ----------------------------------

#: The words the parser knows, so the fuzzer builds near-misses as well as noise.
DATE_WORDS = st.sampled_from(
    [
        "in",
        "ago",
        "last",
        "next",
        "this",
        "today",
        "yesterday",
        "tomorrow",
        "days",
        "day",
        "weeks",
        "months",
        "years",
        "a",
        "an",
        "one",
        "two",
        "twelve",
        "friday",
        "fri",
        "mar",
        "march",
        "february",
        "29",
        "30",
        "31",
        "0",
        "-1",
        "2026",
        "9999",
        "10000",
        "1e9",
        "99999999999999999999",
        "-",
        "/",
        ".",
        "2026-02-30",
        "2024-02-29",
        "12/13/2026",
        "²",
    ]
)
TYPED = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(DATE_WORDS, st.text(max_size=4)), max_size=5).map(" ".join),
)


@settings(max_examples=500, deadline=None)
@given(text=TYPED, today=any_date, prefer=st.sampled_from(["past", "future"]))
def test_any_typed_date_is_a_date_or_a_clear_error(text: str, today: date, prefer: Prefer) -> None:
    try:
        got = parse_date(text, today, prefer=prefer)
    except DateParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(got, date)


@settings(max_examples=300, deadline=None)
@given(text=TYPED)
def test_any_typed_birthday_is_a_day_or_a_clear_error(text: str) -> None:
    try:
        year, month, day = parse_birthday(text)
    except DateParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    date(year or 2000, month, day)  # a day the calendar has (2000: 29 February too)
