"""A cap on request bodies, enforced as the bytes arrive (before any parsing)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from kithkin.domain.errors import InvalidInput

#: The largest request body accepted (an import upload of 20 MB plus the form around it).
MAX_BODY = 24 * 1024 * 1024


class BodyLimit:
    """ASGI middleware: 413 for a body over ``limit`` bytes, by its declared length or
    by counting what arrives; nothing past the limit is read or kept."""

    def __init__(self, app: Any, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        seen = 0
        over = False

        async def counted() -> Any:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # the app sees a client that went away
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: Any) -> None:
            if not over:
                await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not over:
                raise
        if over:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Any, send: Any) -> None:
        mb = self.limit // (1024 * 1024)
        text = f"the request is too large (over {mb} MB)"
        if scope.get("path", "").startswith("/api/"):
            body, kind = json.dumps({"error": text}).encode(), b"application/json"
        else:
            body, kind = (
                f"<!doctype html><title>Too large</title><p>{text}</p>".encode(),
                (b"text/html; charset=utf-8"),
            )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


async def plain_text(request: Request) -> None:
    """Refuse a form or query value holding a NUL character (no database keeps one)."""
    values = list(request.query_params.multi_items())
    kind = request.headers.get("content-type", "")
    if request.method not in ("GET", "HEAD") and kind.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        values += [(k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str)]
    for key, value in values:
        if "\x00" in value or "\x00" in key:
            raise InvalidInput(key.replace("\x00", ""), "contains a NUL character")
