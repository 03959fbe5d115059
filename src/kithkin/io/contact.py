"""What every importer produces: one :class:`Contact` per card or row, plain data.

Readers (vCard, LinkedIn CSV, Google CSV) turn a file into a :class:`ReadResult`:
the contacts they could read and a :class:`Problem` for each card or row they could
not (with the line it starts on). They never touch the database; the import service
decides what becomes a new person, what merges into one already known, and whether a
problem stops the whole file.

Field conventions (the same as a person in Kithkin's own JSON format):

* dates are text: ``1990-03-14``, or ``--03-14`` when the year is unknown;
* ``channels`` are ``(kind, value, label)`` with kind one of email, phone, url,
  handle, address (``label`` like "work", "home", "mobile", or None);
* ``related`` are ``(kind, name)``, kind like "spouse", "friend", "colleague"
  (lower case, or "related" when the source gives none); ``name`` may be a
  ``urn:uuid:`` reference to another card's UID;
* ``properties`` are unknown properties kept verbatim as unfolded content lines
  (``X-FOO;TYPE=bar:value``), written back on vCard export;
* ``kith`` holds Kithkin's own fields that travelled as ``X-KITHKIN-*`` properties,
  with the JSON format's keys (``interests`` as ``[{"phrase", "note"}]``,
  ``cadence_days`` as int, ``pancake``, ``met_how``, ``met_where``, ``met_on``,
  ``pronouns``, ``location``, ``timezone``, ``generation``, ``field``, ``status``,
  ``snoozed_until``, ``released_on``, ``release_note``, ``uid``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Formats the import service knows.
FORMATS = ("vcard", "linkedin", "google", "json")


@dataclass
class Contact:
    """One person as a source file describes them."""

    line: int
    name: str
    source_key: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    nickname: str | None = None
    channels: list[tuple[str, str, str | None]] = field(default_factory=list)
    birthday: str | None = None
    dates: list[tuple[str, str]] = field(default_factory=list)
    org: str | None = None
    title: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)
    introduced_by: str | None = None
    met_how: str | None = None
    met_on: str | None = None
    photo: str | None = None
    properties: list[str] = field(default_factory=list)
    kith: dict[str, Any] = field(default_factory=dict)
    #: The file the contact came from when a folder holds many (a vdir); else "".
    file: str = field(default="", compare=False)


@dataclass(frozen=True)
class Problem:
    """A card or row that could not be read: where it starts, and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ReadResult:
    """Everything one file gave: the readable contacts and the problems."""

    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
