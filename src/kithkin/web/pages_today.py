"""The Today page, with done and snooze in place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from kithkin.services import people as people_svc
from kithkin.services import today as svc
from kithkin.web.api_today import today_items
from kithkin.web.auth import KithDep
from kithkin.web.respond import said
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def today_page(request: Request, kith: KithDep) -> Response:
    return render(request, "today.html", {"items": today_items(kith)})


@router.post("/today/done")
def done(
    request: Request,
    kith: KithDep,
    person_id: Annotated[int, Form(ge=1, le=2**62)],
    kind: Annotated[str, Form(max_length=40)],
) -> Response:
    return said(request, svc.done_for(kith, person_id, kind))


@router.post("/today/snooze")
def snooze(
    request: Request,
    kith: KithDep,
    person_id: Annotated[int, Form(ge=1, le=2**62)],
    until: Annotated[str, Form(max_length=100)] = "in 2 weeks",
) -> Response:
    name, day = people_svc.snooze(kith, f"#{person_id}", until)
    return said(request, f"{name} snoozed until {day.isoformat()}")
