"""Reading single vCard values: text escapes, labels, dates, photos, kept lines.

vobject parses the lines (unfolding, parameters, quoted-printable); these helpers read
the values the way RFC 6350/2426 and real clients write them. Everything here is called
once per property of every card, so it stays cheap: patterns are compiled once, and the
common case (no backslash in the value) never enters a loop.
"""

from __future__ import annotations

import binascii
import re
from typing import Any

from kithkin.domain.dates import DateParseError, format_birthday, parse_birthday
from kithkin.io.kithkin_props import split_escaped, split_unescape

_ESCAPE = re.compile(r"\\(.)", re.S)

#: TYPE values that say nothing a person would call a label.
_NOT_LABELS = frozenset(
    {"internet", "pref", "voice", "x400", "dom", "intl", "postal", "parcel", "msg", "text"}
)
_TYPE_WORDS = {"cell": "mobile"}
#: TYPE values vCard and the big clients define; their case means nothing, so they are
#: lower-cased. Any other TYPE value is someone's own label and keeps its case.
_KNOWN_TYPES = frozenset(
    {"home", "work", "cell", "mobile", "fax", "pager", "video", "textphone", "main", "other",
     "iphone", "car", "isdn", "bbs", "modem", "pcs", "personal", "business", "homepage",
     "assistant", "callback", "company", "radio", "telex", "ttytdd", "mms", "sms"}
)  # fmt: skip
#: Apple's built-in labels (``_$!<HomeFAX>!$_``) that are not one plain word.
_APPLE_WORDS = {"homefax": "home fax", "workfax": "work fax", "otherfax": "other fax"}
_IMAGE_TYPES = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tiff": "image/tiff",
    "webp": "image/webp",
    "heic": "image/heic",
}
_BASE64 = frozenset({"b", "base64"})


def _unescape_one(m: re.Match[str]) -> str:
    ch = m.group(1)
    return "\n" if ch in "nN" else ch


def unescape(value: str) -> str:
    """Undo vCard text escaping (``\\n``, ``\\,``, ``\\;``, ``\\\\``)."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unescape_one, value)


def split_struct(value: str) -> list[str]:
    """The ``;``-separated components of a structured value (N, ADR, ORG), unescaped."""
    if "\\" not in value:
        return value.split(";")
    return split_unescape(value)


def struct_lists(value: str) -> list[list[str]]:
    """A structured value's components, each split into its ``,``-separated values,
    unescaped (N: ``Family;Given;Additional,Names;Prefix;Suffix``): an escaped comma
    stays part of a name."""
    return split_escaped(value, ";", ",")


def split_list(value: str) -> list[str]:
    """The ``,``-separated values of a list (CATEGORIES, NICKNAME), unescaped."""
    if "\\" not in value:
        return value.split(",")
    return [p[0] for p in split_escaped(value, ",")]


def types(line: Any) -> list[str]:
    """A line's TYPE values, lower case, comma lists split, with vCard 2.1's bare
    parameters (``TEL;CELL;PREF``) counted as types."""
    raw = line.params.get("TYPE")
    found = [*raw, *line.singletonparams] if raw else line.singletonparams
    out: list[str] = []
    for value in found:
        for part in value.split(","):
            word = part.strip().lower()
            if word:
                out.append(word)
    return out


def type_label(line: Any) -> str | None:
    """The label a line's TYPE parameters give: "home", "work", "mobile", "work fax"."""
    if not line.singletonparams and "TYPE" not in line.params:
        return None
    raw = line.params.get("TYPE")
    words: list[str] = []
    for value in [*raw, *line.singletonparams] if raw else line.singletonparams:
        for part in value.split(","):
            word = part.strip()
            if word[:2].lower() == "x-":
                word = word[2:]
            low = word.lower()
            if not word or low in _NOT_LABELS:
                continue
            if low in _KNOWN_TYPES:
                word = _TYPE_WORDS.get(low, low)
            if word not in words:
                words.append(word)
    return " ".join(words) or None


def apple_label(text: str) -> str | None:
    """An Apple ``X-ABLabel``: ``_$!<Mobile>!$_`` is "mobile", a custom label stays as is."""
    text = text.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        word = text[4:-4].strip().lower()
        return _APPLE_WORDS.get(word, word) or None
    return text or None


def read_date(value: str) -> str | None:
    """A vCard date as ``YYYY-MM-DD`` or ``--MM-DD`` (year unknown, or Apple's 1604);
    None when it is not a full day (free text, a year alone)."""
    text = value.strip()
    if len(text) > 10 and "T" in text and text[:1] in "0123456789-":
        text = text.split("T", 1)[0]  # a date-time: the day is enough
    if not text:
        return None
    try:
        year, month, day = parse_birthday(text)
    except DateParseError:
        return None
    return format_birthday(year, month, day)


def is_base64(line: Any) -> bool:
    """Whether a line's value is base64 (``ENCODING=b``, 2.1's ``ENCODING=BASE64``/``BASE64``)."""
    enc = line.params.get("ENCODING")
    if enc and enc[0].lower() in _BASE64:
        return True
    return any(s.lower() in _BASE64 for s in line.singletonparams)


def _base64(data: str) -> bool:
    try:
        return bool(binascii.a2b_base64(data, strict_mode=True))
    except binascii.Error:
        return False


def photo_uri(line: Any) -> str | None:
    """An embedded photo as a ``data:<type>;base64,…`` URI; None when the photo is a
    link or not readable base64 (the line is then kept verbatim)."""
    value: str = line.value
    if is_base64(line):
        data = "".join(value.split())
        if not _base64(data):
            return None
        media = "image/jpeg"
        for word in types(line) + [m.lower() for m in line.params.get("MEDIATYPE", [])]:
            if "/" in word:
                media = word
                break
            if word in _IMAGE_TYPES:
                media = _IMAGE_TYPES[word]
                break
        return f"data:{media};base64,{data}"
    text = value.strip()
    if "\\" in text:
        text = unescape(text)  # some writers escape the comma of a data: URI as text
    head, sep, payload = text.partition(",")
    if sep and head[:5].lower() == "data:" and head[-7:].lower() == ";base64":
        data = "".join(payload.split())
        if _base64(data):
            return f"data:{head[5:-7].strip() or 'application/octet-stream'};base64,{data}"
    return None


def _param_value(value: str) -> str:
    if any(ch in value for ch in ",;:"):
        return '"' + value.replace('"', "") + '"'
    return value


def content_line(line: Any) -> str:
    """One parsed line back as a single unfolded content line, ``GROUP.NAME;P=v:value``.

    Quoted-printable values were decoded by vobject, so ``CHARSET`` is dropped (the
    text is Unicode now) and line breaks inside the value are written as ``\\n``.
    """
    parts = [f"{line.group}.{line.name}" if line.group else line.name]
    for key, values in line.params.items():
        if key != "CHARSET":
            parts.append(f";{key}={','.join(_param_value(v) for v in values)}")
    for single in line.singletonparams:
        parts.append(f";{single}")
    value: str = line.value
    if is_base64(line):
        value = "".join(value.split())
    elif "\n" in value or "\r" in value:
        value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    parts.append(":")
    parts.append(value)
    return "".join(parts)
