"""Errors as one clear message: JSON with a 4xx status under /api, a page elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from starlette.exceptions import HTTPException

from kithkin.domain.errors import Ambiguous, InvalidInput, KithError, NotFound
from kithkin.services.accounts import LoginFailed, TooManyAttempts


class NeedLogin(Exception):
    """No session and no token on a server that requires logging in."""


class BadCsrf(Exception):
    """An unsafe request without the form's or the page's CSRF token."""


def status_of(exc: KithError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Ambiguous):
        return 409
    if isinstance(exc, LoginFailed):
        return 401
    if isinstance(exc, TooManyAttempts):
        return 429
    if isinstance(exc, InvalidInput):
        return 422
    return 400


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    headers = extra.pop("headers", None)
    if is_api(request):
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
    from kithkin.web.templating import render

    resp = render(request, "error.html", {"status": status, "message": message}, status=status)
    if headers:
        resp.headers.update(headers)
    return resp


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into one clear message."""

    @app.exception_handler(KithError)
    async def _kith(request: Request, exc: KithError) -> Response:
        extra: dict[str, Any] = {}
        if isinstance(exc, TooManyAttempts):
            extra["headers"] = {"Retry-After": str(exc.retry_after)}
        if isinstance(exc, Ambiguous):
            extra["candidates"] = [{"id": c.id, "name": c.name} for c in exc.candidates]
        return error_response(request, status_of(exc), str(exc), **extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        from http import HTTPStatus

        messages = {404: "no such page", 405: "that method is not allowed here"}
        default = HTTPStatus(exc.status_code).phrase
        message = messages.get(exc.status_code) if exc.detail == default else exc.detail
        message = message if isinstance(message, str) else default
        return error_response(
            request, exc.status_code, message or "request refused", headers=exc.headers
        )

    @app.exception_handler(DataError)
    @app.exception_handler(IntegrityError)
    async def _refused(request: Request, exc: DBAPIError) -> Response:
        lines = str(exc.orig).strip().splitlines()
        detail = f": {lines[0]}" if lines else ""
        return error_response(
            request, 422, f"the database refused this (nothing was changed){detail}"
        )

    @app.exception_handler(NeedLogin)
    async def _login(request: Request, exc: NeedLogin) -> Response:
        if is_api(request):
            return JSONResponse(
                {"error": "log in, or send an API token as 'Authorization: Bearer <token>'"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        from urllib.parse import quote

        from fastapi.responses import RedirectResponse

        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(BadCsrf)
    async def _csrf(request: Request, exc: BadCsrf) -> Response:
        return error_response(
            request, 403, "this form has expired or did not come from Kithkin: reload the page"
        )
