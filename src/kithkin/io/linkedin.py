"""LinkedIn ``Connections.csv`` (Settings → Data privacy → Get a copy of your data).

The file starts with a ``Notes:`` preamble, then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On`` (older exports
lack ``URL``); the header is found by its columns, never by offset.

Each row becomes a :class:`Contact`:

* ``name`` "First Last" (either may be empty), ``given_name``/``family_name``;
* ``URL`` → channel ``("url", url, "linkedin")``; ``Email Address`` → ``("email", v, None)``;
* ``Company`` → ``org``, ``Position`` → ``title``;
* ``Connected On`` (``12 Mar 2024``, ``7-Feb-22``, ``2024-03-12``, ``Mar 12, 2024``) →
  ``met_on`` as ``YYYY-MM-DD``; ``met_how`` is always "Connected on LinkedIn";
* ``source_key``: the profile URL normalised by :func:`profile_key` (lower-case host,
  no query, fragment or trailing slash; https and lower-case path on linkedin.com),
  else ``linkedin:<name>|<connected on>|<company>`` (lower case, whitespace collapsed),
  so re-importing a later export finds the same people.
* Cells are read as one line each: runs of whitespace, newlines included, become one
  space.

Rows with every field blank are skipped silently. A row with no name, a ``Connected On``
that is not a date, or data past the last column is a :class:`Problem` and gives no
contact: the import service decides whether problems stop the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from kithkin.io.contact import Contact, Problem, ReadResult
from kithkin.io.csv_text import Row, Table, has_header, read_table

__all__ = ["looks_like_linkedin", "parse_connected_on", "profile_key", "read_linkedin"]

MET_HOW = "Connected on LinkedIn"
REQUIRED = ("First Name", "Last Name", "Connected On")
PROGRESS_EVERY = 500

_REQUIRED_NAMES = frozenset(c.lower() for c in REQUIRED)
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {name: i for i, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])}
_MONTHS["sept"] = 9
_DAY_MON_YEAR = re.compile(r"(\d{1,2})[ \-/.]([a-z]+)\.?[ \-/.,]+(\d{4}|\d{2})")
_MON_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _is_header(names: list[str]) -> bool:
    return _REQUIRED_NAMES.issubset(names)


def looks_like_linkedin(head: str) -> bool:
    """True when ``head`` (the first few KB of a file, decoded) has a header row with
    First Name, Last Name and Connected On."""
    return has_header(head, _is_header)


def parse_connected_on(text: str) -> str | None:
    """``12 Mar 2024`` / ``7-Feb-22`` / ``2024-03-12`` / ``Mar 12, 2024`` → ``YYYY-MM-DD``;
    None when it is not a real date. Two-digit years are 20xx (LinkedIn began in 2003)."""
    norm = " ".join(text.lower().split())
    try:
        if m := _DAY_MON_YEAR.fullmatch(norm):
            day, month, year = int(m[1]), _MONTHS.get(m[2]), int(m[3])
        elif m := _MON_DAY_YEAR.fullmatch(norm):
            month, day, year = _MONTHS.get(m[1]), int(m[2]), int(m[3])
        elif m := _ISO.fullmatch(norm):
            year, month, day = int(m[1]), int(m[2]), int(m[3])
        else:
            return None
        if month is None:
            return None
        if year < 100:
            year += 2000
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def profile_key(url: str) -> str:
    """A profile URL in one stable spelling: lower-case host, no query, fragment or
    trailing slash; on linkedin.com (which ignores case) also https and a lower-case path:
    ``http://WWW.LinkedIn.com/in/Ana/?trk=x`` → ``https://www.linkedin.com/in/ana``."""
    parts = urlsplit(url.strip())
    if not parts.netloc:  # "www.linkedin.com/in/ana" without a scheme
        parts = urlsplit("https://" + url.strip())
    host, path = parts.netloc.lower(), parts.path.rstrip("/")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        return urlunsplit(("https", host, path.lower(), "", ""))  # LinkedIn ignores case
    return urlunsplit((parts.scheme.lower() or "https", host, path, "", ""))


def _fallback_key(name: str, met_on: str, company: str) -> str:
    return "linkedin:" + "|".join(" ".join(v.split()).lower() for v in (name, met_on, company))


class _Columns:
    def __init__(self, table: Table) -> None:
        self.first = table.column("First Name")
        self.last = table.column("Last Name")
        self.url = table.column("URL")
        self.email = table.column("Email Address")
        self.company = table.column("Company")
        self.position = table.column("Position")
        self.connected = table.column("Connected On")


def _cell(cells: list[str], i: int | None) -> str:
    if i is None or i >= len(cells):
        return ""
    return " ".join(cells[i].split())  # every LinkedIn field is one line


def _read_row(table: Table, cols: _Columns, row: Row) -> Contact | str:
    """The contact in ``row``, or the reason it cannot be read."""
    extra = table.extra_fields(row)
    if extra:
        return f"the row has {len(row.cells)} fields but the header has {table.width}"
    c = row.cells
    first, last = _cell(c, cols.first), _cell(c, cols.last)
    name = " ".join(p for p in (first, last) if p)
    if not name:
        return "no name (First Name and Last Name are empty)"
    connected = _cell(c, cols.connected)
    met_on = None
    if connected:
        met_on = parse_connected_on(connected)
        if met_on is None:
            return f"cannot read the Connected On date {connected!r}"
    url, email = _cell(c, cols.url), _cell(c, cols.email)
    company = _cell(c, cols.company)
    channels: list[tuple[str, str, str | None]] = []
    if url:
        channels.append(("url", url, "linkedin"))
    if email:
        channels.append(("email", email, None))
    return Contact(
        line=row.line,
        name=name,
        source_key=profile_key(url) if url else _fallback_key(name, met_on or "", company),
        given_name=first or None,
        family_name=last or None,
        channels=channels,
        org=company or None,
        title=_cell(c, cols.position) or None,
        met_how=MET_HOW,
        met_on=met_on,
    )


def read_linkedin(path: Path, progress: Callable[[int, int], None] | None = None) -> ReadResult:
    """Read a LinkedIn ``Connections.csv`` into contacts and per-row problems.

    ``progress(done, total)`` is called every 500 rows and once at the end. Raises
    KithError (one line, naming the file) when the file cannot be read as a whole:
    empty, binary, not UTF-8/UTF-16, or no LinkedIn header.
    """
    table = read_table(
        path,
        _is_header,
        missing=f"no LinkedIn header found (expected columns {', '.join(REQUIRED)})",
    )
    cols = _Columns(table)
    result = ReadResult()
    total = len(table.rows)
    for done, row in enumerate(table.rows, 1):
        got = _read_row(table, cols, row)
        if isinstance(got, Contact):
            result.contacts.append(got)
        else:
            result.problems.append(Problem(table.file, row.line, got))
        if progress is not None and done % PROGRESS_EVERY == 0 and done != total:
            progress(done, total)
    if progress is not None:
        progress(total, total)
    return result
