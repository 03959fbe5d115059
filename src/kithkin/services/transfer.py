"""Export and import in Kithkin's own JSON format; every import is one transaction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from kithkin.domain.errors import InvalidInput, KithError
from kithkin.io import atomic
from kithkin.io.json_format import check_document, make_document
from kithkin.services.context import Kith, utcnow
from kithkin.storage.snapshot import read_snapshot, write_snapshot
from kithkin.storage.tables import people


def export_document(kith: Kith) -> dict[str, Any]:
    """The account's records as a Kithkin JSON document (read in one transaction)."""
    with kith.begin() as conn:
        return make_document(read_snapshot(conn, kith.account_id))


def dumps(doc: dict[str, Any]) -> str:
    """The document as stable, readable JSON text."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write a text file so readers see the old or the new content, never half of it."""
    atomic.write_text(path, text)


def read_json_file(path: Path) -> Any:
    """Parse a JSON file, or one clear error naming the file and the line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KithError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise KithError(f"{path}: is a folder, not a JSON file") from None
    if not raw.strip():
        raise KithError(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KithError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise KithError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None


def import_document(kith: Kith, doc: Any, *, source: str = "document") -> dict[str, int]:
    """Check a whole document, then add its records in one transaction."""
    with kith.begin() as conn:
        known = [
            u
            for (u,) in conn.execute(
                select(people.c.uid).where(people.c.account_id == kith.account_id)
            )
        ]

        def people_ids(conn: Connection) -> list[int]:
            q = select(people.c.id).where(people.c.account_id == kith.account_id)
            return [i for (i,) in conn.execute(q)]

        try:
            snap = check_document(doc, known_people=known)
        except InvalidInput as exc:
            raise KithError(f"{source}: {exc}") from None
        before = set(people_ids(conn))
        added = write_snapshot(conn, kith.account_id, snap, now=utcnow())
        new = [p for p in people_ids(conn) if p not in before]
        if new:
            from kithkin.services import dedupe

            dedupe.queue_likely(kith, conn, new)
        derive_matching(kith, conn)
        return added


def derive_matching(kith: Kith, conn: Connection) -> None:
    """After a bulk write: vectors for new phrases, saved items matched to people."""
    from kithkin.services import saved, semantic

    semantic.embed_missing(kith, conn)
    saved.match_items(kith, conn)


def import_json_file(kith: Kith, path: Path) -> dict[str, int]:
    """Import a Kithkin JSON file: all of it, or nothing."""
    return import_document(kith, read_json_file(path), source=str(path))
