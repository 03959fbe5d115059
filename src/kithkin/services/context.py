"""The handle every service takes: which database, which account, which day it is."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, insert, select, update

from kithkin.domain.errors import Candidate
from kithkin.storage.database import WROTE
from kithkin.storage.tables import accounts

LOCAL_ACCOUNT = "local"


@dataclass
class Kith:
    """An open Kithkin database seen by one account on one day."""

    engine: Engine
    account_id: int
    today: date
    url: str = ""
    notices: list[str] = field(default_factory=list)
    #: Asked to pick one person when a name is ambiguous (the CLI sets it when
    #: interactive); returns the chosen id, or None to give up.
    chooser: Callable[[str, list[Candidate]], int | None] | None = None
    #: The transaction open in :meth:`begin`, which a nested ``begin`` joins.
    _open: Connection | None = field(default=None, init=False, repr=False, compare=False)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction: everything inside commits together or not at all.

        A ``begin`` inside another joins it (one connection, one commit at the end of the
        outer one), so a caller can wrap a service in its own reads: the answer cache
        reads the data's revision and computes a missing answer on one connection. An
        error inside the inner block that is caught there does not undo what the block
        wrote (the outer transaction still commits it): let errors reach the outer
        ``begin``. A transaction that wrote anything also gives the account a fresh
        revision (see :mod:`kithkin.services.cache`), in the same commit.
        """
        if self._open is not None:
            yield self._open
            return
        with self.engine.begin() as conn:
            self._open = conn
            try:
                conn.info.pop(WROTE, None)
                yield conn
                if conn.info.pop(WROTE, False):
                    conn.execute(
                        update(accounts)
                        .where(accounts.c.id == self.account_id)
                        .values(revision=uuid.uuid4().hex)
                    )
                    conn.info.pop(WROTE, None)
            finally:
                self._open = None


def new_uid() -> str:
    """A fresh stable id for a record."""
    return uuid.uuid4().hex


def utcnow() -> datetime:
    """Now, in UTC without tzinfo (how timestamps are stored), to the second."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def account_id_for(conn: Connection, name: str = LOCAL_ACCOUNT) -> int:
    """The id of the named account, created on first use."""
    found = conn.execute(select(accounts.c.id).where(accounts.c.name == name)).scalar()
    if found is not None:
        return int(found)
    pk = conn.execute(
        insert(accounts).values(name=name, created_at=utcnow(), revision=uuid.uuid4().hex)
    ).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def open_kith(
    db: str | None = None,
    *,
    demo: bool = False,
    today: date | None = None,
    account: str = LOCAL_ACCOUNT,
    create_account: bool = True,
) -> Kith:
    """Open (creating and migrating if needed) the database the user chose, as
    ``account`` (created on first use unless ``create_account`` is False)."""
    from kithkin.domain.errors import NotFound
    from kithkin.storage.database import open_engine, resolve_url

    url = resolve_url(db, demo=demo)
    engine = open_engine(url)
    with engine.begin() as conn:
        if not create_account:
            found = conn.execute(select(accounts.c.id).where(accounts.c.name == account))
            if found.scalar() is None:
                engine.dispose()
                raise NotFound(f"no account called {account!r} - see `kith user list`")
        account_id = account_id_for(conn, account)
    return Kith(engine=engine, account_id=account_id, today=today or date.today(), url=url)
