"""Fixtures for the web app: an open (no-login) server, and one with two accounts.

Clients talk to https://127.0.0.1 so the Secure cookies travel as a browser sends
them to a loopback server; the app runs in-process (FastAPI's TestClient).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import TODAY
from kithkin.services import accounts, cache
from kithkin.services.context import Kith, account_id_for
from kithkin.web.app import create_app
from kithkin.web.auth import CSRF_COOKIE
from kithkin.web.config import WebConfig

BASE = "https://127.0.0.1"
PASSWORD = "correct horse battery"


class WebClient(TestClient):
    """A TestClient that knows its CSRF token once it has seen a page."""

    @property
    def csrf(self) -> str:
        token = self.cookies.get(CSRF_COOKIE)
        if not token:
            self.get("/login")  # any page sets it
            token = self.cookies.get(CSRF_COOKIE)
        assert token, "no CSRF cookie was set"
        return str(token)

    def form(self, path: str, data: dict[str, Any], **kw: Any) -> Any:
        """POST a form as the page would (with its csrf field), not following redirects."""
        return self.post(
            path, data={"csrf": self.page_csrf(), **data}, follow_redirects=False, **kw
        )

    def page_csrf(self) -> str:
        """The token the pages put in their forms (the session's, or the cookie's)."""
        html = self.get("/login" if "kith_session" not in self.cookies else "/").text
        marker = 'name="csrf-token" content="'
        start = html.index(marker) + len(marker)
        return html[start : html.index('"', start)]

    def call(self, method: str, path: str, **kw: Any) -> Any:
        """An API call as the page's script makes it (X-CSRF-Token header)."""
        headers = {"X-CSRF-Token": self.page_csrf(), **kw.pop("headers", {})}
        return self.request(method, path, headers=headers, **kw)


@pytest.fixture
def open_web(db_url: str) -> Iterator[tuple[WebClient, Kith]]:
    """The app as `kith serve` runs on 127.0.0.1 for one user (no login), on TODAY;
    with the Kith of that user's account for setting up data through the services."""
    cache.clear()
    app = create_app(WebConfig(url=db_url, require_login=False, today=TODAY))
    st = app.state.kith
    kith = Kith(engine=st.engine, account_id=st.open_account_id, today=TODAY, url=db_url)
    with WebClient(app, base_url=BASE) as client:
        yield client, kith


@dataclass
class Server:
    """An app that requires logging in, with accounts alice and bob."""

    app: Any
    url: str
    tokens: dict[str, str] = field(default_factory=dict)
    clients: list[WebClient] = field(default_factory=list)

    @property
    def engine(self) -> Any:
        return self.app.state.kith.engine

    def kith(self, name: str) -> Kith:
        """The services' handle on ``name``'s account (to set up data)."""
        with self.engine.begin() as conn:
            account_id = account_id_for(conn, name)
        return Kith(engine=self.engine, account_id=account_id, today=TODAY, url=self.url)

    def client(self) -> WebClient:
        c = WebClient(self.app, base_url=BASE)
        c.__enter__()
        self.clients.append(c)
        return c

    def as_token(self, name: str) -> WebClient:
        """A script's client: ``name``'s API token, no cookies."""
        c = self.client()
        c.headers["Authorization"] = f"Bearer {self.tokens[name]}"
        return c

    def logged_in(self, name: str) -> WebClient:
        """A browser's client after logging in through the form."""
        c = self.client()
        r = c.form("/login", {"name": name, "password": PASSWORD})
        assert r.status_code == 303, r.text
        return c


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    cache.clear()
    app = create_app(WebConfig(url=db_url, require_login=True, today=TODAY))
    s = Server(app=app, url=db_url)
    for name in ("alice", "bob"):
        accounts.add_user(s.engine, name, PASSWORD)
        s.tokens[name] = accounts.add_token(s.engine, name, "tests")
    try:
        yield s
    finally:
        for c in s.clients:
            c.__exit__(None, None, None)
        s.engine.dispose()
