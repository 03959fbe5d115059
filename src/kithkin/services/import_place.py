"""Where each imported contact goes: someone already known, or a new person.

Contacts are grouped: every group becomes (or merges into) one person. The order of
evidence is the Kithkin uid (a person merged into another is found as that other), then
the source id an earlier import recorded, then an
exact e-mail / phone / profile-URL match — against people already known and against
contacts earlier in the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from kithkin.domain.dedupe import channel_key
from kithkin.services.import_rows import Row
from kithkin.storage import extras_repo, import_repo, merge_repo


@dataclass
class Group:
    """Contacts that are one person: ``person_id`` when they are someone known."""

    rows: list[Row]
    person_id: int | None = None
    why: str | None = None
    merged_from: list[tuple[Row, str]] = field(default_factory=list)


def place(conn: Connection, account_id: int, fmt: str, rows: list[Row]) -> list[Group]:
    """Group the rows; known people get their id, the rest are new."""
    by_uid, _names = import_repo.people_index(conn, account_id)
    for absorbed, kept in merge_repo.absorbed_into(conn, account_id).items():
        by_uid.setdefault(absorbed, kept)  # someone merged away lives on in who kept them
    sources = extras_repo.source_owners(conn, account_id, fmt)
    known_channels: dict[str, int] = {}
    for pid, kind, value in import_repo.all_channels(conn, account_id):
        key = channel_key(kind, value)
        if key:
            known_channels.setdefault(key, pid)
    groups: list[Group] = []
    known_group: dict[int, Group] = {}
    new_by_uid: dict[str, Group] = {}
    new_by_source: dict[str, Group] = {}
    new_by_channel: dict[str, Group] = {}

    def known(pid: int, row: Row, why: str) -> None:
        g = known_group.get(pid)
        if g is None:
            g = known_group[pid] = Group(rows=[], person_id=pid, why=why)
            groups.append(g)
        g.rows.append(row)
        if why.startswith("same "):
            g.merged_from.append((row, why))

    for row in rows:
        keys = [(k, kind) for kind, value, _ in row.channels if (k := channel_key(kind, value))]
        if row.uid and row.uid in by_uid:
            known(by_uid[row.uid], row, "uid")
            continue
        if row.source_key in sources:
            known(sources[row.source_key], row, "source")
            continue
        hit = next(((known_channels[k], kind) for k, kind in keys if k in known_channels), None)
        if hit:
            known(hit[0], row, f"same {_word(hit[1])}")
            continue
        g = (
            (new_by_uid.get(row.uid) if row.uid else None)
            or new_by_source.get(row.source_key)
            or next((new_by_channel[k] for k, _ in keys if k in new_by_channel), None)
        )
        if g is None:
            g = Group(rows=[])
            groups.append(g)
        elif g.rows:
            why = next(
                (f"same {_word(kind)}" for k, kind in keys if new_by_channel.get(k) is g), ""
            )
            if why:
                g.merged_from.append((row, why))
        g.rows.append(row)
        if row.uid:
            new_by_uid.setdefault(row.uid, g)
        new_by_source.setdefault(row.source_key, g)
        for k, _ in keys:
            new_by_channel.setdefault(k, g)
    return groups


def _word(kind: str) -> str:
    return {"email": "e-mail", "url": "profile link"}.get(kind, kind)
