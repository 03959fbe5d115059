"""Several server processes behind one listening socket, each connection given to the
process holding the fewest.

uvicorn's own ``workers`` share one socket, and whichever process wakes first accepts
every connection waiting: 20 browsers or scripts connecting at once can all land on one
process (one core) while the others idle. Giving each process its own socket
(``SO_REUSEPORT``) lets the kernel hash connections over them, which splits 20 anywhere
from 10/10 to 15/5, and the busier process then answers its clients twice as slowly.
Here the main process accepts every connection and hands it (``SCM_RIGHTS``) to the
worker with the fewest open; each worker counts the connections it has closed, so the
main process knows who holds what. On systems without descriptor passing (Windows), and
for one worker, uvicorn runs as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import multiprocessing
import multiprocessing.connection
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from kithkin.domain.errors import KithError

logger = logging.getLogger("kithkin.web")

#: Connections waiting to be accepted.
BACKLOG = 2048
#: How long stopping processes get to finish the requests they hold, in seconds.
GRACE_S = 30
#: How often the accepting thread looks whether it should stop, in seconds.
ACCEPT_POLL_S = 0.5


def spreads_connections() -> bool:
    """Whether this system can hand connections to worker processes (Unix)."""
    return sys.platform != "win32" and hasattr(socket, "send_fds")


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
    sock.bind((host, port))
    sock.listen(BACKLOG)
    return sock


def _worker(index: int, inbox: socket.socket, closed: Any, options: dict[str, Any]) -> None:
    import uvicorn

    pending: set[asyncio.Task[Any]] = set()

    class HandedServer(uvicorn.Server):
        """uvicorn serving the connections the main process hands over ``inbox``."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=[])  # no socket of its own
            if self.should_exit:
                return
            inbox.setblocking(False)
            asyncio.get_running_loop().add_reader(inbox.fileno(), self._take)

        def _take(self) -> None:
            loop = asyncio.get_running_loop()
            try:
                message, fds, _, _ = socket.recv_fds(inbox, 64, 64)
            except BlockingIOError:
                return
            if not message:  # the main process is gone: finish and stop
                loop.remove_reader(inbox.fileno())
                self.should_exit = True
                return
            lost = len(message) - len(fds)  # each byte came with one; the rest did not fit
            if lost > 0:  # (this process is out of open files)
                closed[index] += lost
                logger.warning("kith serve: out of open files; %d connection(s) dropped", lost)
            for fd in fds:
                self._serve_handed(socket.socket(fileno=fd))

        def _serve_handed(self, conn: socket.socket) -> None:
            """Serve one handed-over connection; count it closed exactly once."""
            done = False

            def closed_once() -> None:
                nonlocal done
                if not done:
                    done = True
                    closed[index] += 1  # only this process writes its own count

            def settled(task: asyncio.Task[Any]) -> None:
                pending.discard(task)
                if task.cancelled() or task.exception() is not None:
                    closed_once()  # never became a connection

            loop = asyncio.get_running_loop()
            task = loop.create_task(
                loop.connect_accepted_socket(
                    lambda: self._protocol(closed_once), conn, ssl=self.config.ssl
                )
            )
            pending.add(task)  # kept until done (the loop holds tasks weakly)
            task.add_done_callback(settled)

        def _protocol(self, closed_once: Callable[[], None]) -> asyncio.Protocol:
            config = self.config
            made: asyncio.Protocol = config.http_protocol_class(  # type: ignore[call-arg]
                config=config, server_state=self.server_state, app_state=self.lifespan.state
            )
            lost = made.connection_lost

            def connection_lost(exc: Exception | None) -> None:
                closed_once()
                lost(exc)

            made.connection_lost = connection_lost  # type: ignore[method-assign]
            return made

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            with contextlib.suppress(ValueError, OSError):  # never added, or closed
                asyncio.get_running_loop().remove_reader(inbox.fileno())
            await super().shutdown(sockets=sockets)

    HandedServer(uvicorn.Config(**options)).run()


def _hand_out(
    listener: socket.socket,
    outboxes: list[socket.socket],
    closed: Any,
    stopping: threading.Event,
    done: socket.socket,
) -> None:
    """Accept every connection and pass it to the worker holding the fewest; ``done`` is
    closed when this stops, which wakes the main thread."""
    with done:
        given = [0] * len(outboxes)
        alive = set(range(len(outboxes)))
        listener.settimeout(ACCEPT_POLL_S)
        for box in outboxes:
            box.setblocking(False)
        while not stopping.is_set() and alive:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError as exc:
                if stopping.is_set():
                    return
                # A client gone before it was accepted, or this process out of files:
                # the listener itself is fine; try again (after a pause when out of files).
                logger.warning("kith serve: could not accept a connection: %s", exc)
                if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    time.sleep(ACCEPT_POLL_S)
                continue
            with conn:
                _give(conn, outboxes, given, closed, alive, stopping)


def _give(
    conn: socket.socket,
    outboxes: list[socket.socket],
    given: list[int],
    closed: Any,
    alive: set[int],
    stopping: threading.Event,
) -> None:
    """Pass ``conn`` to the living worker holding the fewest whose inbox has room; wait
    for room when every inbox is full (a worker starting or busy). Workers that are gone
    are left out from then on."""
    while alive and not stopping.is_set():
        order = sorted(alive, key=lambda k: given[k] - closed[k])
        for i in order:
            try:
                socket.send_fds(outboxes[i], [b"c"], [conn.fileno()])
            except BlockingIOError:
                continue
            except OSError:  # that worker is gone; the main thread stops the rest
                alive.discard(i)
                continue
            given[i] += 1
            return
        if alive:
            select.select([], [outboxes[k] for k in alive], [], ACCEPT_POLL_S)


def run_spread(host: str, port: int, workers: int, options: dict[str, Any]) -> None:
    """``workers`` uvicorn processes on ``host:port`` (``options``: ``uvicorn.Config``'s),
    until interrupted or until one of them stops; then the others are stopped too."""
    check_free(host, port)
    listener = _listening(host, port)
    ctx = multiprocessing.get_context("spawn")
    closed = ctx.Array("q", workers, lock=False)  # connections each worker has closed
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(workers)]
    procs = [
        ctx.Process(target=_worker, args=(i, pairs[i][1], closed, options)) for i in range(workers)
    ]
    stopping = threading.Event()
    gave_up = False
    wake, done = socket.socketpair()  # the accepting thread closes ``done`` when it stops
    by_signal = False

    def stop_all() -> None:
        stopping.set()
        for p in procs:
            if p.is_alive() and p.pid is not None:
                p.terminate()  # SIGTERM: uvicorn finishes what it holds, then exits

    def on_signal(*_args: Any) -> None:
        nonlocal by_signal
        by_signal = True
        stop_all()

    previous = signal.signal(signal.SIGTERM, on_signal)
    accepting = threading.Thread(
        target=_hand_out,
        args=(listener, [a for a, _ in pairs], closed, stopping, done),
        name="kith-accept",
        daemon=True,
    )
    try:
        for p in procs:
            p.start()
        for _, theirs in pairs:
            theirs.close()  # the workers hold their ends now
        accepting.start()
        # until any worker stops, or the accepting thread does
        woke = multiprocessing.connection.wait([p.sentinel for p in procs] + [wake])
        gave_up = wake in woke and not stopping.is_set()  # no worker left to take any
    except KeyboardInterrupt:  # Ctrl+C reached every process of the terminal's group
        by_signal = True
    finally:
        stopping.set()  # accept no more, and refuse new clients at once
        if accepting.is_alive():
            accepting.join(ACCEPT_POLL_S * 4)
        listener.close()
        stop_all()
        for p in procs:
            if p.pid is None:  # interrupted before it started
                continue
            p.join(GRACE_S)
            if p.is_alive():
                p.kill()
                p.join()
        for sock in (wake, done, *(ours for ours, _ in pairs)):
            sock.close()
        signal.signal(signal.SIGTERM, previous)
    failed = [p.exitcode for p in procs if p.exitcode not in (0, -signal.SIGTERM, None)]
    if failed and not by_signal:
        raise KithError(f"a server process stopped (exit code {failed[0]}); see the log above")
    if gave_up and not by_signal:
        raise KithError("kith serve stopped taking connections; see the log above")
