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
import multiprocessing
import multiprocessing.connection
import signal
import socket
import sys
import threading
from collections.abc import Sequence
from typing import Any

from kithkin.domain.errors import KithError

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


def fewest(held: Sequence[int]) -> int:
    """The worker holding the fewest connections (the first of equals)."""
    return min(range(len(held)), key=held.__getitem__)


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
            for fd in fds:
                conn = socket.socket(fileno=fd)
                task = loop.create_task(loop.connect_accepted_socket(self._protocol, conn))
                pending.add(task)  # kept until done (the loop holds tasks weakly)
                task.add_done_callback(pending.discard)

        def _protocol(self) -> asyncio.Protocol:
            config = self.config
            made: asyncio.Protocol = config.http_protocol_class(  # type: ignore[call-arg]
                config=config, server_state=self.server_state, app_state=self.lifespan.state
            )
            lost = made.connection_lost

            def connection_lost(exc: Exception | None) -> None:
                closed[index] += 1  # only this process writes its own count
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
) -> None:
    """Accept every connection and pass it to the worker holding the fewest."""
    given = [0] * len(outboxes)
    listener.settimeout(ACCEPT_POLL_S)
    while not stopping.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        except OSError:  # the listener was closed: stopping
            return
        with conn:
            i = fewest([given[k] - closed[k] for k in range(len(outboxes))])
            try:
                socket.send_fds(outboxes[i], [b"c"], [conn.fileno()])
            except OSError:  # that worker is gone; the main loop stops the rest
                return
            given[i] += 1


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
        args=(listener, [a for a, _ in pairs], closed, stopping),
        name="kith-accept",
        daemon=True,
    )
    try:
        for p in procs:
            p.start()
        for _, theirs in pairs:
            theirs.close()  # the workers hold their ends now
        accepting.start()
        multiprocessing.connection.wait([p.sentinel for p in procs])  # until any one stops
    except KeyboardInterrupt:  # Ctrl+C reached every process of the terminal's group
        by_signal = True
    finally:
        stop_all()
        for p in procs:
            p.join(GRACE_S)
            if p.is_alive():
                p.kill()
                p.join()
        accepting.join(ACCEPT_POLL_S * 4)
        listener.close()
        for ours, _ in pairs:
            ours.close()
        signal.signal(signal.SIGTERM, previous)
    failed = [p.exitcode for p in procs if p.exitcode not in (0, -signal.SIGTERM)]
    if failed and not by_signal:
        raise KithError(f"a server process stopped (exit code {failed[0]}); see the log above")
