"""Reading the user's raw text into checked values, shared by every service."""

from __future__ import annotations

from datetime import date
from typing import Literal

from kithkin.domain.dates import DateParseError, parse_date
from kithkin.domain.errors import InvalidInput


def read_date(
    field_name: str, text: str, today: date, prefer: Literal["past", "future"] = "past"
) -> date:
    """A date from ISO or natural words, or InvalidInput naming the field."""
    try:
        return parse_date(text, today, prefer=prefer)
    except DateParseError as exc:
        raise InvalidInput(field_name, str(exc)) from None


def read_past_date(field_name: str, text: str | None, today: date) -> date:
    """When something happened: today when not given, never in the future."""
    if not text:
        return today
    day = read_date(field_name, text, today)
    if day > today:
        raise InvalidInput(
            field_name, f"{day.isoformat()} is in the future; record what has happened"
        )
    return day
