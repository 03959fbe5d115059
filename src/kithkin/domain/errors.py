"""Errors a user can cause. Each carries one clear sentence for the user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class KithError(Exception):
    """A mistake the user can fix; shown as one line, never as a traceback."""

    exit_code = 1


class NotFound(KithError):
    """Nothing matches what the user named."""


class InvalidInput(KithError):
    """A value the user gave is not acceptable (bad date, energy out of range, ...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Candidate:
    """One person a name could mean."""

    id: int
    name: str
    hint: str = ""


class Ambiguous(KithError):
    """A name matches several people; the user has to choose."""

    exit_code = 2

    def __init__(self, query: str, candidates: Sequence[Candidate]) -> None:
        self.query = query
        self.candidates = list(candidates)
        listing = "; ".join(
            f"{i}. {c.name}{f' ({c.hint})' if c.hint else ''} [#{c.id}]"
            for i, c in enumerate(self.candidates, 1)
        )
        super().__init__(
            f"'{query}' could mean {len(self.candidates)} people: {listing}. "
            "Use more of the name or the #id."
        )
