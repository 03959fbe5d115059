"""Quick log: a moment with one or several people, from the form on every page.

The same :func:`kithkin.services.moments.log_moment` as `kith log`; the answer goes
back to the page the form was on (only ever a path on this server).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from kithkin.domain.records import moment_kind
from kithkin.services import moments as moments_svc
from kithkin.web.auth import KithDep
from kithkin.web.respond import local_path, said

router = APIRouter(include_in_schema=False)

#: Pages a form must not send the browser back to (they answer POST only).
NOT_BACK = frozenset({"/log", "/logout"})


def safe_back(target: str | None) -> str:
    """``target`` if it is a path on this server, else ``/``: never another site."""
    target = local_path(target)
    return "/" if urlsplit(target).path in NOT_BACK else target


def split_list(text: str) -> list[str]:
    """The items of "Maya, Sam López": each one as typed, blanks dropped."""
    return [name.strip() for name in text.split(",") if name.strip()]


@router.post("/log")
def log(
    request: Request,
    kith: KithDep,
    who: Annotated[str, Form(max_length=2000)],
    kind: Annotated[str, Form(max_length=40)] = "coffee",
    when: Annotated[str, Form(max_length=100)] = "",
    energy: Annotated[str, Form(max_length=20)] = "",
    depth: Annotated[str, Form(max_length=40)] = "",
    topics: Annotated[str, Form(max_length=2000)] = "",
    note: Annotated[str, Form(max_length=20_000)] = "",
    follow_up: Annotated[str, Form(max_length=2000)] = "",
    due: Annotated[str, Form(max_length=100)] = "",
    back: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    logged = moments_svc.log_moment(
        kith,
        moments_svc.MomentInput(
            people=split_list(who),
            kind=kind,
            when=when.strip() or None,
            energy=energy.strip() or None,
            depth=depth.strip() or None,
            topics=split_list(topics),
            note=note,
            follow_up=follow_up.strip() or None,
            due=due.strip() or None,
        ),
    )
    message = f"Logged {moment_kind(kind)} with {', '.join(logged.names)} on {logged.on}"
    if follow_up.strip():
        message += f"; promised: {follow_up.strip()}"
        if logged.follow_up_due:
            message += f" (due {logged.follow_up_due})"
    return said(request, message, safe_back(back), moment_id=logged.moment_id)
