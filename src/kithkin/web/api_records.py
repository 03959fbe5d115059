"""/api/v1 ledger, introductions, opportunities, saved items and dismissals."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from kithkin.services import records
from kithkin.web.api_people import PersonId, ref
from kithkin.web.auth import KithDep
from kithkin.web.models import Message
from kithkin.web.models_people import MAX_ID, DismissIn
from kithkin.web.models_records import (
    RESPONSES,
    AdvanceIn,
    IntroIn,
    IntroOut,
    LedgerIn,
    OpportunityIn,
    OpportunityOut,
    SavedCreated,
    SavedIn,
    SavedOut,
)

router = APIRouter(prefix="/api/v1", tags=["records"], responses=RESPONSES)

IntroId = Annotated[int, Path(ge=1, le=MAX_ID, description="an introduction's id")]


@router.post("/ledger", response_model=Message, status_code=201)
def add_ledger(kith: KithDep, body: LedgerIn) -> Message:
    """Record something you gave a person or received from them (`kith gave` / `got`)."""
    who = records.add_ledger(
        kith, body.person, body.direction, body.kind, size=body.size, when=body.when, note=body.note
    )
    gave = body.direction == "gave"
    verb, to = ("Gave", "to") if gave else ("Received", "from")
    return Message(message=f"{verb} {body.kind} ({body.size}) {to} {who}.")


@router.get("/intros", response_model=list[IntroOut])
def list_intros(
    kith: KithDep, person_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> list[dict[str, Any]]:
    """Introductions (optionally those touching a person), newest first."""
    return records.list_intros(kith, None if person_id is None else ref(person_id))


@router.post("/intros", response_model=IntroOut, status_code=201)
def propose_intro(kith: KithDep, body: IntroIn) -> dict[str, Any]:
    """Propose a double opt-in introduction: ask each side first."""
    return records.propose_intro(kith, body.a, body.b, body.reason)


@router.post("/intros/{intro_id}/advance", response_model=IntroOut)
def advance_intro(kith: KithDep, intro_id: IntroId, body: AdvanceIn) -> dict[str, Any]:
    """Move an introduction along: agree (who), decline, made, outcome (what came of it)."""
    return records.advance_intro(kith, intro_id, body.action, who=body.who, outcome=body.outcome)


@router.get("/opportunities", response_model=list[OpportunityOut])
def list_opportunities(kith: KithDep) -> list[dict[str, Any]]:
    """Every opportunity with the people it came through, newest first."""
    return records.list_opportunities(kith)


@router.post("/opportunities", response_model=OpportunityOut, status_code=201)
def add_opportunity(kith: KithDep, body: OpportunityIn) -> dict[str, Any]:
    """Record an opportunity and where it really came from."""
    return records.add_opportunity(
        kith,
        body.title,
        body.kind,
        body.via,
        when=body.when,
        value=None if body.value is None else str(body.value),
        note=body.note,
    )


@router.get("/saved", response_model=list[SavedOut])
def list_saved(kith: KithDep) -> list[dict[str, Any]]:
    """Everything you saved, newest first."""
    return records.list_saved(kith)


@router.post("/saved", response_model=SavedCreated, status_code=201)
def save_item(kith: KithDep, body: SavedIn) -> dict[str, Any]:
    """Save a link or a note with its topics; answers who'd love it."""
    return records.save_item(kith, body.content, body.topics, kind=body.kind, when=body.when)


@router.post("/people/{person_id}/dismiss", response_model=Message)
def dismiss(kith: KithDep, person_id: PersonId, body: DismissIn) -> Message:
    """Stop one kind of suggestion about a person (optionally until a date)."""
    name = records.dismiss(kith, ref(person_id), body.reason, until=body.until)
    until = f" until {body.until}" if body.until else ""
    return Message(message=f"No more '{body.reason}' suggestions about {name}{until}.")
