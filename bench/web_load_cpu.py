"""Where the CPU goes during a ``web_load.py`` run: the server, its PostgreSQL backends,
wrk, and everything else on the machine (read from /proc; Linux only)."""

from __future__ import annotations

import os
import resource
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def busy_s() -> float:
    """CPU seconds spent by the whole machine so far (every core, not idle or iowait)."""
    vals = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(vals) - vals[3] - vals[4]) / os.sysconf("SC_CLK_TCK")


def children_s() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def processes_cpu_s(pids: list[int]) -> float:
    """CPU seconds (user + system) used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _socket_inodes(pid: int) -> set[int]:
    found = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                found.add(int(link[8:-1]))
    except OSError:
        pass
    return found


def _tcp() -> list[tuple[int, int, int]]:
    """(local port, remote port, inode) of every TCP socket on the machine."""
    rows = []
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            rows.append(
                (int(f[1].rsplit(":", 1)[1], 16), int(f[2].rsplit(":", 1)[1], 16), int(f[9]))
            )
    return rows


def database_cpu(server_pids: list[int], db_port: int = 5432) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving the server's connections
    (matched through the sockets: the server's side and the backend's side of each)."""
    ours = set().union(*(_socket_inodes(p) for p in server_pids))
    tcp = _tcp()
    ports = {local for local, remote, inode in tcp if inode in ours and remote == db_port}
    theirs = {inode for local, remote, inode in tcp if local == db_port and remote in ports}
    if not theirs:
        return {}
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and (entry / "comm").read_text().strip() == "postgres"
                and _socket_inodes(int(entry.name)) & theirs
            ):
                found[int(entry.name)] = processes_cpu_s([int(entry.name)])
        except OSError:
            continue
    return found


@contextmanager
def sampling(
    group: Callable[[], list[int]], active: bool, every: float = 0.2
) -> Iterator[dict[int, float]]:
    """CPU seconds of each PostgreSQL backend of the processes ``group()`` lists, sampled
    while the block runs (so that backends opened and closed during it count too)."""
    seen: dict[int, float] = {}
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every):
            seen.update(database_cpu(group()))

    thread = threading.Thread(target=loop, daemon=True)
    if active:
        thread.start()
    try:
        yield seen
    finally:
        stop.set()
        if active:
            thread.join()
            seen.update(database_cpu(group()))
