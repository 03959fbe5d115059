"""How a form's POST answers: JSON for the page's script, else a redirect with a note.

The note travels in a short-lived cookie (never in the URL, so no link can put words
in Kithkin's mouth) and the next page shows it once.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

SAID_COOKIE = "kith_said"


def local_path(target: str | None) -> str:
    """``target`` if it is a path on this server, else ``/``: never another site."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return "/"  # browsers read "/\\host" as "//host"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def said(request: Request, message: str, back: str = "/", **extra: object) -> Response:
    """The answer to a form that worked: ``message`` shown on the page ``back``."""
    if wants_json(request):
        return JSONResponse({"message": message, **extra})
    resp = RedirectResponse(back, status_code=303)
    from kithkin.web.auth import state_of

    resp.set_cookie(
        SAID_COOKIE,
        quote(message[:500]),
        max_age=60,
        httponly=True,
        samesite="lax",
        secure=state_of(request).config.secure_cookies,
    )
    return resp


def take_said(request: Request) -> str | None:
    """The note waiting for this page (the page clears the cookie as it shows it)."""
    found = request.cookies.get(SAID_COOKIE)
    return unquote(found) if found else None
