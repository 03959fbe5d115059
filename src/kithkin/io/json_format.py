"""Kithkin's own JSON format: lossless, versioned, references by stable uid.

``{"format": "kithkin", "version": 1, "people": [...], "moments": [...], ...}``.
:func:`check_document` validates a parsed document completely before anything is
written, and names the exact place of the first problem (``people[3].birthday``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, NoReturn

from kithkin.domain import records
from kithkin.domain.data_uri import split_photo
from kithkin.domain.dates import DateParseError, parse_birthday
from kithkin.domain.errors import InvalidInput

FORMAT = "kithkin"
VERSION = 1
SECTIONS = (
    "people",
    "moments",
    "follow_ups",
    "ledger",
    "introductions",
    "opportunities",
    "saved_items",
    "dismissals",
    "my_interests",
    "office_hours",
)

Doc = dict[str, Any]
#: A person's uid names their card in a vdir export: nothing a file name cannot hold.
_SAFE_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def make_document(snapshot: Doc) -> Doc:
    """Wrap a snapshot in the format's header."""
    return {"format": FORMAT, "version": VERSION, **snapshot}


class _Checker:
    def __init__(self, known_people: Iterable[str]) -> None:
        self.people: set[str] = set(known_people)
        self.sources: set[tuple[str, str]] = set()

    @staticmethod
    def fail(where: str, msg: str) -> NoReturn:
        raise InvalidInput(where, msg)

    def obj(self, v: Any, where: str) -> dict[str, Any]:
        if not isinstance(v, dict):
            self.fail(where, "should be an object")
        return v

    def text(
        self, d: Doc, key: str, where: str, *, required: bool = False, limit: int = 100_000
    ) -> None:
        v = d.get(key)
        if v is None:
            if required:
                self.fail(f"{where}.{key}", "is missing")
            return
        if not isinstance(v, str) or (required and not v.strip()):
            self.fail(
                f"{where}.{key}", "should be non-empty text" if required else "should be text"
            )
        if len(v) > limit:
            self.fail(f"{where}.{key}", f"is longer than {limit} characters")

    def one_of(
        self, d: Doc, key: str, where: str, allowed: Iterable[Any], *, required: bool = False
    ) -> None:
        v = d.get(key)
        if v is None and not required:
            return
        allowed = tuple(allowed)
        if v not in allowed:
            self.fail(f"{where}.{key}", f"{v!r} is not one of {', '.join(map(str, allowed))}")

    def day(
        self,
        d: Doc,
        key: str,
        where: str,
        *,
        required: bool = False,
        parse: Callable[[str], Any] = date.fromisoformat,
    ) -> None:
        v = d.get(key)
        if v is None and not required:
            return
        try:
            if not isinstance(v, str):
                raise ValueError
            parse(v)
        except ValueError:
            self.fail(f"{where}.{key}", f"{v!r} is not an ISO date")

    def int_range(
        self, d: Doc, key: str, where: str, lo: int, hi: int | None, *, required: bool = False
    ) -> None:
        v = d.get(key)
        if v is None and not required:
            return
        if not isinstance(v, int) or isinstance(v, bool) or v < lo or (hi is not None and v > hi):
            bound = f"{lo} to {hi}" if hi is not None else f"{lo} or more"
            self.fail(f"{where}.{key}", f"{v!r} should be a whole number from {bound}")

    def texts(self, d: Doc, key: str, where: str) -> list[Any]:
        v = d.get(key, [])
        if not isinstance(v, list):
            self.fail(f"{where}.{key}", "should be a list")
        return v

    def person_ref(self, v: Any, where: str) -> None:
        if v not in self.people:
            self.fail(where, f"refers to person {v!r}, who is not in the file")

    def uids(self, items: list[Any], section: str) -> None:
        seen: set[str] = set()
        for n, item in enumerate(items):
            where = f"{section}[{n}]"
            self.obj(item, where)
            self.text(item, "uid", where, required=True, limit=64)
            if item["uid"] in seen:
                self.fail(f"{where}.uid", f"{item['uid']!r} appears twice")
            seen.add(item["uid"])


def check_document(doc: Any, *, known_people: Iterable[str] = ()) -> Doc:
    """Validate a parsed JSON document; returns it with every section present."""
    c = _Checker(known_people)
    c.obj(doc, "document")
    if doc.get("format") != FORMAT:
        c.fail("format", 'this is not a Kithkin export (expected "format": "kithkin")')
    if doc.get("version") != VERSION:
        c.fail("version", f"{doc.get('version')!r} is not a version this Kithkin reads ({VERSION})")
    out = {s: doc.get(s, []) for s in SECTIONS}
    for s in SECTIONS:
        if not isinstance(out[s], list):
            c.fail(s, "should be a list")
        c.uids(out[s], s) if s not in ("dismissals", "my_interests") else None
    c.people.update(p["uid"] for p in out["people"])
    _check_people(c, out["people"])
    _check_moments(c, out["moments"])
    for n, f in enumerate(out["follow_ups"]):
        w = f"follow_ups[{n}]"
        c.person_ref(f.get("person"), f"{w}.person")
        c.text(f, "text", w, required=True)
        c.day(f, "due", w)
        c.day(f, "done", w)
        c.day(f, "created_on", w, required=True)
        if f.get("moment") is not None and f["moment"] not in {m["uid"] for m in out["moments"]}:
            c.fail(f"{w}.moment", f"refers to moment {f['moment']!r}, which is not in the file")
    for n, e in enumerate(out["ledger"]):
        w = f"ledger[{n}]"
        c.person_ref(e.get("person"), f"{w}.person")
        c.one_of(e, "direction", w, records.LEDGER_DIRECTIONS, required=True)
        c.one_of(e, "kind", w, records.LEDGER_KINDS, required=True)
        c.int_range(e, "size", w, 1, 3, required=True)
        c.day(e, "date", w, required=True)
        c.text(e, "note", w)
    for n, i in enumerate(out["introductions"]):
        w = f"introductions[{n}]"
        c.person_ref(i.get("a"), f"{w}.a")
        c.person_ref(i.get("b"), f"{w}.b")
        if i.get("a") == i.get("b"):
            c.fail(w, "introduces a person to themselves")
        c.one_of(i, "status", w, records.INTRO_STATUSES, required=True)
        c.day(i, "proposed_on", w, required=True)
        for k in ("a_agreed_on", "b_agreed_on", "made_on", "closed_on"):
            c.day(i, k, w)
        c.text(i, "reason", w)
        c.text(i, "outcome", w)
    for n, o in enumerate(out["opportunities"]):
        w = f"opportunities[{n}]"
        c.text(o, "title", w, required=True, limit=300)
        c.one_of(o, "kind", w, records.OPPORTUNITY_KINDS, required=True)
        c.day(o, "date", w, required=True)
        c.int_range(o, "value", w, 1, 5)
        c.text(o, "notes", w)
        chain = c.texts(o, "chain", w)
        for j, u in enumerate(chain):
            c.person_ref(u, f"{w}.chain[{j}]")
        if len(set(chain)) != len(chain):
            c.fail(f"{w}.chain", "names the same person twice")
    for n, s in enumerate(out["saved_items"]):
        w = f"saved_items[{n}]"
        c.one_of(s, "kind", w, records.SAVED_KINDS, required=True)
        c.text(s, "url", w, limit=2000)
        c.text(s, "text", w)
        c.day(s, "saved_on", w, required=True)
        _phrases(c, s, "topics", w)
        sent = s.get("sent_to", [])
        if not isinstance(sent, list):
            c.fail(f"{w}.sent_to", "should be a list")
        for j, to in enumerate(sent):
            c.obj(to, f"{w}.sent_to[{j}]")
            c.person_ref(to.get("person"), f"{w}.sent_to[{j}].person")
            c.day(to, "on", f"{w}.sent_to[{j}]", required=True)
    for n, mine in enumerate(out["my_interests"]):
        w = f"my_interests[{n}]"
        c.obj(mine, w)
        c.text(mine, "phrase", w, required=True, limit=300)
        c.text(mine, "note", w)
    _check_office_hours(c, out["office_hours"])
    for n, x in enumerate(out["dismissals"]):
        w = f"dismissals[{n}]"
        c.obj(x, w)
        c.person_ref(x.get("person"), f"{w}.person")
        c.text(x, "reason", w, required=True, limit=40)
        c.day(x, "dismissed_on", w, required=True)
        c.day(x, "until", w)
    return out


def _phrases(c: _Checker, d: Doc, key: str, where: str) -> None:
    values = c.texts(d, key, where)
    for k, t in enumerate(values):
        if not isinstance(t, str) or not t.strip() or records.phrase(t) != t:
            c.fail(f"{where}.{key}[{k}]", f"{t!r} should be a lower-case phrase")
    if len(set(values)) != len(values):
        c.fail(f"{where}.{key}", "repeats a phrase")


def _check_people(c: _Checker, items: list[Doc]) -> None:
    for n, p in enumerate(items):
        w = f"people[{n}]"
        if not _SAFE_UID.fullmatch(p["uid"]):
            c.fail(f"{w}.uid", "should be letters, digits, '.', '_' or '-' (it names files)")
        c.text(p, "name", w, required=True, limit=300)
        for k, limit in records.TEXT_LIMITS.items():
            c.text(p, k, w, limit=limit)
        for k in ("notes", "met_how", "release_note"):
            c.text(p, k, w, limit=records.LONG_TEXT_LIMIT)
        for k in ("met_on", "snoozed_until", "released_on"):
            c.day(p, k, w)
        for k in ("created_at", "updated_at"):
            c.day(p, k, w, parse=datetime.fromisoformat)
        if p.get("birthday") is not None:
            try:
                parse_birthday(str(p["birthday"]))
            except DateParseError as exc:
                c.fail(f"{w}.birthday", str(exc))
        c.int_range(p, "cadence_days", w, 1, records.MAX_CADENCE_DAYS)
        c.one_of(p, "pancake", w, records.PANCAKE)
        c.one_of(p, "status", w, records.STATUSES)
        if p.get("introduced_by") is not None:
            c.person_ref(p["introduced_by"], f"{w}.introduced_by")
        for j, i in enumerate(c.texts(p, "interests", w)):
            iw = f"{w}.interests[{j}]"
            c.obj(i, iw)
            c.text(i, "phrase", iw, required=True, limit=300)
            c.text(i, "note", iw)
        _phrases(c, {"p": [i["phrase"] for i in p.get("interests", [])]}, "p", f"{w}.interests")
        for j, ch in enumerate(c.texts(p, "channels", w)):
            cw = f"{w}.channels[{j}]"
            c.obj(ch, cw)
            c.one_of(ch, "kind", cw, records.CHANNEL_KINDS, required=True)
            c.text(ch, "value", cw, required=True, limit=500)
            c.text(ch, "label", cw, limit=60)
        _phrases(c, p, "tags", w)
        _check_person_extras(c, p, w)


def _check_person_extras(c: _Checker, p: Doc, w: str) -> None:
    """Other dates, relations, photo, kept vCard properties, source ids."""
    for j, d in enumerate(c.texts(p, "dates", w)):
        dw = f"{w}.dates[{j}]"
        c.obj(d, dw)
        c.text(d, "label", dw, required=True, limit=120)
        try:
            parse_birthday(str(d.get("date")))
        except DateParseError as exc:
            c.fail(f"{dw}.date", str(exc))
    for j, r in enumerate(c.texts(p, "related", w)):
        rw = f"{w}.related[{j}]"
        c.obj(r, rw)
        c.text(r, "kind", rw, required=True, limit=60)
        c.text(r, "name", rw, required=True, limit=300)
        if r.get("person") is not None:
            c.person_ref(r["person"], f"{rw}.person")
    photo = p.get("photo")
    if photo is not None and (not isinstance(photo, str) or not _is_data_uri(photo)):
        c.fail(f"{w}.photo", "should be a base64 data: URI")
    for j, line in enumerate(c.texts(p, "properties", w)):
        if not isinstance(line, str) or ":" not in line or "\n" in line:
            c.fail(f"{w}.properties[{j}]", "should be one vCard content line (NAME:value)")
    for j, src in enumerate(c.texts(p, "sources", w)):
        sw = f"{w}.sources[{j}]"
        c.obj(src, sw)
        c.text(src, "source", sw, required=True, limit=20)
        c.text(src, "key", sw, required=True, limit=500)
        if (src["source"], src["key"]) in c.sources:
            c.fail(sw, f"{src['source']} id {src['key']!r} belongs to two people")
        c.sources.add((src["source"], src["key"]))


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _is_data_uri(text: str) -> bool:
    return split_photo(text) is not None


def _check_office_hours(c: _Checker, items: list[Doc]) -> None:
    for n, o in enumerate(items):
        w = f"office_hours[{n}]"
        c.day(o, "starts_at", w, required=True, parse=datetime.fromisoformat)
        if datetime.fromisoformat(o["starts_at"]).tzinfo is not None:
            c.fail(f"{w}.starts_at", "should be a local time (its zone goes in timezone)")
        c.text(o, "timezone", w, limit=64)
        if o.get("timezone") is not None and not _known_zone(o["timezone"]):
            c.fail(f"{w}.timezone", f"{o['timezone']!r} is not a known time zone")
        c.text(o, "place", w, limit=300)
        c.text(o, "description", w)
        hours = o.get("hours")
        if not isinstance(hours, (int, float)) or isinstance(hours, bool) or not 0 < hours <= 24:
            c.fail(f"{w}.hours", f"{hours!r} should be a number of hours from 0 to 24")
        for k, u in enumerate(c.texts(o, "people", w)):
            c.person_ref(u, f"{w}.people[{k}]")


def _check_moments(c: _Checker, items: list[Doc]) -> None:
    for n, m in enumerate(items):
        w = f"moments[{n}]"
        c.day(m, "date", w, required=True)
        c.one_of(m, "kind", w, records.MOMENT_KINDS, required=True)
        c.one_of(m, "initiated_by", w, records.INITIATORS)
        c.int_range(m, "energy", w, records.ENERGY_MIN, records.ENERGY_MAX)
        c.one_of(m, "depth", w, records.DEPTHS)
        c.one_of(m, "reply_state", w, records.REPLY_STATES)
        c.day(m, "replied_on", w)
        c.day(m, "created_at", w, parse=datetime.fromisoformat)
        c.text(m, "notes", w)
        c.text(m, "outreach_style", w, limit=40)
        who = c.texts(m, "people", w)
        if not who:
            c.fail(f"{w}.people", "a moment needs at least one person")
        for k, u in enumerate(who):
            c.person_ref(u, f"{w}.people[{k}]")
        if len(set(who)) != len(who):
            c.fail(f"{w}.people", "names the same person twice")
        _phrases(c, m, "topics", w)
