"""People: add, edit, find, list, release, snooze and forget."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from kithkin.domain import names, records
from kithkin.domain.dates import DateParseError, parse_birthday
from kithkin.domain.errors import Ambiguous, Candidate, InvalidInput, NotFound
from kithkin.services.context import Kith, new_uid, utcnow
from kithkin.services.inputs import read_date, read_past_date
from kithkin.storage import people_repo


@dataclass
class PersonInput:
    """What a user may say about a person; every value is raw text to be checked here."""

    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    nickname: str | None = None
    pronouns: str | None = None
    met_how: str | None = None
    met_where: str | None = None
    met_on: str | None = None
    via: str | None = None
    notes: str | None = None
    birthday: str | None = None
    location: str | None = None
    timezone: str | None = None
    generation: str | None = None
    field: str | None = None
    org: str | None = None
    title: str | None = None
    cadence: str | None = None
    pancake: str | None = None
    interests: Sequence[str] = ()
    channels: Sequence[tuple[str, str]] = ()
    tags: Sequence[str] = ()
    remove_interests: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    remove_channels: Sequence[str] = ()


def _check_timezone(tz: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            "timezone", f"'{tz}' is not a known time zone (e.g. Europe/Berlin)"
        ) from None
    return tz


_PLAIN = (
    "pronouns",
    "met_how",
    "met_where",
    "notes",
    "location",
    "generation",
    "field",
    "org",
    "title",
    "nickname",
    "given_name",
    "family_name",
)


def _columns(kith: Kith, conn: Connection, data: PersonInput) -> dict[str, Any]:
    """Validated column values for the fields the input sets ('' clears a field)."""
    cols: dict[str, Any] = {}
    for key in _PLAIN:
        value = getattr(data, key)
        if value is not None:
            cols[key] = records.text_field(key, value)
    if data.name is not None:
        cols["display_name"] = records.name(data.name)
    if data.met_on is not None:
        cols["met_on"] = read_past_date("met on", data.met_on, kith.today) if data.met_on else None
    if data.birthday is not None:
        if data.birthday.strip():
            try:
                y, m, d = parse_birthday(data.birthday)
            except DateParseError as exc:
                raise InvalidInput("birthday", str(exc)) from None
            cols.update(birthday_year=y, birthday_month=m, birthday_day=d)
        else:
            cols.update(birthday_year=None, birthday_month=None, birthday_day=None)
    if data.timezone is not None:
        cols["timezone"] = _check_timezone(data.timezone.strip()) if data.timezone.strip() else None
    if data.cadence is not None:
        cols["cadence_days"] = records.cadence_days(data.cadence) if data.cadence else None
    if data.pancake is not None:
        cols["pancake"] = (
            records.choice("pancake", data.pancake, records.PANCAKE) if data.pancake else None
        )
    if data.via is not None:
        cols["introduced_by_id"] = resolve(kith, conn, data.via) if data.via else None
    return cols


def _children(kith: Kith, conn: Connection, person_id: int, data: PersonInput) -> None:
    interests = [records.interest(t) for t in data.interests]
    chans = [records.channel(k, v) for k, v in data.channels]
    tag_names = [records.tag(t) for t in data.tags]
    people_repo.remove_interests(
        conn, person_id, [records.phrase(t) for t in data.remove_interests]
    )
    people_repo.add_interests(conn, person_id, interests)
    for value in data.remove_channels:
        if not people_repo.remove_channel(conn, person_id, value.strip()):
            raise InvalidInput("channel", f"'{value}' is not one of this person's channels")
    people_repo.add_channels(conn, person_id, [(k, v, None) for k, v in chans])
    people_repo.remove_tags(
        conn, kith.account_id, person_id, [records.tag(t) for t in data.remove_tags]
    )
    people_repo.add_tags(conn, kith.account_id, person_id, tag_names)
    if interests or data.remove_interests:
        from kithkin.services import saved, semantic

        semantic.embed_texts(kith, conn, [p for p, _ in interests])
        saved.refresh_fresh(kith, conn)


def _search_name(row: dict[str, Any]) -> str:
    return names.person_key(
        row.get("display_name"), row.get("nickname"), row.get("given_name"), row.get("family_name")
    )


def add_person(kith: Kith, data: PersonInput) -> int:
    """Add a person; returns their id. Nothing is written if any field is wrong."""
    if not data.name:
        raise InvalidInput("name", "is empty")
    with kith.begin() as conn:
        cols = _columns(kith, conn, data)
        if "given_name" not in cols and "family_name" not in cols:
            cols["given_name"], cols["family_name"] = records.split_name(cols["display_name"])
        now = utcnow()
        cols.update(
            account_id=kith.account_id,
            uid=new_uid(),
            created_at=now,
            updated_at=now,
            status="active",
        )
        cols["search_name"] = _search_name(cols)
        person_id = people_repo.insert_person(conn, cols)
        _children(kith, conn, person_id, data)
    return person_id


def edit_person(kith: Kith, query: str, data: PersonInput) -> int:
    """Change what the input sets; returns the person's id."""
    with kith.begin() as conn:
        person_id = resolve(kith, conn, query)
        cols = _columns(kith, conn, data)
        if cols.get("introduced_by_id") == person_id:
            raise InvalidInput("via", "a person cannot have introduced you to themselves")
        row = people_repo.get_person(conn, kith.account_id, person_id)
        assert row is not None
        row.update(cols)
        cols["search_name"] = _search_name(row)
        cols["updated_at"] = utcnow()
        people_repo.update_person(conn, person_id, cols)
        _children(kith, conn, person_id, data)
    return person_id


def resolve(kith: Kith, conn: Connection, query: str) -> int:
    """The one person a query means, or NotFound / Ambiguous with the candidates."""
    q = query.strip()
    if not q:
        raise InvalidInput("person", "no name given")
    if _is_id(q):
        return int(resolve_row(kith, conn, q)["id"])
    hits = matches(kith, conn, q)
    if not hits:
        raise NotFound(f"nobody called '{q}' - try 'kith find {q}' or 'kith add'")
    if len(hits) > 1:
        candidates = [Candidate(e.id, e.name) for e in hits]
        picked = kith.chooser(q, candidates) if kith.chooser else None
        if picked is None:
            raise Ambiguous(q, candidates)
        return picked
    return hits[0].id


def _is_id(q: str) -> bool:
    """``#12``: a person's id (decimal digits only; '#²' is a name, not an id)."""
    return q.startswith("#") and q[1:].isdecimal()


def resolve_id(kith: Kith, conn: Connection, query: str) -> int:
    """The id a query means: an id (``#12``) as written, without reading anything (the
    caller reads the person, in this account, and says when there is none); a name as
    :func:`resolve` finds it."""
    q = query.strip()
    if _is_id(q):
        wanted = int(q[1:])
        if wanted > records.MAX_ID:  # larger ids cannot exist
            raise NotFound(f"no person with id {q}")
        return wanted
    return resolve(kith, conn, q)


def resolve_row(kith: Kith, conn: Connection, query: str) -> dict[str, Any]:
    """The row of the one person a query means (see :func:`resolve`)."""
    q = query.strip()
    row = people_repo.get_person(conn, kith.account_id, resolve_id(kith, conn, q))
    if row is None:  # only an id can name no one: a name resolves to someone or fails
        raise NotFound(f"no person with id {q}")
    return row


def matches(kith: Kith, conn: Connection, query: str) -> list[names.NameEntry]:
    """Everyone a query could mean, best first (see :func:`kithkin.domain.names.resolve`)."""
    words = names.fold(query).replace("-", " ").split()
    if not words:
        return []
    whole = people_repo.name_entries_starting(conn, kith.account_id, names.fold(query))
    if len(whole) == 1:  # the usual case, a full name: answered from the index
        return whole
    narrowed = people_repo.name_entries(conn, kith.account_id, contains=max(words, key=len))
    for tier in (names.match_exact, names.match_words, names.match_substring):
        hits = tier(query, narrowed)
        if hits:
            return hits[: names.MAX_CANDIDATES]
    return names.resolve(query, people_repo.name_entries(conn, kith.account_id))


def find(kith: Kith, query: str) -> list[dict[str, Any]]:
    """People matching a query with what they are about, for a pick list."""
    with kith.begin() as conn:
        hits = matches(kith, conn, query)
        ids = [h.id for h in hits]
        interests = people_repo.interests_of(conn, ids)
        out = []
        for h in hits:
            row = people_repo.get_person(conn, kith.account_id, h.id)
            assert row is not None
            out.append(
                {
                    "id": h.id,
                    "name": h.name,
                    "status": records.effective_status(
                        row["status"], row["snoozed_until"], kith.today
                    ),
                    "interests": [i["phrase"] for i in interests[h.id]],
                    "met_where": row["met_where"],
                }
            )
    return out


def list_people(
    kith: Kith, *, tag: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Everyone (optionally by tag or status), with when you last saw them."""
    wanted = None
    if status:
        status = records.choice("status", status, records.STATUSES)
        wanted = [status] if status != "active" else ["active", "snoozed"]
    with kith.begin() as conn:
        rows = people_repo.list_people(conn, kith.account_id, tag=tag, statuses=wanted)
        tags = people_repo.tags_of(conn, [r["id"] for r in rows])
    out = []
    for r in rows:
        eff = records.effective_status(r["status"], r["snoozed_until"], kith.today)
        if status and eff != status:
            continue
        out.append(
            {
                "id": r["id"],
                "name": r["display_name"],
                "status": eff,
                "last_seen": r["last_seen"],
                "moments": r["moment_count"] or 0,
                "tags": tags[r["id"]],
                "cadence_days": r["cadence_days"],
                "pancake": r["pancake"],
            }
        )
    return out


def release(kith: Kith, query: str, note: str | None = None) -> str:
    """Let someone go, kindly: they stay on record but leave every suggestion."""
    with kith.begin() as conn:
        row = resolve_row(kith, conn, query)
        people_repo.set_status(
            conn, row["id"], "released", released_on=kith.today, release_note=note, now=utcnow()
        )
    return str(row["display_name"])


def reactivate(kith: Kith, query: str) -> str:
    """Bring a released or snoozed person back."""
    with kith.begin() as conn:
        row = resolve_row(kith, conn, query)
        people_repo.set_status(conn, row["id"], "active", now=utcnow())
    return str(row["display_name"])


def snooze(kith: Kith, query: str, until: str) -> tuple[str, date]:
    """Keep someone out of suggestions until a date."""
    with kith.begin() as conn:
        row = resolve_row(kith, conn, query)
        day = read_date("until", until, kith.today, prefer="future")
        if day <= kith.today:
            raise InvalidInput("until", f"{day.isoformat()} is not in the future")
        if row["status"] == "released":
            raise InvalidInput(
                "person", f"{row['display_name']} is released; 'kith unrelease' first"
            )
        people_repo.set_status(conn, row["id"], "snoozed", snoozed_until=day, now=utcnow())
    return str(row["display_name"]), day


def forget(kith: Kith, query: str) -> str:
    """Delete a person and everything only about them. Shared moments stay for the others."""
    with kith.begin() as conn:
        row = resolve_row(kith, conn, query)
        people_repo.delete_person(conn, row["id"])
    return str(row["display_name"])


def person_name(kith: Kith, query: str) -> tuple[int, str]:
    """Resolve a query to (id, display name) without changing anything."""
    with kith.begin() as conn:
        row = resolve_row(kith, conn, query)
    return int(row["id"]), str(row["display_name"])
