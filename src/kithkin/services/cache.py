"""Answers kept until the data behind them changes.

Every transaction that writes gives its account a fresh random ``revision``
(:meth:`kithkin.services.context.Kith.begin`), whoever wrote: the web app, the CLI, an
import, another server process. An answer kept under (database, account, revision, key)
is therefore exactly the answer the service would compute now, and reading the revision
is one indexed lookup. The web app uses this for Today and a person's page, which many
requests ask for between writes, and the people search for its directory of an account
(a large answer, kept on a shelf of its own with room for a few accounts). Callers must
not change what they get back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import bindparam, select

from kithkin.services.context import Kith
from kithkin.storage.database import WROTE
from kithkin.storage.tables import accounts

T = TypeVar("T")

#: How many answers one process keeps (least recently used go first).
MAX_ENTRIES = 512
#: How many large answers (one per account, as big as the account) one process keeps.
MAX_LARGE = 8

#: Every cached answer reads this first: built once (statements built per call cost
#: SQLAlchemy more than SQLite takes to answer them).
_REVISION = select(accounts.c.revision).where(accounts.c.id == bindparam("account"))

_lock = threading.Lock()
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_large: OrderedDict[Hashable, Any] = OrderedDict()


def revision(kith: Kith) -> str | None:
    """The account's current data revision (None until its first write)."""
    with kith.begin() as conn:
        found = conn.execute(_REVISION, {"account": kith.account_id}).scalar()
    return None if found is None else str(found)


def _settings_stamp() -> tuple[int, int] | None:
    """When the settings file (which Today's rules come from) last changed."""
    from kithkin.services.settings import config_path

    try:
        st = config_path().stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def remembered(kith: Kith, key: Hashable, compute: Callable[[], T], *, large: bool = False) -> T:
    """``compute()``, or the answer it gave for ``key`` while the data was as it is now.

    An account without a revision yet (never written since it was made or upgraded) is
    never answered from memory. A ``large`` answer is kept once per (database, account,
    key), replaced when the data changes, among the last :data:`MAX_LARGE` such answers;
    small ones are kept per revision among the last :data:`MAX_ENTRIES`.
    """
    with kith.begin() as conn:  # the revision and a fresh answer: one connection
        if conn.info.get(WROTE):  # inside a transaction that wrote: nothing kept is sure
            return compute()
        rev = revision(kith)
        if rev is None:
            return compute()
        when = (rev, kith.today, _settings_stamp())
        if large:
            return _kept(_large, MAX_LARGE, (kith.url, kith.account_id, key), when, compute)
        return _kept(_entries, MAX_ENTRIES, (kith.url, kith.account_id, key, when), None, compute)


def _kept(
    shelf: OrderedDict[Hashable, Any],
    room: int,
    where: Hashable,
    when: Hashable,
    compute: Callable[[], T],
) -> T:
    """The answer kept at ``where`` if it was kept ``when``, else a fresh one kept there."""
    with _lock:
        if where in shelf and shelf[where][0] == when:
            shelf.move_to_end(where)
            return shelf[where][1]
    value = compute()
    with _lock:
        shelf[where] = (when, value)
        shelf.move_to_end(where)
        while len(shelf) > room:
            shelf.popitem(last=False)
    return value


def clear() -> None:
    """Forget every kept answer (tests; a restore that rewinds a revision)."""
    with _lock:
        _entries.clear()
        _large.clear()
