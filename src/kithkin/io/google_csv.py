"""Google Contacts CSV ("Export → Google CSV"), current and legacy layouts.

Current header: ``First Name,Middle Name,Last Name,Phonetic …,Name Prefix,Name Suffix,
Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,
Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,…`` with numbered groups as far as
the data needs. Legacy header: ``Name,Given Name,Additional Name,Family Name,Yomi Name,
…,Group Membership,E-mail 1 - Type,E-mail 1 - Value,…`` (often UTF-16; ``- Type`` where
the current layout says ``- Label``; ``Organization 1 - Name`` instead of
``Organization Name``). Both are read by the same mapping; a value cell may hold several
values joined by `` ::: ``.

Mapping and the choices made where the source leaves room:

* ``name``: Prefix First Middle Last Suffix (as Google's own vCard FN), or the legacy
  ``Name``; else File As, Nickname, the organisation, the first e-mail. No name at all
  is a :class:`Problem`. ``given_name``/``family_name`` from First/Last (Given/Family).
* channels, in this order: e-mails, phones, addresses, websites, IM handles. Labels are
  lower-cased, lose Google's ``* `` (which only marks the primary value), and "other"
  or empty becomes None. An address is ``Formatted`` on one line (its lines joined with
  ", "), else Street, Extended Address, PO Box, City, Region, Postal Code, Country joined.
* ``org``/``title`` from the (first) organisation. Department and every other column
  this reader does not map (Gender, Hobby, Location, Sensitivity, …) go into ``notes`` as
  ``Column: value`` lines, so nothing the user typed is lost.
* ``birthday`` as ``YYYY-MM-DD`` or ``--MM-DD``. A birthday that cannot be read is kept
  in ``notes`` as ``Birthday: <text>`` and is *not* a Problem: it is the user's typing,
  and dropping the whole contact over it would lose more than it protects.
* ``tags`` from Labels / Group Membership, lower case. System groups start with ``* ``
  (legacy: ``System Group: ``): "my contacts" is dropped (every contact is in it); the
  others (starred, friends, family, coworkers) are kept without the prefix, as they
  carry the user's intent.
* ``related`` from Relation N: ``(label, name)``, label lower case ("related" when
  empty). A label meaning "introduced by" (introduced by, introducer, referred by) sets
  ``introduced_by`` instead.
* ``dates`` from Event N: ``(label, YYYY-MM-DD | --MM-DD)``, label lower case ("other"
  when empty); an unreadable event date goes into notes as ``Label: text``.
* Custom Field N → notes as ``Label: value`` lines.
* Photo: never fetched; kept as the property ``PHOTO;VALUE=uri:<url>``. Phonetic (Yomi)
  names are kept as ``X-PHONETIC-FIRST-NAME`` / ``-MIDDLE-NAME`` / ``-LAST-NAME``
  properties, as Google's own vCard export writes them.
* ``notes``: the Notes column (newlines kept), then a blank line, then the extra lines.
* ``source_key``: Google CSV has no id, so ``google:<name>|<first e-mail or phone>``
  (name lower case, whitespace collapsed; e-mail lower case; phone digits and ``+``);
  None for a contact with neither (the importer keys it by its whole content).

Rows with every field blank are skipped silently; data past the last column is a
Problem. Anything that stops the whole file is one KithError naming it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from kithkin.domain.dates import DateParseError, format_birthday, parse_birthday
from kithkin.io.contact import Contact, Problem, ReadResult
from kithkin.io.csv_text import Row, Table, has_header, read_table, split_multi

__all__ = ["looks_like_google", "read_google"]

PROGRESS_EVERY = 500
CURRENT = ("First Name", "Middle Name", "Last Name", "E-mail 1 - Value")
LEGACY = ("Name", "Given Name", "Additional Name", "Family Name", "Group Membership")

_GROUP = re.compile(r"(.+?) (\d+) - (.+)")
_GROUP_ORDER = ("e-mail", "phone", "address", "website", "im")
_KIND = {"e-mail": "email", "phone": "phone", "address": "address", "website": "url"}
_ADDRESS_PARTS = (
    "street", "extended address", "po box", "city", "region", "postal code", "country",
)  # fmt: skip
_INTRODUCED = frozenset({"introduced by", "introducer", "introduced-by", "referred by"})
_NO_LABEL = frozenset({"", "other"})
_PHONETIC = {
    "phonetic first name": "X-PHONETIC-FIRST-NAME",
    "phonetic middle name": "X-PHONETIC-MIDDLE-NAME",
    "phonetic last name": "X-PHONETIC-LAST-NAME",
    "given name yomi": "X-PHONETIC-FIRST-NAME",
    "additional name yomi": "X-PHONETIC-MIDDLE-NAME",
    "family name yomi": "X-PHONETIC-LAST-NAME",
}
_SYSTEM_PREFIXES = ("* ", "system group: ")
_DROPPED_GROUPS = frozenset({"mycontacts", "my contacts"})


def _is_current(names: list[str]) -> bool:
    have = set(names)
    if not {"first name", "middle name", "last name"} <= have or "connected on" in have:
        return False
    return "file as" in have or "labels" in have or any(_GROUP.fullmatch(n) for n in names)


def _is_legacy(names: list[str]) -> bool:
    have = set(names)
    return {"name", "given name", "family name"} <= have and bool(
        {"additional name", "group membership"} & have
    )


def _is_header(names: list[str]) -> bool:
    return _is_current(names) or _is_legacy(names)


def looks_like_google(head: str) -> bool:
    """True when ``head`` (the first few KB of a file, decoded) has a Google Contacts
    header, current (``First Name,Middle Name,Last Name,…``) or legacy
    (``Name,Given Name,Additional Name,Family Name,…``)."""
    return has_header(head, _is_header)


def _label(text: str) -> str:
    """A Google label in Kithkin's spelling: lower case, no ``* ``, whitespace collapsed."""
    return " ".join(text.removeprefix("* ").split()).lower()


def _channel_label(text: str) -> str | None:
    label = _label(text)
    return None if label in _NO_LABEL else label


def _tag(entry: str) -> str | None:
    low = " ".join(entry.split()).lower()
    for prefix in _SYSTEM_PREFIXES:
        if low.startswith(prefix):
            low = low[len(prefix) :].strip()
            return None if low in _DROPPED_GROUPS else low or None
    return low or None


def _date(text: str) -> str | None:
    try:
        return format_birthday(*parse_birthday(text))
    except DateParseError:
        return None


def _phone_key(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit() or ch == "+")


class _Layout:
    """Where everything is in this file's header, worked out once."""

    def __init__(self, table: Table) -> None:
        self.names = table.names
        self.display = dict(zip(table.names, table.header, strict=True))
        # kind -> number -> part -> column name ("value", "label"/"type", "formatted", …)
        groups: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)
        for name in table.names:
            if m := _GROUP.fullmatch(name):
                groups[m[1]].setdefault(int(m[2]), {})[m[3]] = name
        self.groups = {k: [v[n] for n in sorted(v)] for k, v in groups.items()}


class _Row:
    """One row's non-empty cells by column name; mapping pops what it uses."""

    def __init__(self, layout: _Layout, row: Row) -> None:
        self.cells = {
            n: v.strip()
            for n, v in zip(layout.names, row.cells, strict=False)
            if v and not v.isspace()
        }
        self.extra: list[str] = []
        self.layout = layout

    def take(self, name: str | None) -> str:
        """The cell in column ``name`` ("" when empty or absent), marked as used."""
        return self.cells.pop(name, "") if name is not None else ""

    def note(self, label: str, value: str) -> None:
        self.extra.append(f"{label}: {' '.join(value.split())}")

    def leftovers(self) -> None:
        for name, value in self.cells.items():
            self.note(self.layout.display[name] or "Unnamed column", value)
        self.cells.clear()


def _pairs(row: _Row, parts: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) for each value of a group; labels pair up when split alike."""
    label = row.take(parts.get("label")) or row.take(parts.get("type"))
    values = split_multi(row.take(parts.get("value")))
    if not values:  # a label alone says nothing
        return []
    labels = split_multi(label)
    if len(labels) != len(values):
        labels = [label] * len(values)
    return list(zip(labels, values, strict=True))


def _address(row: _Row, parts: dict[str, str]) -> tuple[str, list[str]]:
    label = row.take(parts.get("label")) or row.take(parts.get("type"))
    formatted = row.take(parts.get("formatted"))
    pieces = [" ".join(row.take(parts.get(p)).split()) for p in _ADDRESS_PARTS]
    if formatted:
        return label, [_one_line(v) for v in split_multi(formatted)]
    joined = ", ".join(p for p in pieces if p)
    return label, [joined] if joined else []


def _one_line(address: str) -> str:
    return ", ".join(" ".join(ln.split()) for ln in address.splitlines() if ln.strip())


def _channels(row: _Row, layout: _Layout, contact: Contact) -> None:
    for kind in _GROUP_ORDER:
        for parts in layout.groups.get(kind, []):
            if kind == "address":
                label, values = _address(row, parts)
                contact.channels += [("address", v, _channel_label(label)) for v in values]
                continue
            if kind == "im":
                service = _label(row.take(parts.get("service")))
                for label, value in _pairs(row, parts):
                    contact.channels.append(("handle", value, service or _channel_label(label)))
                continue
            for label, value in _pairs(row, parts):
                contact.channels.append((_KIND[kind], value, _channel_label(label)))


def _organisation(row: _Row, layout: _Layout, contact: Contact) -> None:
    orgs = split_multi(row.take("organization name"))
    titles = split_multi(row.take("organization title"))
    for parts in layout.groups.get("organization", []):  # legacy Organization N - …
        orgs += split_multi(row.take(parts.get("name")))
        titles += split_multi(row.take(parts.get("title")))
        if kind := _channel_label(row.take(parts.get("type"))):  # "Other" says nothing
            row.note("Organization type", kind)
    contact.org = orgs[0] if orgs else None
    contact.title = titles[0] if titles else None
    for org in orgs[1:]:
        row.note("Organization", org)
    for title in titles[1:]:
        row.note("Title", title)


def _relations_events_custom(row: _Row, layout: _Layout, contact: Contact) -> None:
    for parts in layout.groups.get("relation", []):
        for label, value in _pairs(row, parts):
            kind = _label(label)
            if kind in _INTRODUCED and contact.introduced_by is None:
                contact.introduced_by = value
            else:
                contact.related.append((kind or "related", value))
    for parts in layout.groups.get("event", []):
        for label, value in _pairs(row, parts):
            when = _date(value)
            if when is None:
                row.note(label.removeprefix("* ") or "Event", value)
            else:
                contact.dates.append((_label(label) or "other", when))
    for parts in layout.groups.get("custom field", []):
        for label, value in _pairs(row, parts):
            row.note(label.removeprefix("* ") or "Custom field", value)


def _name(row: _Row, contact: Contact) -> str:
    first = row.take("first name") or row.take("given name")
    middle = row.take("middle name") or row.take("additional name")
    last = row.take("last name") or row.take("family name")
    prefix, suffix = row.take("name prefix"), row.take("name suffix")
    legacy = row.take("name")
    contact.given_name, contact.family_name = first or None, last or None
    contact.nickname = row.take("nickname") or None
    file_as = row.take("file as")
    parts = " ".join(p for p in (prefix, first, middle, last, suffix) if p)
    first_email = next((v for k, v, _ in contact.channels if k == "email"), "")
    first_phone = next((v for k, v, _ in contact.channels if k == "phone"), "")
    return " ".join(
        (legacy or parts or file_as or contact.nickname or contact.org or first_email).split()
    ) or " ".join(first_phone.split())


def _read_row(table: Table, layout: _Layout, raw: Row) -> Contact | str | None:
    extra = table.extra_fields(raw)
    if extra:
        return f"the row has {len(raw.cells)} fields but the header has {table.width}"
    row = _Row(layout, raw)
    contact = Contact(line=raw.line, name="")
    _channels(row, layout, contact)
    _organisation(row, layout, contact)
    contact.name = _name(row, contact)
    if not contact.name:
        if not row.take("notes").strip():
            return None  # nothing but defaults (e.g. Sensitivity "Normal"): an empty row
        return "no name (name, File As, Nickname, organisation, e-mail and phone are all empty)"

    if birthday := row.take("birthday"):
        contact.birthday = _date(birthday)
        if contact.birthday is None:
            row.note("Birthday", birthday)
    notes = row.take("notes").replace("\r\n", "\n").replace("\r", "\n").strip()
    for name in ("labels", "group membership"):
        for entry in split_multi(row.take(name)):
            if (tag := _tag(entry)) and tag not in contact.tags:
                contact.tags.append(tag)
    _relations_events_custom(row, layout, contact)
    for column, prop in _PHONETIC.items():
        if value := row.take(column):
            contact.properties.append(f"{prop}:{value}")
    if photo := row.take("photo"):
        contact.properties.append(f"PHOTO;VALUE=uri:{photo}")
    row.leftovers()
    contact.notes = "\n\n".join(p for p in (notes, "\n".join(row.extra)) if p) or None
    contact.source_key = _source_key(contact)
    return contact


def _source_key(contact: Contact) -> str | None:
    """``google:<name>|<first e-mail or phone>``; None when the contact has neither (the
    importer then keys it by everything it says: two John Smiths never share a key)."""
    name = " ".join(contact.name.split()).lower()
    for kind in ("email", "phone"):
        value = next((v for k, v, _ in contact.channels if k == kind), None)
        if value:
            first = value.lower() if kind == "email" else _phone_key(value)
            return f"google:{name}|{first}"
    return None


def read_google(path: Path, progress: Callable[[int, int], None] | None = None) -> ReadResult:
    """Read a Google Contacts CSV (current or legacy layout) into contacts and problems.

    ``progress(done, total)`` is called every 500 rows and once at the end. Raises
    KithError (one line, naming the file) when the file cannot be read as a whole:
    empty, binary, not UTF-8/UTF-16, or no Google header.
    """
    table = read_table(
        path,
        _is_header,
        missing=(
            "no Google header found (expected columns "
            f"{', '.join(CURRENT)} …, or legacy {', '.join(LEGACY[:4])} …)"
        ),
    )
    layout = _Layout(table)
    result = ReadResult()
    total = len(table.rows)
    for done, raw in enumerate(table.rows, 1):
        got = _read_row(table, layout, raw)
        if isinstance(got, Contact):
            result.contacts.append(got)
        elif got is not None:
            result.problems.append(Problem(table.file, raw.line, got))
        if progress is not None and done % PROGRESS_EVERY == 0 and done != total:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    return result
