"""Kithkin's own fields as vCard ``X-KITHKIN-*`` properties, both ways.

vCard has no field for interests, cadence or the pancake test, so they travel as
private properties, which other tools (khard, vdirsyncer, phones) keep untouched.
The writer calls :func:`encode`, the reader :func:`decode`; both use the same table,
so what one writes the other reads back.

Values are vCard text: ``\\``, ``;``, ``,`` and newlines escaped. An interest with a
note is two components: ``X-KITHKIN-INTEREST:climbing;bouldering in Sintra``.
"""

from __future__ import annotations

from typing import Any

PREFIX = "X-KITHKIN-"

#: Property name (after the prefix) -> key in a person (JSON format) / Contact.kith.
SCALARS = {
    "UID": "uid",
    "PRONOUNS": "pronouns",
    "MET-HOW": "met_how",
    "MET-WHERE": "met_where",
    "MET-ON": "met_on",
    "INTRODUCED-BY": "introduced_by",
    "LOCATION": "location",
    "TIMEZONE": "timezone",
    "GENERATION": "generation",
    "FIELD": "field",
    "CADENCE": "cadence_days",
    "PANCAKE": "pancake",
    "STATUS": "status",
    "SNOOZED-UNTIL": "snoozed_until",
    "RELEASED-ON": "released_on",
    "RELEASE-NOTE": "release_note",
}
INTEREST = "INTEREST"
_INTS = {"cadence_days"}


def escape(text: str) -> str:
    """vCard text escaping (RFC 6350 3.4)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def split_escaped(value: str, outer: str, inner: str = "") -> list[list[str]]:
    """Split a raw vCard text value on unescaped ``outer`` separators, each part on
    unescaped ``inner`` ones (none when empty), undoing the escaping
    (``\\n`` -> newline)."""
    parts: list[list[str]] = [[]]
    cur: list[str] = []
    it = iter(value)
    for ch in it:
        if ch == "\\":
            nxt = next(it, "")
            cur.append("\n" if nxt in ("n", "N") else nxt)
        elif ch == outer:
            parts[-1].append("".join(cur))
            parts.append([])
            cur = []
        elif inner and ch == inner:
            parts[-1].append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts[-1].append("".join(cur))
    return parts


def split_unescape(value: str) -> list[str]:
    """Split a raw vCard text value on unescaped ``;`` and undo the escaping."""
    return [p[0] for p in split_escaped(value, ";")]


def encode(person: dict[str, Any]) -> list[tuple[str, str]]:
    """The ``X-KITHKIN-*`` properties for a person (JSON-format dict), as
    ``(name, raw value)`` pairs in a stable order, values already escaped."""
    out: list[tuple[str, str]] = []
    for suffix, key in SCALARS.items():
        v = person.get(key)
        if v is None or v == "":
            continue
        out.append((PREFIX + suffix, escape(str(v))))
    for i in person.get("interests") or []:
        value = escape(i["phrase"])
        if i.get("note"):
            value += ";" + escape(i["note"])
        out.append((PREFIX + INTEREST, value))
    return out


def decode(name: str, raw: str, into: dict[str, Any]) -> bool:
    """Read one property into ``into`` (a Contact's ``kith`` dict). ``raw`` is the value
    as written in the file (still escaped). False if ``name`` is not one of ours or
    the value cannot be read (a bad cadence); the caller then keeps it verbatim."""
    name = name.upper()
    if not name.startswith(PREFIX):
        return False
    suffix = name[len(PREFIX) :]
    if suffix == INTEREST:
        parts = split_unescape(raw)
        phrase = parts[0].strip()
        if not phrase:
            return False
        note = ";".join(parts[1:]).strip() or None
        into.setdefault("interests", []).append({"phrase": phrase, "note": note})
        return True
    key = SCALARS.get(suffix)
    if key is None:
        return False
    text = ";".join(split_unescape(raw)).strip()
    if not text:
        return False
    if key in _INTS:
        if not text.isdigit() or int(text) <= 0:
            return False
        into[key] = int(text)
    else:
        into[key] = text
    return True
