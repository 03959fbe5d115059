"""Keep-in-touch cadence: when a check-in is due."""

from __future__ import annotations

from datetime import date, timedelta

#: Default cadence (days) by the pancake test when the user set none. "no" sets none:
#: nobody is pushed toward people they would not invite to a messy Sunday breakfast.
PANCAKE_CADENCE: dict[str, int] = {"yes": 30, "unsure": 90}


def cadence_days(chosen: int | None, pancake: str | None) -> int | None:
    """The cadence in days: the user's own, else the pancake test's default, else none.

    The default does not come from the moments on purpose: a cadence that shortened
    as moments were logged could make a person more overdue after you saw them.
    """
    if chosen:
        return chosen
    return PANCAKE_CADENCE.get(pancake or "")


def due_on(last_contact: date | None, cadence: int | None) -> date | None:
    """due = last contact (any moment or reply, group moments too) + cadence.

    With no contact logged at all the check-in is due since ever (``date.min``): a rhythm
    was chosen and nothing has happened yet. None when there is no cadence.
    """
    if cadence is None:
        return None
    if last_contact is None:
        return date.min
    return last_contact + timedelta(days=cadence)


def overdue_days(due: date | None, today: date) -> int:
    """Days past due (0 when not due yet or no cadence)."""
    if due is None:
        return 0
    return max(0, (today - due).days)
