"""Running the app under uvicorn: the config travels to each worker in one variable."""

from __future__ import annotations

import gc
import json
import os
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from kithkin.web.config import WebConfig

if TYPE_CHECKING:
    from fastapi import FastAPI

CONFIG_VAR = "KITH_WEB_CONFIG"
#: How many more container objects a server process may hold than it has freed before
#: the garbage collector's youngest pass runs (Python's default: 700).
GC_YOUNG = 10_000


def app_from_env() -> FastAPI:
    """The app for one uvicorn worker (uvicorn calls this: ``factory=True``)."""
    from kithkin.web.app import create_app

    raw = json.loads(os.environ[CONFIG_VAR])
    if raw.get("today"):
        raw["today"] = date.fromisoformat(raw["today"])
    app = create_app(WebConfig(**raw))
    quiet_collector()
    return app


def quiet_collector() -> None:
    """Keep Python's cycle collector from stalling a server process under load.

    A full pass walks every container object alive, and the libraries a worker imports
    (SQLAlchemy, FastAPI, pydantic) leave ~115k of them: each pass stopped the whole
    process (both request threads and the event loop) for 100-140 ms, which was most of
    the slow tail of a busy server. What is alive once the app is built lives as long as
    the process, so it is frozen out of every pass; and a request's objects mostly die
    before a young pass comes with a larger threshold, so far fewer reach the oldest
    generation. Objects are still freed as soon as nothing refers to them.
    """
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG, older, oldest)


def prepare_database(config: WebConfig) -> None:
    """Create or migrate the database, give SQLite fresh statistics and, on a server
    without login, make its one account: once, before any worker starts (workers then
    only open it; several making the account at once would collide)."""
    from kithkin.services.context import account_id_for
    from kithkin.storage.database import open_engine, refresh_statistics

    engine = open_engine(config.url)
    try:
        refresh_statistics(engine)
        if not config.require_login:
            with engine.begin() as conn:
                account_id_for(conn, config.account)
    finally:
        engine.dispose()


def run(
    config: WebConfig, host: str, port: int, workers: int = 1, proxies: str | None = None
) -> None:
    """Serve until interrupted."""
    import uvicorn

    from kithkin.web.workers import run_spread, spreads_connections

    raw = asdict(config)
    raw["today"] = config.today.isoformat() if config.today else None
    os.environ[CONFIG_VAR] = json.dumps(raw)
    prepare_database(config)
    options: dict[str, Any] = {
        "app": "kithkin.web.serve:app_from_env",
        "factory": True,
        "host": host,
        "port": port,
        "log_level": "warning",
        "proxy_headers": proxies is not None,
        "forwarded_allow_ips": proxies,
        "server_header": False,
        "ws": "none",  # no websockets here: every connection stays plain HTTP
    }
    if workers > 1 and spreads_connections():
        run_spread(host, port, workers, options)
    else:
        uvicorn.run(**options, workers=workers)
