"""Accounts, sessions, API tokens and failed logins: the SQL behind logging in."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text, update

from kithkin.storage.tables import accounts, api_tokens, login_failures, sessions


def account_by_name(conn: Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(select(accounts).where(accounts.c.name == name)).mappings().first()
    return dict(row) if row else None


def account_by_id(conn: Connection, account_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().first()
    return dict(row) if row else None


def list_accounts(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(accounts).order_by(accounts.c.name)).mappings().all()
    return [dict(r) for r in rows]


def add_account(conn: Connection, name: str, password_hash: str | None, now: datetime) -> int:
    pk = conn.execute(
        insert(accounts).values(
            name=name, password_hash=password_hash, created_at=now, revision=uuid.uuid4().hex
        )
    ).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def set_password_hash(conn: Connection, account_id: int, password_hash: str) -> None:
    conn.execute(
        update(accounts).where(accounts.c.id == account_id).values(password_hash=password_hash)
    )


def delete_account(conn: Connection, account_id: int) -> None:
    conn.execute(delete(accounts).where(accounts.c.id == account_id))


def add_session(
    conn: Connection, account_id: int, token_hash: str, csrf: str, now: datetime, until: datetime
) -> None:
    conn.execute(
        insert(sessions).values(
            account_id=account_id,
            token_hash=token_hash,
            csrf=csrf,
            created_at=now,
            expires_at=until,
        )
    )


def session_by_hash(conn: Connection, token_hash: str, now: datetime) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(sessions.c.account_id, sessions.c.csrf, accounts.c.name)
            .join(accounts, accounts.c.id == sessions.c.account_id)
            .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > now)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def delete_session(conn: Connection, token_hash: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))


def delete_sessions_of(conn: Connection, account_id: int) -> None:
    conn.execute(delete(sessions).where(sessions.c.account_id == account_id))


def delete_expired_sessions(conn: Connection, now: datetime) -> None:
    conn.execute(delete(sessions).where(sessions.c.expires_at <= now))


def add_token(conn: Connection, account_id: int, name: str, token_hash: str, now: datetime) -> None:
    conn.execute(
        insert(api_tokens).values(
            account_id=account_id, name=name, token_hash=token_hash, created_at=now
        )
    )


def token_names(conn: Connection, account_id: int) -> set[str]:
    rows = conn.execute(select(api_tokens.c.name).where(api_tokens.c.account_id == account_id))
    return {r[0] for r in rows}


def tokens_of(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.last_used_at)
        .where(api_tokens.c.account_id == account_id)
        .order_by(api_tokens.c.name)
    ).mappings()
    return [dict(r) for r in rows]


def delete_token(conn: Connection, account_id: int, name: str) -> bool:
    done = conn.execute(
        delete(api_tokens).where(api_tokens.c.account_id == account_id, api_tokens.c.name == name)
    )
    return bool(done.rowcount)


def token_by_hash(conn: Connection, token_hash: str) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(api_tokens.c.id, api_tokens.c.account_id, api_tokens.c.last_used_at).where(
                api_tokens.c.token_hash == token_hash
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def touch_token(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))


def add_failure(conn: Connection, name: str, client: str, now: datetime) -> int:
    pk = conn.execute(
        insert(login_failures).values(name=name, client=client, at=now)
    ).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def delete_failure(conn: Connection, failure_id: int) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.id == failure_id))


def failures_since(
    conn: Connection, since: datetime, *, name: str, client: str
) -> tuple[int, int, int, datetime | None]:
    """Failed logins since ``since``: for this name from this address, from this address,
    for this name; and the oldest of them."""
    recent = login_failures.c.at > since
    mine = (login_failures.c.name == name) | (login_failures.c.client == client)
    rows = conn.execute(
        select(login_failures.c.name, login_failures.c.client, login_failures.c.at).where(
            recent, mine
        )
    ).all()
    pair = sum(1 for n, c, _ in rows if n == name and c == client)
    by_client = sum(1 for _, c, _ in rows if c == client)
    by_name = sum(1 for n, _, _ in rows if n == name)
    oldest = min((at for *_, at in rows), default=None)
    return pair, by_client, by_name, oldest


def serialise_logins(conn: Connection, name: str) -> None:
    """On PostgreSQL, one login check per name at a time (SQLite serialises writers)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:n))"), {"n": "kith-login:" + name}
        )


def forget_failures(conn: Connection, before: datetime) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.at <= before))


def clear_failures(conn: Connection, name: str, client: str) -> None:
    conn.execute(
        delete(login_failures).where(
            login_failures.c.name == name, login_failures.c.client == client
        )
    )
