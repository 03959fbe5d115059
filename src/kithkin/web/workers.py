"""Several server processes, each with its own listening socket on the same port.

uvicorn's own ``workers`` share one socket, and whichever process wakes first accepts
every connection waiting: 20 browsers or scripts connecting at once can all land on one
process (one core) while the others idle. On Linux, ``SO_REUSEPORT`` gives each process
its own socket and the kernel spreads new connections across them. Elsewhere (and for
one worker) uvicorn runs as usual.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import signal
import socket
import sys
from typing import Any

from kithkin.domain.errors import KithError

#: Connections waiting to be accepted, per process.
BACKLOG = 2048
#: How long stopping processes get to finish the requests they hold, in seconds.
GRACE_S = 30


def spreads_connections() -> bool:
    """Whether this system spreads connections over sockets sharing a port (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def check_free(host: str, port: int) -> None:
    """Refuse a port another program (or another `kith serve`) already listens on.

    SO_REUSEADDR lets a server restarted at once have its port back (connections of the
    last one may linger in TIME_WAIT); on Linux it still fails while anything listens.
    """
    probe = socket.socket(_family(host), socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as exc:
        raise KithError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    finally:
        probe.close()


def _listening(host: str, port: int) -> socket.socket:
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    import uvicorn

    sock = _listening(host, port)
    uvicorn.Server(uvicorn.Config(**options)).run(sockets=[sock])


def run_spread(host: str, port: int, workers: int, options: dict[str, Any]) -> None:
    """``workers`` uvicorn processes on ``host:port`` (``options``: ``uvicorn.Config``'s),
    until interrupted or until one of them stops; then the others are stopped too."""
    check_free(host, port)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(host, port, options)) for _ in range(workers)]
    stopping = False

    def stop(*_args: Any) -> None:
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.is_alive() and p.pid is not None:
                p.terminate()  # SIGTERM: uvicorn finishes what it holds, then exits

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        for p in procs:
            p.start()
        sentinels = [p.sentinel for p in procs]
        multiprocessing.connection.wait(sentinels)  # until any one stops
    except KeyboardInterrupt:  # Ctrl+C reached every process of the terminal's group
        stopping = True
    finally:
        stop()
        for p in procs:
            p.join(GRACE_S)
            if p.is_alive():
                p.kill()
                p.join()
        signal.signal(signal.SIGTERM, previous)
    failed = [p.exitcode for p in procs if p.exitcode not in (0, -signal.SIGTERM)]
    if failed and not stopping:
        raise KithError(f"a server process stopped (exit code {failed[0]}); see the log above")
