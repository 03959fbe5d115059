"""The JSON API's shapes for moments, follow-ups, the ledger, introductions,
opportunities, saved items and matching (see :mod:`kithkin.web.models_people`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from kithkin.web.models import ERRORS
from kithkin.web.models_people import DateText, Long, PersonRef, Phrase, Plain, Strict

MomentKind = Literal[
    "coffee",
    "call",
    "video",
    "voice-note",
    "message",
    "email",
    "meal",
    "walk",
    "event",
    "co-working",
    "intro",
    "visit",
    "workshop",
    "other",
]
Depth = Literal["surface", "personal", "vulnerable"]
Initiator = Literal["me", "them", "mutual"]
Direction = Literal["gave", "received"]
LedgerKind = Literal[
    "intro",
    "advice",
    "help",
    "gift",
    "referral",
    "article",
    "time",
    "skill-swap",
    "mini-collab",
    "other",
]
Size = Literal["small", "medium", "large"]
IntroAction = Literal["agree", "decline", "made", "outcome"]
OpportunityKind = Literal["job", "client", "collaboration", "idea", "friend", "other"]
SavedKind = Literal["link", "note", "meme"]
Topics = Annotated[list[Phrase], Field(max_length=50)]


# --- requests --------------------------------------------------------------------------


class MomentIn(Strict):
    """A moment with one or several people."""

    people: list[PersonRef] = Field(min_length=1, max_length=50, description="names or '#id'")
    kind: MomentKind
    when: DateText | None = Field(default=None, description="default today; never in the future")
    energy: int | None = Field(default=None, ge=-2, le=2, description="-2 drained … +2 fuelled")
    depth: Depth | None = None
    initiated_by: Initiator | None = None
    topics: Topics = Field(default_factory=list)
    note: Long | None = None
    follow_up: Annotated[str, Field(max_length=10_000), Plain] | None = None
    due: DateText | None = None
    outreach_style: Annotated[str, Field(max_length=40), Plain] | None = None


class RepliedIn(Strict):
    when: DateText | None = Field(default=None, description="when they replied (default today)")
    no_reply: bool = Field(default=False, description="record that no reply ever came")


class LedgerIn(Strict):
    """Something given to (gave) or received from (received) a person."""

    person: PersonRef
    direction: Direction
    kind: LedgerKind
    size: Size = "small"
    when: DateText | None = None
    note: Long | None = None


class IntroIn(Strict):
    a: PersonRef
    b: PersonRef
    reason: Long | None = None


class AdvanceIn(Strict):
    """agree (with who), decline, made, or outcome (with what came of it)."""

    action: IntroAction
    who: PersonRef | None = Field(default=None, description="with 'agree': the side that said yes")
    outcome: Long | None = Field(default=None, description="with 'outcome' or 'decline'")


class OpportunityIn(Strict):
    title: Annotated[str, Field(min_length=1, max_length=300), Plain]
    kind: OpportunityKind
    via: list[PersonRef] = Field(
        default_factory=list, max_length=20, description="the chain, nearest to you last"
    )
    when: DateText | None = None
    value: int | None = Field(default=None, ge=1, le=5, description="what it meant, 1 to 5")
    note: Long | None = None


class SavedIn(Strict):
    content: Annotated[str, Field(min_length=1, max_length=100_000), Plain] = Field(
        description="a link or a note"
    )
    topics: Topics = Field(default_factory=list)
    kind: SavedKind | None = Field(default=None, description="guessed when left out")
    when: DateText | None = None


class MyInterestsIn(Strict):
    interests: list[Phrase] = Field(max_length=200, description="all of yours: 'phrase: note'")


# --- answers ---------------------------------------------------------------------------


class LoggedOut(BaseModel):
    id: int
    people: list[str]
    on: dt.date
    follow_up_due: dt.date | None


class FollowUpOut(BaseModel):
    id: int
    person_id: int
    person: str
    text: str
    due: dt.date | None
    done: dt.date | None
    overdue: bool


class IntroOut(BaseModel):
    id: int
    person_a_id: int
    person_b_id: int
    a_name: str
    b_name: str
    reason: str | None
    status: Literal["proposed", "agreed", "made", "declined", "closed"]
    proposed_on: dt.date
    a_agreed_on: dt.date | None
    b_agreed_on: dt.date | None
    made_on: dt.date | None
    closed_on: dt.date | None
    outcome: str | None


class OpportunityOut(BaseModel):
    id: int
    title: str
    kind: str
    occurred_on: dt.date
    value: int | None
    notes: str | None
    chain: list[str] = Field(description="names, in the order the opportunity came through")


class SavedOut(BaseModel):
    id: int
    kind: str
    url: str | None
    text: str | None
    saved_on: dt.date
    topics: list[str]


class FitOut(BaseModel):
    person_id: int
    person: str
    topic: str
    interest: str
    score: float


class SavedCreated(BaseModel):
    id: int
    kind: str
    content: str
    topics: list[str]
    saved_on: dt.date
    fits: list[FitOut] = Field(description="who'd love it, best first")


class MyInterestOut(BaseModel):
    phrase: str
    note: str | None


class SharedOut(BaseModel):
    mine: str
    theirs: str
    score: float


class CommonOut(BaseModel):
    person_id: int
    person: str
    semantic: bool
    yours: list[str]
    theirs: list[str]
    shared: list[SharedOut]


class SimilarPerson(BaseModel):
    person_id: int
    person: str
    score: float
    energy: str
    shared: list[SharedOut]


class SimilarOut(BaseModel):
    person_id: int
    person: str
    semantic: bool
    similar: list[SimilarPerson]


class SideOut(BaseModel):
    person_id: int
    person: str
    location: str | None
    energy: str


class SuggestionOut(BaseModel):
    a: SideOut
    b: SideOut
    strength: float
    shared: list[SharedOut]
    why: str


class SuggestionsOut(BaseModel):
    semantic: bool
    suggestions: list[SuggestionOut]


class ItemShared(BaseModel):
    topic: str
    interest: str
    score: float


class ItemFit(BaseModel):
    item_id: int
    title: str
    kind: str
    saved_on: dt.date
    sent_on: dt.date | None
    shared: list[ItemShared]


class SavedForOut(BaseModel):
    person_id: int
    person: str
    semantic: bool
    items: list[ItemFit]


class Candidate(BaseModel):
    id: int
    name: str


class AmbiguousOut(BaseModel):
    """A name that could mean several people: pick one by its '#id'."""

    error: str
    candidates: list[Candidate]


#: Error answers of routes that read names (a name may mean several people: 409).
RESPONSES: dict[int | str, dict[str, object]] = {
    **ERRORS,
    409: {"model": AmbiguousOut, "description": "a name that could mean several people"},
}
