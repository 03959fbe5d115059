"""One parsed vCard (vobject content lines) to one :class:`Contact`.

Each property name has a handler; a handler returns True when it took the line into a
Contact field, False to keep the line verbatim in ``Contact.properties`` (so nothing a
card carries is lost on the way back out). Apple groups (``item1.X-ABDATE`` with
``item1.X-ABLabel``) give their label to the grouped line; the label line is dropped
when its partner was mapped and kept with it otherwise.

Mapping (RFC 6350, RFC 2426, and what Apple, Google, Android, Outlook and CardBook
write): FN/N/NICKNAME, EMAIL/TEL/ADR/URL and instant-messaging properties as channels,
BDAY, ANNIVERSARY and X-ABDATE, ORG/TITLE/NOTE/CATEGORIES, RELATED, X-ABRELATEDNAMES
and Android's relation rows, PHOTO as a ``data:`` URI, UID as the source key, and
``X-KITHKIN-*`` through :mod:`kithkin.io.kithkin_props`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kithkin.io import kithkin_props
from kithkin.io.contact import Contact
from kithkin.io.vcard_values import (
    apple_label,
    content_line,
    photo_uri,
    read_date,
    split_list,
    split_struct,
    struct_lists,
    type_label,
    types,
    unescape,
)

#: Lines that say nothing about the person (the writer makes its own).
_DROPPED = frozenset({"VERSION", "PRODID", "REV"})
#: Apple lines that only annotate their group's main line.
_GROUP_AUX = frozenset({"X-ABLABEL", "X-ABADR"})
#: Google's system groups, not tags a person chose.
_SYSTEM_TAGS = frozenset({"mycontacts", "starred", "* mycontacts", "* starred"})
#: Relation words that mean "introduced by" rather than a relationship.
_INTRODUCER = frozenset({"introduced by", "introducer", "referred by", "referrer"})
#: Instant-messaging properties: name -> service label.
_SERVICES = {
    "X-AIM": "aim",
    "X-ICQ": "icq",
    "X-JABBER": "jabber",
    "X-MSN": "msn",
    "X-YAHOO": "yahoo",
    "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype",
    "X-GOOGLE-TALK": "google talk",
    "X-GTALK": "google talk",
    "X-QQ": "qq",
    "X-TWITTER": "twitter",
    "X-GADUGADU": "gadu-gadu",
    "X-GROUPWISE": "groupwise",
    "X-MS-IMADDRESS": "im",
}
#: Single-person relation properties (Evolution, KAddressBook, Outlook) -> kind.
_RELATION_PROPS = {
    "X-SPOUSE": "spouse",
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-KADDRESSBOOK-X-SPOUSENAME": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-MANAGER": "manager",
    "X-EVOLUTION-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
    "X-MS-MANAGER": "manager",
    "X-ASSISTANT": "assistant",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
    "X-MS-ASSISTANT": "assistant",
}
_ANNIVERSARIES = frozenset({"ANNIVERSARY", "X-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY",
                            "X-MS-ANNIVERSARY"})  # fmt: skip
#: Android's ContactsContract.CommonDataKinds.Relation types.
_ANDROID_RELATIONS = {
    "1": "assistant", "2": "brother", "3": "child", "4": "domestic partner",
    "5": "father", "6": "friend", "7": "manager", "8": "mother", "9": "parent",
    "10": "partner", "11": "referred by", "12": "relative", "13": "sister", "14": "spouse",
}  # fmt: skip
_ANDROID = "vnd.android.cursor.item/"


class _Card:
    """What one card has given so far."""

    __slots__ = ("c", "extra", "fn", "labels", "n_name", "notes", "seen", "used_groups")

    def __init__(self, c: Contact, labels: dict[str, str | None]) -> None:
        self.c = c
        self.labels = labels
        self.fn: str | None = None
        self.n_name: str | None = None
        self.notes: list[str] = []
        self.extra: list[str] = []
        self.seen: set[tuple[str, str]] = set()
        self.used_groups: set[str] = set()

    def label(self, line: Any) -> str | None:
        if line.group:
            group = line.group.lower()
            if group in self.labels:
                return self.labels[group]
        return type_label(line)

    def channel(self, kind: str, value: str, label: str | None) -> bool:
        value = value.strip()
        if not value:
            return True
        key = (kind, value.lower())
        if key not in self.seen:
            self.seen.add(key)
            self.c.channels.append((kind, value, label))
        return True

    def relate(self, kind: str | None, name: str) -> bool:
        name = name.strip()
        if not name:
            return True
        kind = " ".join((kind or "").lower().split())
        if kind.startswith("x-"):
            kind = kind[2:]
        if self.c.introduced_by is None and kind.replace("-", " ").replace("_", " ") in _INTRODUCER:
            self.c.introduced_by = name
        else:
            self.c.related.append((kind or "related", name))
        return True

    def date(self, label: str, value: str) -> bool:
        day = read_date(value)
        if day is None:
            self.extra.append(f"{label[:1].upper()}{label[1:]}: {value.strip()}")
        else:
            self.c.dates.append((label, day))
        return True


def _fn(st: _Card, line: Any) -> bool:
    if st.fn is not None:
        return False
    st.fn = unescape(line.value).strip()
    return True


def _n(st: _Card, line: Any) -> bool:
    if st.n_name is not None:
        return False
    parts = [" ".join(" ".join(values).split()) for values in struct_lists(line.value)]
    parts += [""] * (5 - len(parts))
    family, given, additional, prefix, suffix = parts[:5]
    st.c.given_name = " ".join(p for p in (given, additional) if p) or None
    st.c.family_name = family or None
    st.n_name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
    return True


def _nickname(st: _Card, line: Any) -> bool:
    if st.c.nickname is not None:
        return False
    for nick in split_list(line.value):
        if nick.strip():
            st.c.nickname = nick.strip()
            break
    return True


def _email(st: _Card, line: Any) -> bool:
    value = unescape(line.value).strip()
    if value[:7].lower() == "mailto:":
        value = value[7:]
    return st.channel("email", value, st.label(line))


def _tel(st: _Card, line: Any) -> bool:
    value = unescape(line.value).strip()
    if value[:4].lower() == "tel:":
        value = value[4:]
    return st.channel("phone", value, st.label(line))


def _adr(st: _Card, line: Any) -> bool:
    parts = (" ".join(p.replace("\n", ", ").split()) for p in split_struct(line.value))
    text = ", ".join(p for p in parts if p)
    if not text and line.params.get("LABEL"):
        text = " ".join(unescape(line.params["LABEL"][0]).replace("\n", ", ").split())
    return st.channel("address", text, st.label(line))


def _url(st: _Card, line: Any) -> bool:
    return st.channel("url", unescape(line.value), st.label(line))


def _impp(st: _Card, line: Any) -> bool:
    value = unescape(line.value).strip()
    scheme, sep, rest = value.partition(":")
    if sep and not rest.startswith("//"):
        value = rest  # skype:alex.m, xmpp:alex@example.org
    else:
        scheme = ""
    service = (line.params.get("X-SERVICE-TYPE") or [scheme])[0].lower()
    return st.channel("url" if "://" in value else "handle", value, service or st.label(line))


def _social(st: _Card, line: Any) -> bool:
    value = unescape(line.value).strip()
    kinds = [k for k in types(line) if k != "pref"]
    service = st.labels.get(line.group.lower()) if line.group else None
    service = service or (kinds[0] if kinds else None)
    if "://" in value and not value.lower().startswith("x-apple:"):
        return st.channel("url", value, service)
    user = (line.params.get("X-USER") or [""])[0]
    if not user:
        user = value.partition(":")[2] if value.lower().startswith("x-apple:") else value
    return st.channel("handle", user, service)


def _service(st: _Card, line: Any) -> bool:
    return st.channel("handle", unescape(line.value), _SERVICES[line.name])


def _bday(st: _Card, line: Any) -> bool:
    value = unescape(line.value)
    day = read_date(value)
    if day is None:
        if value.strip():
            st.extra.append(f"Birthday: {value.strip()}")
    elif st.c.birthday is None:
        st.c.birthday = day
    else:
        return False
    return True


def _anniversary(st: _Card, line: Any) -> bool:
    return st.date("anniversary", unescape(line.value))


def _abdate(st: _Card, line: Any) -> bool:
    label = st.labels.get(line.group.lower()) if line.group else None
    return st.date(label or "other", unescape(line.value))


def _related(st: _Card, line: Any) -> bool:
    kinds = [k for k in types(line) if k != "pref"]
    value = line.value.strip()
    if (line.params.get("VALUE") or [""])[0].lower() == "text" or ":" not in value:
        value = unescape(value)
    return st.relate(kinds[0] if kinds else None, value)


def _abrelated(st: _Card, line: Any) -> bool:
    label = st.labels.get(line.group.lower()) if line.group else None
    kinds = [k for k in types(line) if k != "pref"]
    return st.relate(label or (kinds[0] if kinds else None), unescape(line.value))


def _relation_prop(st: _Card, line: Any) -> bool:
    return st.relate(_RELATION_PROPS[line.name], unescape(line.value))


def _android(st: _Card, line: Any) -> bool:
    fields = split_struct(line.value) + [""] * 4
    kind = fields[0].strip().lower()
    if kind == _ANDROID + "nickname" and fields[1].strip():
        if st.c.nickname is not None:
            return False
        st.c.nickname = fields[1].strip()
        return True
    if kind == _ANDROID + "relation" and fields[1].strip():
        rel = fields[3] if fields[2] == "0" else _ANDROID_RELATIONS.get(fields[2], "")
        return st.relate(rel, fields[1])
    if kind == _ANDROID + "contact_event" and fields[1].strip():
        if fields[2] == "3" and st.c.birthday is None and read_date(fields[1]):
            st.c.birthday = read_date(fields[1])
            return True
        label = {"1": "anniversary", "2": "other"}.get(fields[2]) or fields[3].strip() or "other"
        return st.date(label, fields[1])
    return False


def _org(st: _Card, line: Any) -> bool:
    if st.c.org is not None:
        return False
    parts = [p.strip() for p in split_struct(line.value)]
    st.c.org = ", ".join(p for p in parts if p) or None
    return True


def _title(st: _Card, line: Any) -> bool:
    if st.c.title is not None:
        return False
    st.c.title = unescape(line.value).strip() or None
    return True


def _note(st: _Card, line: Any) -> bool:
    text = unescape(line.value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if text:
        st.notes.append(text)
    return True


def _categories(st: _Card, line: Any) -> bool:
    tags = st.c.tags
    for tag in split_list(line.value):
        tag = " ".join(tag.split()).lower()
        if tag and tag not in _SYSTEM_TAGS and tag not in tags:
            tags.append(tag)
    return True


def _uid(st: _Card, line: Any) -> bool:
    if st.c.source_key is not None:
        return False
    st.c.source_key = unescape(line.value).strip() or None
    return True


def _photo(st: _Card, line: Any) -> bool:
    if st.c.photo is not None:
        return False
    st.c.photo = photo_uri(line)
    return st.c.photo is not None


def _drop(st: _Card, line: Any) -> bool:
    return True


_Handler = Callable[[_Card, Any], bool]
_HANDLERS: dict[str, _Handler] = {
    "FN": _fn,
    "N": _n,
    "NICKNAME": _nickname,
    "EMAIL": _email,
    "TEL": _tel,
    "ADR": _adr,
    "URL": _url,
    "IMPP": _impp,
    "X-SOCIALPROFILE": _social,
    "BDAY": _bday,
    "X-ABDATE": _abdate,
    "RELATED": _related,
    "X-ABRELATEDNAMES": _abrelated,
    "X-ANDROID-CUSTOM": _android,
    "ORG": _org,
    "TITLE": _title,
    "NOTE": _note,
    "CATEGORIES": _categories,
    "UID": _uid,
    "PHOTO": _photo,
    **dict.fromkeys(_DROPPED, _drop),
    **dict.fromkeys(_SERVICES, _service),
    **dict.fromkeys(_RELATION_PROPS, _relation_prop),
    **dict.fromkeys(_ANNIVERSARIES, _anniversary),
}
_KITH_PREFIX = kithkin_props.PREFIX


def map_card(lines: list[Any], line: int) -> Contact:
    """The Contact one card describes. ``lines`` are the card's vobject ContentLines in
    file order (values unfolded and quoted-printable decoded, not unescaped); ``line``
    is where the card begins. ``name`` is "" when nothing on the card names anyone."""
    c = Contact(line=line, name="")
    labels: dict[str, str | None] = {}
    aux: list[Any] = []
    for cl in lines:
        if cl.group and cl.name in _GROUP_AUX:
            aux.append(cl)
            if cl.name == "X-ABLABEL":
                labels[cl.group.lower()] = apple_label(unescape(cl.value))
    st = _Card(c, labels)
    props = c.properties
    for cl in lines:
        name = cl.name
        handler = _HANDLERS.get(name)
        if handler is not None:
            if handler(st, cl):
                if cl.group:
                    st.used_groups.add(cl.group.lower())
                continue
        elif (cl.group and name in _GROUP_AUX) or (
            name.startswith(_KITH_PREFIX) and kithkin_props.decode(name, cl.value, c.kith)
        ):
            continue  # an Apple label (settled below), or one of Kithkin's own fields
        props.append(content_line(cl))
    for cl in aux:
        if cl.group.lower() not in st.used_groups:
            props.append(content_line(cl))
    _finish(st)
    return c


def _finish(st: _Card) -> None:
    c = st.c
    notes = st.notes
    if st.extra:
        notes = [*notes, "\n".join(st.extra)]
    c.notes = "\n\n".join(notes) or None
    emails = [v for kind, v, _ in c.channels if kind == "email"]
    phones = [v for kind, v, _ in c.channels if kind == "phone"]
    c.name = (st.fn or st.n_name or c.nickname or c.org or (emails[0] if emails else "")) or (
        phones[0] if phones else ""
    )  # a phone-only contact is named by it, as phones do
    kith = c.kith
    if kith:
        c.introduced_by = c.introduced_by or kith.get("introduced_by")
        c.met_how = c.met_how or kith.get("met_how")
        c.met_on = c.met_on or kith.get("met_on")
