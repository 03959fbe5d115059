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


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db_url: str, *args: str) -> Iterator[str]:
    """``kith serve`` on ``db_url`` until the block ends; yields its base URL."""
    port = free_port()
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
        else:
            raise AssertionError(f"kith serve did not answer on {base} within a minute")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
