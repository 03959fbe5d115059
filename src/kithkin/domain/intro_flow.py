"""The double opt-in introduction: ask each side first, introduce only when both agree.

proposed → (a agrees, b agrees) → agreed → made → closed with an outcome;
declined from any state before made.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kithkin.domain.errors import InvalidInput

ACTIONS = ("agree", "decline", "made", "outcome")


def transition(
    intro: dict[str, Any],
    action: str,
    today: date,
    *,
    side: str | None = None,
    outcome: str | None = None,
) -> dict[str, Any]:
    """The column changes an action makes to an introduction, or InvalidInput why not."""
    status = intro["status"]
    a, b = intro["a_name"], intro["b_name"]
    if status in ("declined", "closed"):
        raise InvalidInput("intro", f"this introduction is already {status}")
    if action == "agree":
        if status != "proposed":
            raise InvalidInput("intro", f"both sides have agreed already (status: {status})")
        if side not in ("a", "b"):
            raise InvalidInput("intro", f"say who agreed: {a} or {b}")
        changes: dict[str, Any] = {f"{side}_agreed_on": today}
        other = intro["b_agreed_on"] if side == "a" else intro["a_agreed_on"]
        if other is not None:
            changes["status"] = "agreed"
        return changes
    if action == "decline":
        if status == "made":
            raise InvalidInput("intro", "the introduction is made already; record an outcome")
        return {"status": "declined", "closed_on": today, "outcome": outcome}
    if action == "made":
        if status != "agreed":
            waiting = [
                n for n, d in ((a, intro["a_agreed_on"]), (b, intro["b_agreed_on"])) if d is None
            ]
            raise InvalidInput(
                "intro", f"double opt-in first: {' and '.join(waiting)} not agreed yet"
            )
        return {"status": "made", "made_on": today}
    if action == "outcome":
        if status != "made":
            raise InvalidInput("intro", "an outcome comes after the introduction is made")
        if not outcome:
            raise InvalidInput("outcome", "say what came of it")
        return {"status": "closed", "closed_on": today, "outcome": outcome}
    raise InvalidInput("intro", f"'{action}' is not one of {', '.join(ACTIONS)}")
