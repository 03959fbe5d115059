"""The FastAPI application: ``create_app(WebConfig)``, used by `kith serve` and the tests.

Routes live in one module per area (``pages_*`` render HTML, ``api_*`` answer JSON under
/api/v1); each holds a ``router``. Nothing here or there decides anything a service
could: routes parse, call the service the CLI calls, and render.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from kithkin import __version__
from kithkin.web import errors
from kithkin.web.auth import AppState, csrf_guard
from kithkin.web.config import WebConfig
from kithkin.web.limits import BodyLimit, plain_text
from kithkin.web.templating import HERE

#: Route modules in kithkin.web, in the order their routes are tried.
ROUTERS = (
    "pages_auth",
    "pages_today",
    "pages_people",
    "pages_person",
    "pages_log",
    "pages_insights",
    "pages_drafts",
    "pages_import",
    "api_today",
    "api_insights",
    "api_people",
    "api_moments",
    "api_records",
    "api_matching",
    "api_drafts",
    "api_transfer",
)

#: Requests one worker process answers at once (each in a thread with a database
#: connection kept open for it); more wait their turn. Python runs one thread at a time:
#: with 8 threads the event loop waited behind them for the GIL and the slowest answers
#: took longest (bench/web_load.py, people search p95 130 ms at 2 threads' 99 ms; a
#: person's page on PostgreSQL 157 ms against 110 ms). Two keep one busy while the other
#: waits on the database.
THREADS = 2

#: FastAPI (0.16x) can trace requests with OpenTelemetry and, when the environment asks
#: (FASTAPI_OTEL_AUTO_CONFIGURE, OTEL_EXPORTER_OTLP_ENDPOINT), send them away. Kithkin
#: sends nothing anywhere: all of it off, whatever the environment says.
_NO_TELEMETRY: dict[str, Any] = (
    {
        "telemetry": {
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
        }
    }
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)

#: Sent with every response: nothing may load from anywhere but this server.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(config: WebConfig) -> FastAPI:
    """The web app on ``config.url`` (created and migrated if needed)."""
    from kithkin.services.context import account_id_for
    from kithkin.storage.database import open_engine

    engine = open_engine(config.url, connections=THREADS)
    open_id = None
    if not config.require_login:
        with engine.begin() as conn:
            open_id = account_id_for(conn, config.account)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield
        engine.dispose()

    app = FastAPI(
        title="Kithkin",
        version=__version__,
        description="Your people, how you met, what they love, and who to reach out to.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
        dependencies=[Depends(csrf_guard), Depends(plain_text)],
        lifespan=lifespan,
        **_NO_TELEMETRY,
    )
    app.state.kith = AppState(config=config, engine=engine, open_account_id=open_id)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"kithkin.web.{name}").router)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app
