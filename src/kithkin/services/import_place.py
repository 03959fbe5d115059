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

from kithkin.domain.dedupe import channel_key, same_person_names
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
    """Group the rows; known people get their id, the rest are new.

    A uid or a shared channel only counts when the names can be one person
    (:func:`~kithkin.domain.dedupe.same_person_names`): a card that carries someone
    else's uid gets a uid of its own, and two people sharing a landline stay two.
    """
    by_uid, names = import_repo.people_index(conn, account_id)
    absorbed = merge_repo.absorbed_into(conn, account_id)  # merged away: who kept them
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
        name = row.columns["display_name"]
        keys = [(k, kind) for kind, value, _ in row.channels if (k := channel_key(kind, value))]
        if row.uid and row.uid in by_uid:
            if same_person_names(name, names[by_uid[row.uid]]):
                known(by_uid[row.uid], row, "uid")
                continue
            row.uid = None  # someone else's uid: this card becomes a person of its own
        if row.uid and row.uid in absorbed:
            known(absorbed[row.uid], row, "uid")
            continue
        if row.source_key in sources:
            known(sources[row.source_key], row, "source")
            continue
        hit = next(
            (
                (known_channels[k], kind)
                for k, kind in keys
                if k in known_channels and same_person_names(name, names[known_channels[k]])
            ),
            None,
        )
        if hit:
            known(hit[0], row, f"same {_word(hit[1])}")
            continue
        g, why = _new_group(row, name, keys, new_by_uid, new_by_source, new_by_channel)
        if g is None:
            g = Group(rows=[])
            groups.append(g)
        elif why.startswith("same "):
            g.merged_from.append((row, why))
        g.rows.append(row)
        if row.uid:
            new_by_uid.setdefault(row.uid, g)
        new_by_source.setdefault(row.source_key, g)
        for k, _ in keys:
            new_by_channel.setdefault(k, g)
    return groups


def _new_group(
    row: Row,
    name: str,
    keys: list[tuple[str, str]],
    by_uid: dict[str, Group],
    by_source: dict[str, Group],
    by_channel: dict[str, Group],
) -> tuple[Group | None, str]:
    """An earlier contact of the same file this one is: by uid, source id or channel."""

    def fits(g: Group | None) -> bool:
        return g is not None and same_person_names(name, g.rows[0].columns["display_name"])

    if row.uid:
        g = by_uid.get(row.uid)
        if fits(g):
            return g, "uid"
        if g is not None:
            row.uid = None
    g = by_source.get(row.source_key)
    if g is not None:
        return g, "source"
    for k, kind in keys:
        g = by_channel.get(k)
        if fits(g):
            return g, f"same {_word(kind)}"
    return None, ""


def _word(kind: str) -> str:
    return {"email": "e-mail", "url": "profile link"}.get(kind, kind)
