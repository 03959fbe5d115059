"""Jinja2 pages: autoescaped, with the caller, the CSRF token and the date in context."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

HERE = Path(__file__).parent


#: What a plain dict has as attributes (its methods): ``row.items`` still means these.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Pages(Environment):
    """Jinja2 reading ``row.name`` on a plain dict (what the services return) straight as
    ``row["name"]``. The result is Jinja's own, which tries the attribute first and then
    the key; skipping the AttributeError each such lookup raised took about a third off
    rendering a long list."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = _Pages(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no stat() per page
    )
    return env


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HTMLResponse:
    """A page; sets the CSRF cookie when this browser has none yet."""
    from kithkin.web.auth import CSRF_COOKIE, optional_caller, page_csrf, state_of

    try:
        who = optional_caller(request)
    except Exception:  # a page about an error must render whatever the caller is
        who = None
    csrf = who.csrf if who is not None and who.csrf else page_csrf(request)
    st = state_of(request)
    ctx = {
        "request": request,
        "caller": who,
        "csrf": csrf,
        "today": st.config.today or date.today(),
        "open_server": st.open_account_id is not None,
        "path": request.url.path,
    }
    ctx.update(context or {})
    from kithkin.web.respond import SAID_COOKIE, take_said

    ctx.setdefault("said", take_said(request))
    resp = HTMLResponse(environment().get_template(name).render(ctx), status_code=status)
    if request.cookies.get(SAID_COOKIE):
        resp.delete_cookie(SAID_COOKIE)
    new = getattr(request.state, "new_csrf", None)
    if new is not None and not request.cookies.get(CSRF_COOKIE):
        resp.set_cookie(
            CSRF_COOKIE,
            new,
            httponly=True,
            samesite="strict",
            secure=st.config.secure_cookies,
            path="/",
        )
    return resp
