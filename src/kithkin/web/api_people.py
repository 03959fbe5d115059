"""/api/v1/people and /api/v1/tags: search, add, read, edit, snooze, release, forget.

A person in a path is their id; the services are asked for ``#id``, which only finds
people of the caller's account, so any other id is a 404.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from kithkin.services import browse, cache, people, profile
from kithkin.web.auth import KithDep
from kithkin.web.models import Message
from kithkin.web.models_people import (
    MAX_ID,
    EnergyLabel,
    PeoplePage,
    PersonIn,
    PersonPatch,
    PlainStr,
    ProfileOut,
    ReleaseIn,
    SnoozeIn,
    Status,
)
from kithkin.web.models_records import RESPONSES

router = APIRouter(prefix="/api/v1", tags=["people"], responses=RESPONSES)

PersonId = Annotated[int, Path(ge=1, le=MAX_ID, description="a person's id")]


def ref(person_id: int) -> str:
    """How the services are asked for a person by id."""
    return f"#{person_id}"


def person_profile(kith: KithDep, person_id: int) -> dict[str, Any]:
    """A person's whole story (kept until the account's data changes)."""
    return cache.remembered(
        kith, ("profile", person_id), lambda: profile.profile(kith, ref(person_id))
    )


@router.get("/people", response_model=PeoplePage)
def search_people(
    kith: KithDep,
    q: Annotated[PlainStr | None, Query(max_length=300)] = None,
    tag: Annotated[PlainStr | None, Query(max_length=120)] = None,
    status: Status | None = None,
    energy: EnergyLabel | None = None,
    limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """People whose name or interests match every word of ``q``, by tag, status, energy."""
    return browse.search(kith, q, tag=tag, status=status, energy=energy, limit=limit, offset=offset)


@router.post("/people", response_model=ProfileOut, status_code=201)
def add_person(kith: KithDep, body: PersonIn) -> dict[str, Any]:
    """Add a person; answers their whole record."""
    person_id = people.add_person(kith, body.as_input())
    return person_profile(kith, person_id)


@router.get("/people/{person_id}", response_model=ProfileOut)
def get_person(kith: KithDep, person_id: PersonId) -> dict[str, Any]:
    """Everything about a person: interests first, then how you met, the timeline,
    promises, reciprocity, energy, introductions and opportunities."""
    return person_profile(kith, person_id)


@router.patch("/people/{person_id}", response_model=ProfileOut)
def edit_person(kith: KithDep, person_id: PersonId, body: PersonPatch) -> dict[str, Any]:
    """Change what the body sets ('' clears a field; lists add, ``remove_*`` remove)."""
    people.edit_person(kith, ref(person_id), body.as_input())
    return person_profile(kith, person_id)


@router.delete("/people/{person_id}", response_model=Message)
def forget_person(kith: KithDep, person_id: PersonId) -> Message:
    """Delete a person and everything only about them (shared moments stay)."""
    name = people.forget(kith, ref(person_id))
    return Message(message=f"Forgot {name} and everything only about them.")


@router.post("/people/{person_id}/snooze", response_model=Message)
def snooze_person(kith: KithDep, person_id: PersonId, body: SnoozeIn) -> Message:
    """Keep a person out of suggestions until a date."""
    name, day = people.snooze(kith, ref(person_id), body.until)
    return Message(message=f"Snoozed {name} until {day.isoformat()}.")


@router.post("/people/{person_id}/release", response_model=Message)
def release_person(kith: KithDep, person_id: PersonId, body: ReleaseIn) -> Message:
    """Let someone go, kindly: they stay on record but leave every suggestion."""
    name = people.release(kith, ref(person_id), body.note)
    return Message(message=f"Released {name}. They stay on record.")


@router.post("/people/{person_id}/reactivate", response_model=Message)
def reactivate_person(kith: KithDep, person_id: PersonId) -> Message:
    """Bring a released or snoozed person back into suggestions."""
    name = people.reactivate(kith, ref(person_id))
    return Message(message=f"{name} is back in your suggestions.")


@router.get("/tags", response_model=list[str])
def list_tags(kith: KithDep) -> list[str]:
    """Every tag in use."""
    return browse.tags(kith)
