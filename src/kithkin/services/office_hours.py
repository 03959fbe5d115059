"""Closet office hours: propose 2–3 people who fuel you and share interests with each
other, word the invite, and write it as an iCalendar file. The choice itself is
:mod:`kithkin.domain.office_hours`; the words of the invite come from the drafts."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from kithkin.domain import office_hours as oh
from kithkin.domain.energy import EnergyReading, energy_reading
from kithkin.domain.errors import InvalidInput, KithError
from kithkin.domain.facts import PersonFacts
from kithkin.io import atomic
from kithkin.services import semantic
from kithkin.services.context import Kith, utcnow
from kithkin.services.inputs import read_date
from kithkin.services.matching import shared_between
from kithkin.services.people import resolve
from kithkin.storage import facts_repo, match_repo, people_repo

if TYPE_CHECKING:
    from kithkin.services.drafts import Draft

PRODID = "-//Kithkin//Office hours//EN"
SUMMARY = "Closet office hours"
#: What to do when too few people fuel you: rate the energy of your moments.
ENERGY_HINT = "log how time with people leaves you: kith log NAME coffee --energy +2"
INTEREST_HINT = 'note what your fuellers love: kith edit NAME --interest "natural wine"'


# --- choosing -------------------------------------------------------------------------


def _forced(kith: Kith, conn: Connection, names: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for q in names:
        pid = resolve(kith, conn, q)
        if pid not in ids:
            ids.append(pid)
    rows = match_repo.people_rows(conn, kith.account_id, ids)
    for pid in ids:
        if rows[pid]["status"] == "released":
            name = rows[pid]["display_name"]
            raise InvalidInput("with", f"{name} is released; `kith unrelease` them first")
    return ids


def _shared(kith: Kith, conn: Connection, ids: Sequence[int]) -> dict[oh.Pair, oh.Shared]:
    """What every two of these people share, by meaning (pairs sharing nothing left out)."""
    interests = match_repo.interests_by_person(conn, ids)
    with_any = sorted(i for i in ids if interests[i])
    out: dict[oh.Pair, oh.Shared] = {}
    for n, a in enumerate(with_any):
        for b in with_any[n + 1 :]:
            _, found = shared_between(kith, conn, interests[a], interests[b])
            if found:
                out[(a, b)] = oh.Shared(tuple((m.mine, m.theirs, m.score) for m in found))
    return out


def _email(conn: Connection, pid: int) -> str | None:
    return next(
        (c["value"] for c in people_repo.channels_of(conn, pid) if c["kind"] == "email"), None
    )


def _member(
    conn: Connection, kith: Kith, c: oh.Candidate, reading: EnergyReading
) -> dict[str, Any]:
    row = people_repo.get_person(conn, kith.account_id, c.id) or {}
    return {
        "person_id": c.id,
        "person": c.name,
        "uid": row.get("uid"),
        "location": c.location,
        "timezone": c.timezone,
        "energy": reading.label,
        "energy_mean": None if reading.mean is None else round(reading.mean, 2),
        "fuel": reading.evidence(),
        "email": _email(conn, c.id),
    }


def _group_dict(
    conn: Connection,
    kith: Kith,
    group: oh.Group,
    people: dict[int, oh.Candidate],
    shared: dict[oh.Pair, oh.Shared],
    readings: dict[int, EnergyReading],
) -> dict[str, Any]:
    pairs = []
    for n, a in enumerate(group.members):
        for b in group.members[n + 1 :]:
            found = shared.get(oh.key(a, b))
            if not found:
                continue
            lo, hi = oh.key(a, b)
            pairs.append(
                {
                    "a": people[lo].name,
                    "b": people[hi].name,
                    "strength": round(found.strength, 3),
                    "matches": [{"a": x, "b": y, "score": s} for x, y, s in found.matches],
                }
            )
    members = [people[i] for i in group.members]
    return {
        "people": [_member(conn, kith, people[i], readings[i]) for i in group.members],
        "score": round(group.score, 3),
        "shared": pairs,
        "place": oh.place_words(members),
        "why": oh.explain(group, people, shared),
    }


def propose(kith: Kith, size: int = 3, with_people: Sequence[str] = ()) -> dict[str, Any]:
    """The best group of ``size`` (2 or 3) people to invite to work side by side, and
    up to two alternatives. Candidates are active people who fuel you; anyone named in
    ``with_people`` is in every group (whatever their energy, unless released).

    Returns {"size", "semantic", "fuellers", "group" (None when there is none),
    "alternatives", "message", "hint"}; message and hint say in words why there is no
    group and what would help.
    """
    if size not in oh.SIZES:
        raise InvalidInput("size", f"office hours are for 2 or 3 people, not {size}")
    if len(set(with_people)) > size:
        raise InvalidInput("with", f"{len(with_people)} people do not fit a group of {size}")
    with kith.begin() as conn:
        forced = _forced(kith, conn, with_people)
        if len(forced) > size:
            raise InvalidInput("with", f"{len(forced)} people do not fit a group of {size}")
        active = {p for p, _ in match_repo.interest_rows(conn, kith.account_id, kith.today)}
        facts = facts_repo.stored(conn, kith.account_id)
        readings = {p: energy_reading(f) for p, f in facts.items()}
        fuelling = [p for p, r in readings.items() if r.label == "fueller"]
        fuellers = [p for p in fuelling if p in active]
        for pid in forced:
            readings.setdefault(pid, energy_reading(PersonFacts()))
        rows = match_repo.people_rows(conn, kith.account_id, [*fuelling, *forced])
        people = {
            pid: oh.Candidate(
                pid,
                rows[pid]["display_name"],
                rows[pid]["location"],
                rows[pid]["timezone"],
                readings[pid].mean or 0.0,
            )
            for pid in dict.fromkeys([*fuellers, *forced])
        }
        pool = oh.shortlist(list(people.values()), forced)
        shared = _shared(kith, conn, [c.id for c in pool])
        groups = oh.choose(pool, shared, size, forced)
        found = [_group_dict(conn, kith, g, people, shared, readings) for g in groups]
    # active fuellers whose interests Kithkin does not know yet
    unknown = sum(1 for p in fuelling if p not in active and rows[p]["status"] == "active")
    message, hint = _why_none(found, len(fuellers), unknown, [people[i].name for i in forced])
    return {
        "size": size,
        "semantic": semantic.matcher(kith).semantic,
        "fuellers": len(fuellers),
        "group": found[0] if found else None,
        "alternatives": found[1:],
        "message": message,
        "hint": hint,
    }


def _why_none(
    found: list[Any], fuellers: int, without_interests: int, forced: list[str]
) -> tuple[str | None, str | None]:
    """Why there is no group, and what would help (both None when there is one)."""
    if found:
        return None, None
    if fuellers + len(forced) < 2:
        have = "Nobody fuels you" if fuellers == 0 else "Only one person fuels you"
        if without_interests:
            return (
                f"{have} whose interests Kithkin knows; {without_interests} more fuel you "
                "but have no interests noted.",
                INTEREST_HINT,
            )
        return f"{have} yet, as far as Kithkin knows: office hours need two.", ENERGY_HINT
    who = " and ".join(forced)
    if len(forced) >= 2:
        return (
            f"{who} share no interest Kithkin knows of, or live too far apart.",
            INTEREST_HINT,
        )
    if forced:
        return f"None of your fuellers nearby shares an interest with {who} yet.", INTEREST_HINT
    return (
        f"None of your {fuellers} fuellers share an interest with each other nearby yet.",
        INTEREST_HINT,
    )


# --- the invite -----------------------------------------------------------------------

_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def read_time(field: str, text: str) -> time:
    """A time of day like 14:00 or 9:30, or InvalidInput naming the field."""
    m = _TIME.fullmatch(text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise InvalidInput(field, f"'{text}' is not a time like 14:00")
    return time(int(m[1]), int(m[2]))


def read_when(kith: Kith, on: str | None, at: str, tz: str | None = None) -> datetime:
    """When office hours start, from the user's words: ``on`` a day (default: next
    Friday; not in the past), ``at`` a time like 14:00, in time zone ``tz`` (an IANA
    name) or, without one, floating local time. InvalidInput naming the field."""
    day = read_date("on", on or "next friday", kith.today, prefer="future")
    if day < kith.today:
        raise InvalidInput("on", f"{day.isoformat()} is in the past; office hours are ahead")
    start = datetime.combine(day, read_time("at", at))
    if tz is None:
        return start
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return start.replace(tzinfo=ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("tz", f"'{tz}' is not a known time zone (e.g. Europe/Lisbon)") from None


def _ids(group: dict[str, Any]) -> list[int]:
    return [int(p["person_id"]) for p in group["people"]]


def invite(
    kith: Kith,
    group: dict[str, Any],
    when: datetime | None,
    where: str | None,
    hours: float | None = None,
) -> Draft:
    """The words of the invite, from the drafts (checked like every outgoing note)."""
    from kithkin.services import drafts

    people = [f"#{pid}" for pid in _ids(group)]
    return drafts.office_hours_invite(kith, people, when, where, hours=hours)


def uid(group: dict[str, Any], when: datetime) -> str:
    """A stable event UID: the same people on the same day give the same UID."""
    uids = sorted(str(p.get("uid") or p["person_id"]) for p in group["people"])
    digest = hashlib.sha1(("|".join(uids) + "|" + when.date().isoformat()).encode()).hexdigest()
    return f"{digest}@kithkin"


def calendar(
    group: dict[str, Any], when: datetime, hours: float, where: str | None, text: str
) -> bytes:
    """The invite as iCalendar (RFC 5545) bytes: one VEVENT, METHOD REQUEST, an ATTENDEE
    for everyone with an e-mail address. ``when`` without tzinfo is floating local time."""
    from icalendar import Calendar, Event, vCalAddress, vText

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid(group, when))
    event.add("dtstamp", utcnow().replace(tzinfo=UTC))
    event.add("dtstart", when)
    event.add("dtend", when + timedelta(hours=hours))
    event.add("summary", SUMMARY)
    if where:
        event.add("location", where)
    event.add("description", text)
    for p in group["people"]:
        if not p.get("email"):
            continue
        who = vCalAddress(f"mailto:{p['email']}")
        who.params["cn"] = vText(p["person"])
        who.params["role"] = vText("REQ-PARTICIPANT")
        who.params["partstat"] = vText("NEEDS-ACTION")
        who.params["rsvp"] = vText("TRUE")
        event.add("attendee", who, encode=False)
    cal.add_component(event)
    if when.tzinfo is not None:  # a VTIMEZONE covering the year around the event
        day = when.date()
        cal.add_missing_timezones(day - timedelta(days=366), day + timedelta(days=366))
    return bytes(cal.to_ical())


def write_invite(
    kith: Kith,
    group: dict[str, Any],
    when: datetime,
    hours: float,
    where: str | None,
    path: Path,
    *,
    text: str | None = None,
) -> Path:
    """Write the invite for ``group`` (a group from :func:`propose`) to ``path`` as an
    .ics file, atomically; returns the path. ``text`` is the invite's words when the
    caller already has them (else they come from :func:`invite`)."""
    if hours <= 0:
        raise InvalidInput("hours", "office hours last more than 0 hours")
    if where and len(where) > 300:
        raise InvalidInput("where", "is longer than 300 characters")
    if text is None:
        text = invite(kith, group, when, where, hours).body
    if not path.parent.is_dir():
        raise KithError(f"cannot write {path}: the folder {path.parent} does not exist")
    written = atomic.write_bytes(path, calendar(group, when, hours, where, text))
    _record(kith, group, when, hours, where, text)
    return written


def _record(
    kith: Kith, group: dict[str, Any], when: datetime, hours: float, where: str | None, text: str
) -> None:
    """Keep the office hours for `kith calendar` (the same people on the same day replace
    the earlier record, as the invite's UID does)."""
    from kithkin.storage.calendar_repo import save_office_hour

    tz = getattr(when.tzinfo, "key", None)
    values = {
        "uid": uid(group, when),
        "starts_at": when.replace(tzinfo=None),
        "timezone": tz,
        "hours": hours,
        "place": where,
        "description": text,
    }
    with kith.begin() as conn:
        save_office_hour(conn, kith.account_id, values, _ids(group))
