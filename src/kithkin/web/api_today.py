"""/api/v1/today: the ranked list, and acting on a line."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from kithkin.services import cache
from kithkin.services import today as svc
from kithkin.web.auth import KithDep
from kithkin.web.models import ERRORS, Message

router = APIRouter(prefix="/api/v1", tags=["today"], responses=ERRORS)


class TodayItemOut(BaseModel):
    index: int
    person_id: int
    person: str
    kind: str
    reason: str
    action: str
    also: list[str]
    energy: str
    score: float


class DoneIn(BaseModel):
    person_id: int = Field(ge=1, le=2**62)
    kind: str = Field(min_length=1, max_length=40)


def today_items(kith: KithDep, limit: int | None = None) -> list[svc.TodayItem]:
    """Today's lines for this account (kept until its data changes)."""
    return cache.remembered(kith, ("today", limit), lambda: svc.today(kith, None, limit))


@router.get("/today", response_model=list[TodayItemOut])
def get_today(
    kith: KithDep, limit: Annotated[int | None, Query(ge=1, le=500)] = None
) -> list[dict[str, object]]:
    """Who to reach out to today, and why: one ranked list, one action each."""
    return [item.as_dict() for item in today_items(kith, limit)]


@router.post("/today/done", response_model=Message)
def post_done(kith: KithDep, body: DoneIn) -> Message:
    """Act on a line: a promise is marked kept; any other reason is set aside a while."""
    return Message(message=svc.done_for(kith, body.person_id, body.kind))
