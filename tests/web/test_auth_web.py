"""Accounts on the web: login, sessions, cookies, CSRF, rate limits, tokens, open mode."""

from __future__ import annotations

import pytest

from kithkin.services import accounts
from kithkin.web.app import create_app
from kithkin.web.config import WebConfig
from webkit import BASE, PASSWORD, WebClient


def test_pages_and_api_need_a_login(server):  # type: ignore[no-untyped-def]
    c = server.client()
    page = c.get("/?q=x", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2F%3Fq%3Dx"
    api = c.get("/api/v1/today")
    assert api.status_code == 401
    assert "API token" in api.json()["error"]


def test_login_sets_a_safe_session_cookie_and_logout_ends_it(server):  # type: ignore[no-untyped-def]
    c = server.client()
    r = c.form("/login", {"name": "alice", "password": PASSWORD, "next": "/insights"})
    assert r.status_code == 303
    assert r.headers["location"] == "/insights"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("kith_session="))
    lowered = cookie.lower()
    assert "httponly" in lowered
    assert "secure" in lowered
    assert "samesite=lax" in lowered
    assert c.get("/api/v1/today").status_code == 200
    assert "Log out alice" in c.get("/").text
    assert c.form("/logout", {}).status_code == 303
    assert c.get("/api/v1/today").status_code == 401


def test_login_never_redirects_to_another_site(server):  # type: ignore[no-untyped-def]
    hostile = (
        "https://evil.example/",
        "//evil.example/x",
        "javascript:alert(1)",
        "/\\evil.example",
    )
    for target in (*hostile, "/\t/evil.example"):
        c = server.client()
        r = c.form("/login", {"name": "alice", "password": PASSWORD, "next": target})
        assert r.headers["location"] == "/"


def test_wrong_password_says_so_without_saying_which(server):  # type: ignore[no-untyped-def]
    c = server.client()
    wrong = c.form("/login", {"name": "alice", "password": "not it at all"})
    unknown = c.form("/login", {"name": "nobody", "password": "not it at all"})
    assert wrong.status_code == unknown.status_code == 401
    assert "wrong name or password" in wrong.text
    assert "wrong name or password" in unknown.text
    assert "kith_session" not in wrong.headers.get("set-cookie", "")


def test_login_is_rate_limited_per_name(server):  # type: ignore[no-untyped-def]
    c = server.client()
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        assert c.form("/login", {"name": "alice", "password": "guess guess"}).status_code == 401
    blocked = c.form("/login", {"name": "alice", "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "too many failed logins" in blocked.text
    # another account is not locked out by alice's failures
    assert c.form("/login", {"name": "bob", "password": PASSWORD}).status_code == 303


def test_forms_without_the_csrf_token_are_refused(server):  # type: ignore[no-untyped-def]
    c = server.logged_in("alice")
    no_token = c.post("/logout", data={}, follow_redirects=False)
    assert no_token.status_code == 403
    forged = c.post("/logout", data={"csrf": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert c.get("/api/v1/today").status_code == 200  # still logged in
    api = c.post("/api/v1/today/done", json={"person_id": 1, "kind": "cadence"})
    assert api.status_code == 403
    assert "expired" in api.json()["error"]


def test_the_login_form_itself_needs_its_csrf_token(server):  # type: ignore[no-untyped-def]
    c = server.client()
    r = c.post("/login", data={"name": "alice", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403


def test_api_tokens_work_without_cookies_or_csrf(server):  # type: ignore[no-untyped-def]
    c = server.as_token("alice")
    assert c.get("/api/v1/today").status_code == 200
    r = c.post("/api/v1/today/done", json={"person_id": 1, "kind": "cadence"})
    assert r.status_code == 422  # reached the service: no CSRF needed with a token
    c.headers["Authorization"] = "Bearer kith_not-a-real-token"
    assert c.get("/api/v1/today").status_code == 401


def test_a_revoked_token_stops_working(server):  # type: ignore[no-untyped-def]
    c = server.as_token("alice")
    accounts.revoke_token(server.engine, "alice", "tests")
    assert c.get("/api/v1/today").status_code == 401


def test_a_new_password_ends_open_sessions(server):  # type: ignore[no-untyped-def]
    c = server.logged_in("alice")
    accounts.set_password(server.engine, "alice", "another fine password")
    assert c.get("/api/v1/today").status_code == 401


def test_open_server_answers_only_to_loopback_names(db_url):  # type: ignore[no-untyped-def]
    app = create_app(WebConfig(url=db_url, require_login=False))
    with WebClient(app, base_url=BASE) as local:
        assert local.get("/").status_code == 200
    with WebClient(app, base_url="https://kith.attacker.example") as rebound:
        r = rebound.get("/api/v1/today")
        assert r.status_code == 403
        assert "127.0.0.1" in r.json()["error"]


def test_every_response_forbids_outside_sources(open_web):  # type: ignore[no-untyped-def]
    client, _kith = open_web
    for path in ("/", "/api/v1/today", "/login", "/static/kith.css", "/nowhere"):
        csp = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp


def test_no_page_or_asset_names_another_host(open_web):  # type: ignore[no-untyped-def]
    from pathlib import Path

    import kithkin.web

    root = Path(kithkin.web.__file__).parent
    for f in [*root.glob("templates/*.html"), *root.glob("static/*")]:
        text = f.read_text(encoding="utf-8")
        for marker in ("http://", "https://", "//cdn", "fonts.googleapis"):
            allowed = "http://www.w3.org/2000/svg" in text and marker == "http://"
            if marker in text and not allowed:
                pytest.fail(f"{f.name} mentions {marker}")


def test_interactive_api_docs_that_load_a_cdn_are_off(open_web):  # type: ignore[no-untyped-def]
    client, _kith = open_web
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert all(p.startswith("/api/v1/") for p in spec["paths"])


def test_unknown_api_path_is_a_json_404(open_web):  # type: ignore[no-untyped-def]
    client, _kith = open_web
    r = client.get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert r.json() == {"error": "no such page"}


def test_a_lockout_is_per_address_not_for_everyone(server):  # type: ignore[no-untyped-def]
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        with pytest.raises(accounts.LoginFailed):
            accounts.log_in(server.engine, "alice", "guess guess", "10.0.0.1")
    with pytest.raises(accounts.TooManyAttempts):
        accounts.log_in(server.engine, "alice", PASSWORD, "10.0.0.1")
    token, session = accounts.log_in(server.engine, "alice", PASSWORD, "10.0.0.2")
    assert token and session.name == "alice"


def test_guesses_at_the_same_moment_cannot_pass_the_limit(server):  # type: ignore[no-untyped-def]
    from concurrent.futures import ThreadPoolExecutor

    def guess(_: int) -> str:
        try:
            accounts.log_in(server.engine, "alice", "guess guess", "10.0.0.9")
        except accounts.TooManyAttempts:
            return "refused"
        except accounts.LoginFailed:
            return "checked"
        return "in"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(guess, range(16)))
    assert outcomes.count("checked") == accounts.MAX_FAILURES_PER_NAME
    assert outcomes.count("refused") == 16 - accounts.MAX_FAILURES_PER_NAME
