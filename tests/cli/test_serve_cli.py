"""`kith serve` as a user starts it: a real server process on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from conftest import TODAY


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db_url: str, *args: str) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "kithkin", "--db", db_url, "--today", TODAY.isoformat()]
    proc = subprocess.Popen(
        [*cmd, "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # until it answers (start-up, not speed, is waited for)
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read().decode() if proc.stdout else "exited")
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_on_loopback_needs_no_login(run, db_url):  # type: ignore[no-untyped-def]
    run("add", "Maya López", "--interest", "sourdough")
    with serving(db_url) as base:
        page = httpx.get(base + "/")
        assert page.status_code == 200
        assert "Today" in page.text
        assert httpx.get(base + "/api/v1/today").status_code == 200


def test_serve_with_login_and_several_workers(run, db_url):  # type: ignore[no-untyped-def]
    run("user", "add", "alice", "--password-stdin", input="a long secret\n")
    token = run("token", "add", "t", "--user", "alice").output.strip()
    with serving(db_url, "--login", "--workers", "2") as base:
        assert httpx.get(base + "/api/v1/today").status_code == 401
        auth = {"Authorization": f"Bearer {token}"}
        answers = {httpx.get(base + "/api/v1/today", headers=auth).status_code for _ in range(6)}
        assert answers == {200}


def test_no_login_is_refused_off_loopback(run):  # type: ignore[no-untyped-def]
    r = run("serve", "--host", "0.0.0.0", "--no-login")
    assert r.exit_code == 2
    assert "--no-login is only for a loopback address" in r.output
