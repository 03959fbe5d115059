"""Backups: a consistent copy while the database is in use, and restoring one."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from kithkin.domain.errors import KithError
from kithkin.services.context import Kith
from kithkin.storage.database import ensure_schema, sqlite_path


def backup(kith: Kith, dest: Path) -> str:
    """Copy the database to ``dest``; returns what kind of copy it is.

    SQLite: SQLite's online backup API (consistent even while others write), into a
    temporary file renamed into place. PostgreSQL: this account's lossless JSON export.
    """
    dest = dest.expanduser()
    if dest.is_dir():
        raise KithError(f"{dest}: is a folder; give a file name for the backup")
    if sqlite_path(kith.url) is None:
        from kithkin.services.transfer import dumps, export_document, write_atomically

        write_atomically(dest, dumps(export_document(kith)))
        return "json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.part")
    tmp.unlink(missing_ok=True)
    raw = kith.engine.raw_connection()
    try:
        src = raw.driver_connection
        assert isinstance(src, sqlite3.Connection)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        raw.close()
    tmp.replace(dest)
    return "sqlite"


def _check_sqlite_backup(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise KithError(f"{path}: not a Kithkin backup ({exc})") from None
    if not ok or ok[0] != "ok":
        raise KithError(f"{path}: the backup is damaged ({ok[0] if ok else 'unreadable'})")
    if not {"people", "moments", "alembic_version"} <= names:
        raise KithError(f"{path}: not a Kithkin backup (no Kithkin tables)")


def _restore_json(kith: Kith, source: Path) -> Path:
    """Replace this account's records with a JSON backup's, in one transaction."""
    from kithkin.domain.errors import InvalidInput
    from kithkin.io.json_format import check_document
    from kithkin.services.context import utcnow
    from kithkin.services.transfer import (
        derive_matching,
        dumps,
        export_document,
        read_json_file,
        write_atomically,
    )
    from kithkin.storage.snapshot import clear_account, write_snapshot

    try:
        snap = check_document(read_json_file(source))
    except InvalidInput as exc:
        raise KithError(f"{source}: {exc}") from None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    saved = source.with_name(f"{source.name}.before-restore-{stamp}.json")
    write_atomically(saved, dumps(export_document(kith)))
    with kith.begin() as conn:
        clear_account(conn, kith.account_id)
        write_snapshot(conn, kith.account_id, snap, now=utcnow())
        derive_matching(kith, conn)
    return saved


def restore(kith: Kith, source: Path) -> Path:
    """Replace the data with a backup; the current data is kept first, and its place
    is returned. SQLite: the whole file is replaced (the old one kept beside it).
    PostgreSQL: this account's records are replaced by the JSON backup's (the old ones
    kept as JSON beside the backup).
    """
    source = source.expanduser()
    if not source.is_file():
        raise KithError(f"{source}: no such backup file")
    live = sqlite_path(kith.url)
    if live is None:
        return _restore_json(kith, source)
    if source.resolve() == live.resolve():
        raise KithError(f"{source}: that is the database itself")
    _check_sqlite_backup(source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    saved = live.with_name(f"{live.name}.before-restore-{stamp}")
    backup(kith, saved)
    kith.engine.dispose()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(live)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    ensure_schema(kith.engine)
    _fresh_revisions(kith)
    return saved


def _fresh_revisions(kith: Kith) -> None:
    """A restored file brings old revisions back: give every account a new one, so no
    server keeps answers from before the restore."""
    import uuid

    from sqlalchemy import select, update

    from kithkin.storage.tables import accounts

    with kith.engine.begin() as conn:
        for (account_id,) in conn.execute(select(accounts.c.id)).all():
            conn.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(revision=uuid.uuid4().hex)
            )
