"""`kith serve` as a user starts it: a real server process on a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from conftest import TODAY
from kithkin.web.workers import spreads_connections
from serving import free_port, serving


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


def _listening_sockets(port: int) -> int:
    """How many sockets listen on 127.0.0.1:``port`` (Linux's /proc/net/tcp)."""
    local = f"0100007F:{port:04X}"
    with open("/proc/net/tcp") as f:
        rows = [line.split() for line in f.readlines()[1:]]
    return sum(1 for r in rows if r[1] == local and r[3] == "0A")


@pytest.mark.skipif(not spreads_connections(), reason="SO_REUSEPORT spreading is Linux's")
def test_each_worker_listens_and_all_stop_together(db_url):  # type: ignore[no-untyped-def]
    port = free_port()
    cmd = [sys.executable, "-m", "kithkin", "--db", db_url, "--today", TODAY.isoformat()]
    proc = subprocess.Popen(
        [*cmd, "serve", "--port", str(port), "--workers", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(600):  # until all three listen (start-up, not speed, is waited for)
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            if _listening_sockets(port) == 3:
                break
            time.sleep(0.1)
        assert _listening_sockets(port) == 3  # one socket each: the kernel spreads clients
        with httpx.Client() as one, httpx.Client() as two:
            base = f"http://127.0.0.1:{port}"
            assert {one.get(base + "/").status_code, two.get(base + "/").status_code} == {200}
        children = subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) >= 3
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        for pid in children:  # none left behind (multiprocessing's tracker exits last)
            for _ in range(100):
                if not os.path.exists(f"/proc/{pid}") or _is_zombie(pid):
                    break
                time.sleep(0.1)
            assert not os.path.exists(f"/proc/{pid}") or _is_zombie(pid)
        assert _listening_sockets(port) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _is_zombie(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_port_in_use_is_one_clear_error(run, workers):  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run("serve", "--port", str(port), "--workers", workers)
    assert r.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in r.output
    assert "Traceback" not in r.output and "Kithkin on" not in r.output
