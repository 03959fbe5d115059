"""Accounts and logging in: who may use a shared server, and how they prove it.

Passwords are kept as argon2id hashes (argon2-cffi's defaults). Sessions and API tokens
are random 256-bit secrets handed to the user once; only their SHA-256 is stored, so a
copy of the database does not let anyone in. Failed logins are counted per account name
and per client address in the database, so every server process sees them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from kithkin.domain.errors import InvalidInput, KithError, NotFound
from kithkin.services.context import utcnow
from kithkin.storage import accounts_repo as repo

if TYPE_CHECKING:
    from argon2 import PasswordHasher

#: How long a login lasts.
SESSION_DAYS = 14
#: Failed logins allowed within the window: for one name from one address, from one
#: address, and for one name from anywhere (a slow cap on guessing from many addresses).
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
MAX_FAILURES_ANYWHERE = 100
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
TOKEN_PREFIX = "kith_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,119}$")


class LoginFailed(KithError):
    """Wrong name or password (never says which)."""


class TooManyAttempts(KithError):
    """Too many failed logins lately; try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, (retry_after + 59) // 60)
        super().__init__(f"too many failed logins: try again in {minutes} minute(s)")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Session:
    """Who a session cookie belongs to, and the token its forms must carry."""

    account_id: int
    name: str
    csrf: str


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _decoy() -> str:
    """A hash to check unknown names against, so they take as long as known ones."""
    return _hasher().hash(secrets.token_hex(16))


def digest(secret: str) -> str:
    """The stored form of a session or API token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """An account name: letters, digits and . _ @ -, up to 120 characters."""
    if not _NAME.match(name):
        raise InvalidInput(
            "name", f"{name!r} is not a usable account name (letters, digits, . _ @ -)"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput("password", f"use at most {MAX_PASSWORD} characters")
    return password


def add_user(engine: Engine, name: str, password: str) -> bool:
    """Give ``name`` a password; True when the account is new.

    An account that exists without a password (the CLI's own ``local`` account, say)
    gets one, so its data can be reached through the web app.
    """
    check_name(name)
    hashed = _hasher().hash(check_password(password))
    with engine.begin() as conn:
        found = repo.account_by_name(conn, name)
        if found is None:
            repo.add_account(conn, name, hashed, utcnow())
            return True
        if found["password_hash"]:
            raise KithError(f"{name} already has a password: use `kith user passwd {name}`")
        repo.set_password_hash(conn, found["id"], hashed)
        return False


def set_password(engine: Engine, name: str, password: str) -> None:
    """A new password for ``name``; every open session of theirs ends."""
    hashed = _hasher().hash(check_password(password))
    with engine.begin() as conn:
        found = _account(conn, name)
        repo.set_password_hash(conn, found["id"], hashed)
        repo.delete_sessions_of(conn, found["id"])


def remove_user(engine: Engine, name: str) -> None:
    """Delete an account and every record it holds."""
    with engine.begin() as conn:
        repo.delete_account(conn, _account(conn, name)["id"])


def users(engine: Engine) -> list[dict[str, Any]]:
    """Every account, with whether it can log in."""
    with engine.begin() as conn:
        return [
            {"name": r["name"], "can_log_in": bool(r["password_hash"]), "created": r["created_at"]}
            for r in repo.list_accounts(conn)
        ]


def _account(conn: Any, name: str) -> dict[str, Any]:
    found = repo.account_by_name(conn, name)
    if found is None:
        raise NotFound(f"no account called {name!r} - see `kith user list`")
    return found


def log_in(engine: Engine, name: str, password: str, client: str) -> tuple[str, Session]:
    """Check a password; a new session (its secret token, and what it grants).

    Raises TooManyAttempts before checking anything once this name from this address,
    this address, or this name from anywhere has failed too often within the window,
    and LoginFailed on a wrong name or password. Each attempt is counted as a failure
    before the password is checked (and forgiven if it was right), so attempts made at
    the same moment cannot slip past the limit.
    """
    now = utcnow()
    since = now - FAILURE_WINDOW
    name = name.strip()[:120]
    client = client[:64]
    with engine.begin() as conn:
        repo.serialise_logins(conn, name)
        repo.forget_failures(conn, since)
        pair, by_client, by_name, oldest = repo.failures_since(
            conn, since, name=name, client=client
        )
        if (
            pair >= MAX_FAILURES_PER_NAME
            or by_client >= MAX_FAILURES_PER_CLIENT
            or by_name >= MAX_FAILURES_ANYWHERE
        ):
            first = oldest or now
            raise TooManyAttempts(int((first + FAILURE_WINDOW - now).total_seconds()) + 1)
        attempt = repo.add_failure(conn, name, client, now)
        found = repo.account_by_name(conn, name)
    if not _verified(found, password):
        raise LoginFailed("wrong name or password")
    assert found is not None
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        repo.delete_failure(conn, attempt)
        repo.clear_failures(conn, name, client)
        repo.delete_expired_sessions(conn, now)
        repo.add_session(
            conn, found["id"], digest(token), csrf, now, now + timedelta(days=SESSION_DAYS)
        )
    return token, Session(found["id"], found["name"], csrf)


def _verified(found: dict[str, Any] | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    stored = found["password_hash"] if found else None
    try:
        ok = _hasher().verify(stored or _decoy(), password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False
    return bool(ok and stored)


def session(engine: Engine, token: str) -> Session | None:
    """The live session behind a cookie's token, if any."""
    with engine.connect() as conn:
        row = repo.session_by_hash(conn, digest(token), utcnow())
    return Session(row["account_id"], row["name"], row["csrf"]) if row else None


def log_out(engine: Engine, token: str) -> None:
    with engine.begin() as conn:
        repo.delete_session(conn, digest(token))


def add_token(engine: Engine, user: str, label: str) -> str:
    """A new API token for ``user``, labelled ``label``; shown once, never again."""
    label = label.strip()
    if not label or len(label) > 120:
        raise InvalidInput("name", "give the token a name of 1 to 120 characters")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        found = _account(conn, user)
        if label in repo.token_names(conn, found["id"]):
            raise KithError(f"{user} already has a token called {label!r}")
        repo.add_token(conn, found["id"], label, digest(token), utcnow())
    return token


def tokens(engine: Engine, user: str) -> list[dict[str, Any]]:
    with engine.begin() as conn:
        return repo.tokens_of(conn, _account(conn, user)["id"])


def revoke_token(engine: Engine, user: str, label: str) -> None:
    with engine.begin() as conn:
        if not repo.delete_token(conn, _account(conn, user)["id"], label):
            raise NotFound(f"{user} has no token called {label!r}")


def token_account(engine: Engine, token: str) -> int | None:
    """The account an API token acts for, or None for an unknown token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with engine.begin() as conn:
        row = repo.token_by_hash(conn, digest(token))
        if row is None:
            return None
        now = utcnow()
        last = row["last_used_at"]
        if last is None or now - last > timedelta(minutes=5):  # not a write per request
            repo.touch_token(conn, row["id"], now)
    return int(row["account_id"])
