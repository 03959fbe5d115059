"""Before any worker starts, `kith serve` prepares the database once."""

from __future__ import annotations

from sqlalchemy import create_engine, select

from kithkin.storage.tables import accounts
from kithkin.web.config import WebConfig
from kithkin.web.serve import prepare_database


def _accounts(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(select(accounts.c.name)).scalars())
    finally:
        engine.dispose()


def test_a_server_without_login_has_its_account_before_workers_start(db_url):  # type: ignore[no-untyped-def]
    # Workers each open the app at once; if they had to make the account, they collided
    # on its unique name and one of them died.
    prepare_database(WebConfig(url=db_url, require_login=False, account="sam"))
    assert _accounts(db_url) == ["sam"]
    prepare_database(WebConfig(url=db_url, require_login=False, account="sam"))
    assert _accounts(db_url) == ["sam"]


def test_a_server_with_login_makes_no_account(db_url):  # type: ignore[no-untyped-def]
    prepare_database(WebConfig(url=db_url))
    assert _accounts(db_url) == []
