"""Logging in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from kithkin.services import accounts
from kithkin.web.auth import SESSION_COOKIE, optional_caller, state_of
from kithkin.web.respond import local_path
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    if optional_caller(request) is not None:
        return RedirectResponse(local_path(next), status_code=303)
    return render(request, "login.html", {"next": local_path(next)})


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=2000)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    st = state_of(request)
    client = request.client.host if request.client else "unknown"
    try:
        token, _session = accounts.log_in(st.engine, name, password, client)
    except (accounts.LoginFailed, accounts.TooManyAttempts) as exc:
        status = 429 if isinstance(exc, accounts.TooManyAttempts) else 401
        resp = render(
            request,
            "login.html",
            {"next": local_path(next), "error": str(exc), "name": name},
            status=status,
        )
        if isinstance(exc, accounts.TooManyAttempts):
            resp.headers["Retry-After"] = str(exc.retry_after)
        return resp
    done = RedirectResponse(local_path(next), status_code=303)
    done.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=accounts.SESSION_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=st.config.secure_cookies,
        path="/",
    )
    return done


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.log_out(state_of(request).engine, token)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp
