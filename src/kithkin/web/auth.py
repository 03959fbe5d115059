"""Who is asking: an API token, a session cookie, or (open loopback server) the one user.

Also the CSRF guard every unsafe request passes: a form must carry the ``csrf`` field and
a script the ``X-CSRF-Token`` header, equal to the session's token (or, before logging
in and on an open server, to the ``kith_csrf`` cookie). Requests with an API token carry
no cookie, so they need no CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from kithkin.services import accounts
from kithkin.services.context import Kith
from kithkin.web.config import WebConfig, is_loopback
from kithkin.web.errors import BadCsrf, NeedLogin

SESSION_COOKIE = "kith_session"
CSRF_COOKIE = "kith_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Caller:
    """The account a request acts for, and how it proved it."""

    account_id: int
    name: str
    via: str  # "token", "session" or "open"
    csrf: str  # what its forms must carry ("" for API tokens)


@dataclass(frozen=True)
class AppState:
    config: WebConfig
    engine: Engine
    open_account_id: int | None


def state_of(request: Request) -> AppState:
    return request.app.state.kith


def _bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def page_csrf(request: Request) -> str:
    """The pre-login / open-server CSRF token: the cookie's, or a new one to set."""
    found = request.cookies.get(CSRF_COOKIE)
    if found:
        return found
    new = getattr(request.state, "new_csrf", None)
    if new is None:
        new = request.state.new_csrf = secrets.token_urlsafe(32)
    return str(new)


def _session(request: Request) -> accounts.Session | None:
    if hasattr(request.state, "session"):
        return request.state.session
    token = request.cookies.get(SESSION_COOKIE)
    found = accounts.session(state_of(request).engine, token) if token else None
    request.state.session = found
    return found


def optional_caller(request: Request) -> Caller | None:
    """The caller, or None when nobody is logged in on a server that needs it."""
    if hasattr(request.state, "caller"):
        return request.state.caller
    st = state_of(request)
    found: Caller | None = None
    token = _bearer(request)
    if token is not None:
        account_id = accounts.token_account(st.engine, token)
        if account_id is None:
            raise NeedLogin
        found = Caller(account_id, "", "token", "")
    else:
        sess = _session(request)
        if sess is not None:
            found = Caller(sess.account_id, sess.name, "session", sess.csrf)
        elif st.open_account_id is not None:
            if not is_loopback(request.url.hostname or ""):  # a rebound DNS name
                raise HTTPException(403, "this server only answers to 127.0.0.1 and localhost")
            found = Caller(st.open_account_id, st.config.account, "open", page_csrf(request))
    request.state.caller = found
    return found


def caller(request: Request) -> Caller:
    """The caller; a login redirect (pages) or a 401 (API) when there is none."""
    found = optional_caller(request)
    if found is None:
        raise NeedLogin
    return found


def kith(who: Annotated[Caller, Depends(caller)], request: Request) -> Kith:
    """The services' handle for this request: the caller's account, today's date."""
    st = state_of(request)
    return Kith(
        engine=st.engine,
        account_id=who.account_id,
        today=st.config.today or date.today(),
        url=st.config.url,
    )


async def csrf_guard(request: Request) -> None:
    """Refuse an unsafe request that does not carry the right CSRF token."""
    if request.method in SAFE_METHODS or _bearer(request) is not None:
        return
    sess = _session(request)
    expected = sess.csrf if sess is not None else request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        kind = request.headers.get("content-type", "")
        if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not expected or not sent or not secrets.compare_digest(expected, sent):
        raise BadCsrf


KithDep = Annotated[Kith, Depends(kith)]
CallerDep = Annotated[Caller, Depends(caller)]
