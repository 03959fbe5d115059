"""Driving the real app in headless Chromium: a live server, the browser, what it saw.

The app runs under uvicorn in a background thread on 127.0.0.1 (a free port); the
browser is Debian's Chromium (``/usr/bin/chromium``) driven by Playwright's sync API,
never a browser Playwright downloads. A :class:`Watch` records every request, console
error and page error of a browser context, so a test can assert that nothing left
127.0.0.1 and that the Content-Security-Policy refused nothing.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
ROOT = Path(__file__).resolve().parents[1]
#: Schemes that never reach the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


def need_chromium() -> None:
    """Skip (or, under CI, fail) when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM}: chromium not installed: apt-get install chromium chromium-driver"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with no background traffic of its own."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
    )


def screenshot_dir() -> Path:
    """Where screenshots go: $KITH_SCREENSHOTS, else build/screenshots/ in the repository."""
    folder = Path(os.environ.get("KITH_SCREENSHOTS") or ROOT / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page: Any, name: str) -> Path:
    """A full-page PNG of ``page`` named ``name``.png, left for review."""
    path = screenshot_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", server_header=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(400):  # started is set once the socket accepts connections
        if server.started or not thread.is_alive():
            break
        time.sleep(0.025)
    assert server.started, "the test server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@dataclass
class Watch:
    """Everything a browser context did that a test may want to refuse."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", lambda req: self.requests.append(req.url))
        context.on("page", self.attach_page)

    def attach_page(self, page: Any) -> None:
        def on_console(msg: Any) -> None:
            if msg.type in ("error", "warning") and (
                msg.type == "error" or "Content Security Policy" in msg.text
            ):
                self.console_errors.append(f"{page.url}: {msg.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))

    def outside(self) -> list[str]:
        """Requests that went anywhere but 127.0.0.1."""
        found = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.hostname != "127.0.0.1":
                found.append(url)
        return found

    def assert_clean(self) -> None:
        """No request left the machine; no CSP violation, console error or JS error."""
        assert self.requests, "the watch saw no request at all"
        assert self.outside() == [], f"requests left 127.0.0.1: {self.outside()}"
        csp = [m for m in self.console_errors if "Content Security Policy" in m]
        assert csp == [], f"CSP violations: {csp}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"JavaScript errors: {self.page_errors}"


def no_horizontal_scroll(page: Any) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the document: equal when nothing sticks out."""
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    return int(sizes[0]), int(sizes[1])
