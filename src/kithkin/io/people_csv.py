"""People as a CSV file for spreadsheets (Excel, LibreOffice, Numbers, Google Sheets).

One row per person, one column per field (:data:`COLUMNS`). Choices:

* UTF-8 with a byte order mark, so Excel reads accents and scripts right when the file
  is opened with a double click; rows end in CRLF (the csv module's excel dialect).
* A field with several values (e-mails, phones, tags, interests...) holds them one per
  line inside the quoted cell: Excel and LibreOffice show them as lines of one cell,
  and no separator (``;``, ``,``) can clash with the values themselves. Handles carry
  their platform (``mastodon: @maya@hachyderm.io``), interests their note
  (``climbing: bouldering in Sintra``); e-mails, phones, links and addresses are the
  bare values, ready to copy. Labels are otherwise left out: the JSON export is the
  lossless one.
* ``introduced_by`` is the introducer's name, not their uid.
* Formula injection: a cell starting with ``= + - @``, a tab or a carriage return
  (or the full-width ``＝ ＋ － ＠`` some Excel locales also take for a formula) gets a
  leading apostrophe, as OWASP recommends. Spreadsheets take the apostrophe as "this
  is text": a phone such as ``+351 912 345 678`` then shows as written instead of being
  evaluated (Excel would make it an error or a number in exponent form), and so does a
  birthday without a year, ``--03-14``. A program reading the CSV sees the apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

COLUMNS = (
    "uid",
    "name",
    "given_name",
    "family_name",
    "nickname",
    "pronouns",
    "emails",
    "phones",
    "urls",
    "handles",
    "addresses",
    "birthday",
    "org",
    "title",
    "location",
    "timezone",
    "tags",
    "interests",
    "met_how",
    "met_where",
    "met_on",
    "introduced_by",
    "cadence_days",
    "pancake",
    "status",
    "notes",
)
BOM = "\ufeff"
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = frozenset("=+-@\t\r＝＋－＠")
_CHANNEL_COLUMNS = {
    "email": "emails",
    "phone": "phones",
    "url": "urls",
    "handle": "handles",
    "address": "addresses",
}


def guard(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet (a leading apostrophe when it would
    start a formula)."""
    return "'" + cell if cell and cell[0] in FORMULA_START else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return guard(str(value))


def _row(person: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    multi: dict[str, list[str]] = {c: [] for c in _CHANNEL_COLUMNS.values()}
    for ch in person.get("channels") or ():
        column = _CHANNEL_COLUMNS.get(ch.get("kind"))
        value = ch.get("value")
        if column is None or not value:
            continue
        if column == "handles" and ch.get("label"):
            value = f"{ch['label']}: {value}"
        multi[column].append(str(value))
    interests = [
        f"{i['phrase']}: {i['note']}" if i.get("note") else str(i["phrase"])
        for i in person.get("interests") or ()
    ]
    intro = person.get("introduced_by")
    fields: dict[str, Any] = {
        **{c: "\n".join(v) for c, v in multi.items()},
        "tags": "\n".join(str(t) for t in person.get("tags") or ()),
        "interests": "\n".join(interests),
        "introduced_by": names.get(intro, intro) if intro else None,
    }
    return [_cell(fields[c] if c in fields else person.get(c)) for c in COLUMNS]


def people_csv(people: Iterable[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> str:
    """The CSV text, starting with a BOM, header row first. ``names`` (uid -> name)
    resolves ``introduced_by``; the people themselves are always known, so only an
    introducer outside ``people`` needs it (else their uid is written)."""
    people = list(people)
    known = {str(p["uid"]): str(p.get("name") or "") for p in people if p.get("uid")}
    if names:
        known = {**names, **known}
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, dialect="excel")
    writer.writerow(COLUMNS)
    writer.writerows(_row(p, known) for p in people)
    return out.getvalue()
