"""/api/v1/moments and /api/v1/follow-ups: log a moment, keep promises, record replies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query

from kithkin.services import moments
from kithkin.web.api_people import PersonId, ref
from kithkin.web.auth import KithDep
from kithkin.web.models import Message
from kithkin.web.models_people import MAX_ID
from kithkin.web.models_records import RESPONSES, FollowUpOut, LoggedOut, MomentIn, RepliedIn

router = APIRouter(prefix="/api/v1", tags=["moments"], responses=RESPONSES)

MomentId = Annotated[int, Path(ge=1, le=MAX_ID, description="a moment's id")]
FollowUpId = Annotated[int, Path(ge=1, le=MAX_ID, description="a follow-up's id")]
Replied = Annotated[RepliedIn | None, Body()]


@router.post("/moments", response_model=LoggedOut, status_code=201)
def log_moment(kith: KithDep, body: MomentIn) -> dict[str, Any]:
    """Log a moment with one or several people (and a promise made in it)."""
    done = moments.log_moment(
        kith,
        moments.MomentInput(
            people=body.people,
            kind=body.kind,
            when=body.when,
            energy=None if body.energy is None else str(body.energy),
            depth=body.depth,
            initiated_by=body.initiated_by,
            topics=body.topics,
            note=body.note,
            follow_up=body.follow_up,
            due=body.due,
            outreach_style=body.outreach_style,
        ),
    )
    return {
        "id": done.moment_id,
        "people": done.names,
        "on": done.on,
        "follow_up_due": done.follow_up_due,
    }


@router.get("/follow-ups", response_model=list[FollowUpOut])
def list_follow_ups(
    kith: KithDep,
    person_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    include_done: Annotated[bool, Query(alias="all")] = False,
) -> list[dict[str, Any]]:
    """Open promises (``all=true``: kept ones too), soonest due first."""
    return moments.follow_ups(
        kith, None if person_id is None else ref(person_id), include_done=include_done
    )


@router.post("/follow-ups/{follow_up_id}/done", response_model=Message)
def follow_up_done(kith: KithDep, follow_up_id: FollowUpId) -> Message:
    """Mark a promise kept."""
    return Message(message=f"Done: {moments.complete_follow_up(kith, follow_up_id)}")


def _replied(name: str, on: Any, no_reply: bool) -> Message:
    return Message(
        message=f"{name}: no reply recorded." if no_reply else f"{name} replied on {on}."
    )


@router.post("/moments/{moment_id}/replied", response_model=Message)
def moment_replied(kith: KithDep, moment_id: MomentId, body: Replied = None) -> Message:
    """This outreach got a reply (or, with ``no_reply``, never will)."""
    body = body or RepliedIn()
    name, on = moments.mark_moment_replied(kith, moment_id, body.when, no_reply=body.no_reply)
    return _replied(name, on, body.no_reply)


@router.post("/people/{person_id}/replied", response_model=Message)
def person_replied(kith: KithDep, person_id: PersonId, body: Replied = None) -> Message:
    """The newest outreach to a person awaiting a reply got one (as `kith replied`)."""
    body = body or RepliedIn()
    name, on = moments.mark_replied(kith, ref(person_id), body.when, no_reply=body.no_reply)
    return _replied(name, on, body.no_reply)
