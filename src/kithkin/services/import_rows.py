"""From a :class:`~kithkin.io.contact.Contact` to the values Kithkin stores.

Everything a contact says is checked here, before any write: a value the schema cannot
hold (a name of 400 characters, a cadence of -3 days) makes the contact a problem, with
its line, instead of failing half-way through an import. Lenient where real files are
messy: a phone number with an extension or an e-mail address in an odd shape is kept as
written, because losing it would be worse.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from kithkin.domain import records
from kithkin.domain.data_uri import split_photo
from kithkin.domain.dates import DateParseError, parse_birthday
from kithkin.domain.errors import InvalidInput
from kithkin.domain.names import person_key
from kithkin.io.contact import Contact

_HEX32 = re.compile(r"[0-9a-f]{32}")
#: Kithkin fields (from X-KITHKIN-* properties) stored as plain text columns.
_KITH_TEXT = ("pronouns", "met_where", "location", "generation", "field", "release_note")
_KITH_DATES = ("snoozed_until", "released_on")


@dataclass
class Row:
    """One contact, ready to write: person columns and everything hanging off them."""

    line: int
    uid: str | None
    source_key: str
    columns: dict[str, Any]
    channels: list[tuple[str, str, str | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    interests: list[tuple[str, str | None]] = field(default_factory=list)
    dates: list[tuple[str, int | None, int, int]] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)
    introduced_by: str | None = None
    photo: tuple[str, bytes] | None = None
    properties: list[str] = field(default_factory=list)


def _text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    return records.text_field(name, str(value))


def _day(name: str, value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(name.replace("_", " "), f"{value!r} is not a date") from None


def _channel(kind: str, value: str, label: str | None) -> tuple[str, str, str | None] | None:
    v = " ".join(value.split()) if kind != "address" else value.strip()
    if not v:
        return None
    try:
        kind, v = records.channel(kind, v)
    except InvalidInput:
        if kind not in records.CHANNEL_KINDS:
            raise
        if len(v) > 500:
            raise InvalidInput(kind, "is longer than 500 characters") from None
    lab = " ".join((label or "").split())[:60] or None
    return kind, v, lab


def source_key(c: Contact) -> str:
    """The contact's stable id in its source; when the source gives none, a digest of
    everything the card says (the same card imported twice is found again, and two
    different cards, even of two John Smiths, never share one)."""
    if c.source_key:
        return c.source_key[:500]
    content = {f.name: getattr(c, f.name) for f in fields(c) if f.name not in ("line", "file")}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return f"sha1:{hashlib.sha1(text.encode()).hexdigest()}"


def to_row(c: Contact) -> Row:
    """Check and convert one contact; InvalidInput naming the field when it cannot be."""
    cols: dict[str, Any] = {"display_name": records.name(c.name)}
    for key in ("given_name", "family_name", "nickname", "org", "title", "notes"):
        cols[key] = _text(key, getattr(c, key))
    k = c.kith
    cols["met_how"] = _text("met_how", k.get("met_how") or c.met_how)
    cols["met_on"] = _day("met_on", k.get("met_on") or c.met_on)
    for key in _KITH_TEXT:
        cols[key] = _text(key, k.get(key))
    for key in _KITH_DATES:
        cols[key] = _day(key, k.get(key))
    if k.get("timezone"):
        cols["timezone"] = _timezone(str(k["timezone"]).strip())
    if k.get("cadence_days") is not None:
        cols["cadence_days"] = records.cadence_days(k["cadence_days"])
    if k.get("pancake"):
        cols["pancake"] = records.choice("pancake", str(k["pancake"]), records.PANCAKE)
    status = k.get("status")
    cols["status"] = records.choice("status", str(status), records.STATUSES) if status else None
    if c.birthday:
        try:
            y, m, d = parse_birthday(c.birthday)
        except DateParseError as exc:
            raise InvalidInput("birthday", str(exc)) from None
        cols.update(birthday_year=y, birthday_month=m, birthday_day=d)
    # No guessing given and family names from the display name: the file says what it
    # knows (drafts fall back to the first word of the name).
    cols["search_name"] = person_key(
        cols["display_name"], cols.get("nickname"), cols.get("given_name"), cols.get("family_name")
    )
    row = Row(line=c.line, uid=_uid(k.get("uid")), source_key=source_key(c), columns=cols)
    seen: set[tuple[str, str]] = set()
    for kind, value, label in c.channels:
        ch = _channel(kind, value, label)
        if ch and (ch[0], ch[1]) not in seen:
            seen.add((ch[0], ch[1]))
            row.channels.append(ch)
    row.tags = list(dict.fromkeys(records.tag(t) for t in c.tags if t.strip()))
    for i in k.get("interests") or []:
        phrase = records.phrase(i["phrase"])
        if phrase not in {p for p, _ in row.interests}:
            row.interests.append((phrase, _text("note", i.get("note"))))
    for label, text in c.dates:
        try:
            y, m, d = parse_birthday(text)
        except DateParseError as exc:
            raise InvalidInput(f"date '{label}'", str(exc)) from None
        row.dates.append((records.short_text("date label", label, 120), y, m, d))
    for kind, name in c.related:
        if name.strip():
            kind = records.short_text("relation", kind or "related", 60)
            row.related.append((kind, records.short_text(f"relation '{kind}'", name, 300)))
    row.introduced_by = (k.get("introduced_by") or c.introduced_by or "").strip() or None
    if c.photo:
        row.photo = split_photo(c.photo)
        if row.photo and len(row.photo[0]) > 100:
            raise InvalidInput("photo", "its media type is longer than 100 characters")
    row.properties = [p for p in c.properties if p and "\n" not in p]
    return row


def _timezone(tz: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("timezone", f"'{tz}' is not a known time zone") from None
    return tz


def _uid(value: Any) -> str | None:
    """A Kithkin uid carried by the file (X-KITHKIN-UID), when it is one we could use."""
    if not value:
        return None
    text = str(value).strip().lower()
    if text.startswith("urn:uuid:"):
        text = text[9:]
    text = text.replace("-", "")
    return text if _HEX32.fullmatch(text) else None  # anything else: a uid of our own
