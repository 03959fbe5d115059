"""`kith serve` as a user starts it: a real server process on a free port."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from conftest import TODAY
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


def _sockets(port: int, state: str) -> list[str]:
    """Inodes of the sockets on 127.0.0.1:``port`` in a TCP state (Linux's /proc/net/tcp:
    0A listening, 01 established)."""
    local = f"0100007F:{port:04X}"
    with open("/proc/net/tcp") as f:
        rows = [line.split() for line in f.readlines()[1:]]
    return [r[9] for r in rows if r[1] == local and r[3] == state]


def _held_by(pid: str, inodes: list[str]) -> int:
    """How many of these sockets the process ``pid`` holds open."""
    wanted = {f"socket:[{i}]" for i in inodes}
    held = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        with contextlib.suppress(FileNotFoundError):  # closed meanwhile
            held += os.readlink(f"/proc/{pid}/fd/{fd}") in wanted
    return held


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_workers_share_connections_evenly_and_stop_together(db_url):  # type: ignore[no-untyped-def]
    port = free_port()
    cmd = [sys.executable, "-m", "kithkin", "--db", db_url, "--today", TODAY.isoformat()]
    proc = subprocess.Popen(
        [*cmd, "serve", "--port", str(port), "--workers", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    clients = [httpx.Client() for _ in range(12)]
    try:
        for _ in range(600):  # until it answers (start-up, not speed, is waited for)
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            try:
                if httpx.get(base + "/api/v1/today").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert len(_sockets(port, "0A")) == 1  # one socket: the main process accepts
        _until_closed(port)  # the start-up probes' connections are counted closed
        for c in clients:  # each keeps its connection open (keep-alive)
            assert c.get(base + "/").status_code == 200
        children = subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        open_now = _sockets(port, "01")
        held = sorted(_held_by(pid, open_now) for pid in children)
        assert [n for n in held if n] == [4, 4, 4]  # 12 connections, 4 per worker
        assert _held_by(str(proc.pid), open_now) == 0  # handed over, not kept
        _rebalances(port, [pid for pid in children if _held_by(pid, open_now)])
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        for pid in children:  # none left behind (multiprocessing's tracker exits last)
            for _ in range(100):
                if not os.path.exists(f"/proc/{pid}") or _is_zombie(pid):
                    break
                time.sleep(0.1)
            assert not os.path.exists(f"/proc/{pid}") or _is_zombie(pid)
        assert _sockets(port, "0A") == []
    finally:
        for c in clients:
            c.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _until_closed(port: int) -> None:
    """Wait until the server holds no connection (each close is counted as it ends)."""
    for _ in range(100):
        if not _sockets(port, "01") and not _sockets(port, "08"):  # established, close-wait
            return
        time.sleep(0.05)


def _ask(sock: socket.socket) -> None:
    """One keep-alive request on a raw connection, read to the end of its answer."""
    sock.sendall(b"GET /api/v1/today HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200"), head
    size = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < size:
        body += sock.recv(65536)


def _server_side(port: int, client: socket.socket) -> str:
    """The inode of the server's end of ``client``'s connection."""
    remote = f"0100007F:{client.getsockname()[1]:04X}"
    local = f"0100007F:{port:04X}"
    with open("/proc/net/tcp") as f:
        rows = [line.split() for line in f.readlines()[1:]]
    return next(r[9] for r in rows if r[1] == local and r[2] == remote)


def _worker_of(port: int, client: socket.socket, workers: list[str]) -> str:
    """The worker process holding the server side of ``client``'s connection."""
    inode = _server_side(port, client)
    return next(pid for pid in workers if _held_by(pid, [inode]))


def _rebalances(port: int, workers: list[str]) -> None:
    """Connections closed on one worker are counted: new ones go there first."""
    first = [socket.create_connection(("127.0.0.1", port)) for _ in range(len(workers))]
    try:
        for s in first:
            _ask(s)
        busy = _worker_of(port, first[-1], workers)  # the last given: not the first of ties
        assert len({_worker_of(port, s, workers) for s in first}) == len(first)  # one each
        gone = _server_side(port, first[-1])
        first[-1].close()
        for _ in range(100):  # until that worker has closed its side (well before the
            if not _held_by(busy, [gone]):  # 5 s after which idle connections are closed)
                break
            time.sleep(0.02)
        time.sleep(0.1)
        again = socket.create_connection(("127.0.0.1", port))
        first[-1] = again
        _ask(again)
        assert _worker_of(port, again, workers) == busy  # it holds the fewest now
    finally:
        for s in first:
            s.close()


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
