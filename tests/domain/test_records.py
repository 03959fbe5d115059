from datetime import date

import pytest

from kithkin.domain import records
from kithkin.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("raw", "value"), [("+2", 2), ("-2", -2), ("0", 0), ("fuelled", 2), ("drained", -2), (1, 1)]
)
def test_energy_accepts_numbers_and_words(raw: str | int, value: int) -> None:
    assert records.energy(raw) == value


@pytest.mark.parametrize("raw", ["3", "-3", "loud", "", 5])
def test_energy_out_of_range_names_the_field(raw: str | int) -> None:
    with pytest.raises(InvalidInput, match=r"^energy: "):
        records.energy(raw)


@pytest.mark.parametrize(
    ("raw", "days"), [("14", 14), ("3w", 21), ("2m", 60), ("1y", 365), ("monthly", 30)]
)
def test_cadence(raw: str, days: int) -> None:
    assert records.cadence_days(raw) == days


@pytest.mark.parametrize("raw", ["0", "-3", "soon", "3x"])
def test_bad_cadence(raw: str) -> None:
    with pytest.raises(InvalidInput, match="cadence"):
        records.cadence_days(raw)


def test_interest_with_note() -> None:
    assert records.interest("Watercolour  Painting: paints her own banners") == (
        "watercolour painting",
        "paints her own banners",
    )
    assert records.interest("jazz") == ("jazz", None)


def test_channels_are_checked() -> None:
    assert records.channel("email", " maya@example.org ") == ("email", "maya@example.org")
    assert records.channel("url", "example.org/maya") == ("url", "https://example.org/maya")
    with pytest.raises(InvalidInput, match="email"):
        records.channel("email", "maya-at-example")
    with pytest.raises(InvalidInput, match="phone"):
        records.channel("phone", "call me")


def test_moment_kind_spellings() -> None:
    assert records.moment_kind("Voice note") == "voice-note"
    assert records.moment_kind("coworking") == "co-working"
    with pytest.raises(InvalidInput, match="kind"):
        records.moment_kind("telepathy")


def test_snooze_lapses_on_its_date() -> None:
    d = date(2026, 11, 21)
    assert records.effective_status("snoozed", date(2026, 11, 22), d) == "snoozed"
    assert records.effective_status("snoozed", date(2026, 11, 21), d) == "active"
    assert records.effective_status("released", None, d) == "released"
