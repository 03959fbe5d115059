"""/api/v1 interests by meaning: yours, what you share with a person, who is like them,
who should meet, and what you saved that fits a person."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kithkin.services import matching, saved
from kithkin.web.api_people import PersonId, ref
from kithkin.web.auth import KithDep
from kithkin.web.models_records import (
    RESPONSES,
    CommonOut,
    MyInterestOut,
    MyInterestsIn,
    SavedForOut,
    SimilarOut,
    SuggestionsOut,
)

router = APIRouter(prefix="/api/v1", tags=["matching"], responses=RESPONSES)

Limit = Annotated[int, Query(ge=1, le=100)]


@router.get("/me/interests", response_model=list[MyInterestOut])
def my_interests(kith: KithDep) -> list[dict[str, Any]]:
    """Your own interests (what `common` and the drafts look for in others)."""
    return matching.my_interests(kith)


@router.put("/me/interests", response_model=list[MyInterestOut])
def set_my_interests(kith: KithDep, body: MyInterestsIn) -> list[dict[str, Any]]:
    """Make your interests exactly these; answers them as stored."""
    return matching.replace_my_interests(kith, body.interests)


@router.get("/people/{person_id}/common", response_model=CommonOut)
def common(kith: KithDep, person_id: PersonId) -> dict[str, Any]:
    """What you share with a person, by meaning."""
    return matching.common(kith, ref(person_id))


@router.get("/people/{person_id}/similar", response_model=SimilarOut)
def similar(kith: KithDep, person_id: PersonId, limit: Limit = 10) -> dict[str, Any]:
    """Who else shares a person's interests (rare shared interests count more)."""
    return matching.similar(kith, ref(person_id), limit)


@router.get("/people/{person_id}/saved", response_model=SavedForOut)
def saved_for(kith: KithDep, person_id: PersonId) -> dict[str, Any]:
    """What you saved that a person would love, best fit first."""
    return saved.for_person(kith, ref(person_id))


@router.get("/intro-suggestions", response_model=SuggestionsOut)
def intro_suggestions(kith: KithDep, limit: Limit = 10) -> dict[str, Any]:
    """Pairs of people who don't know each other yet and share an interest."""
    return matching.intro_suggestions(kith, limit)
