"""The JSON API's shapes for people: what a request may send, what an answer holds.

Text fields are bounded (the columns' sizes) and may not hold a NUL character or a lone
surrogate, which no database column can store; fixed choices are enums. The services
still check every value: these bounds only keep the OpenAPI description honest and turn
impossible input into a 422 that names the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from kithkin.domain.records import MAX_ID
from kithkin.services.people import PersonInput


def plain(text: str) -> str:
    """Refuse text no column can hold: NUL characters and unpaired surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("is not valid Unicode text") from None
    return text


Plain = AfterValidator(plain)
PlainStr = Annotated[str, Plain]
#: A person as a request names one: part of their name, or "#id".
PersonRef = Annotated[str, Field(min_length=1, max_length=300), Plain]
DateText = Annotated[str, Field(max_length=100, description="ISO date or words"), Plain]
Short = Annotated[str, Field(max_length=300), Plain]
Long = Annotated[str, Field(max_length=100_000), Plain]
Phrase = Annotated[str, Field(min_length=1, max_length=2000, description="'phrase: note'"), Plain]
TagText = Annotated[str, Field(min_length=1, max_length=120), Plain]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

ChannelKind = Literal["email", "phone", "url", "handle", "address"]
Pancake = Literal["yes", "no", "unsure"]
Status = Literal["active", "snoozed", "released"]
EnergyLabel = Literal["fueller", "neutral", "drainer", "unknown"]


class Strict(BaseModel):
    """A request body: unknown fields are refused, so a typo is never silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ChannelIn(Strict):
    kind: ChannelKind
    value: Annotated[str, Field(min_length=1, max_length=500), Plain]


class _PersonFields(Strict):
    given_name: Annotated[str, Field(max_length=200), Plain] | None = None
    family_name: Annotated[str, Field(max_length=200), Plain] | None = None
    nickname: Annotated[str, Field(max_length=200), Plain] | None = None
    pronouns: Annotated[str, Field(max_length=60), Plain] | None = None
    met_how: Long | None = None
    met_where: Short | None = None
    met_on: DateText | None = None
    via: Annotated[str, Field(max_length=300), Plain] | None = Field(
        default=None, description="who introduced you: a name or '#id' ('' clears it)"
    )
    notes: Long | None = None
    birthday: DateText | None = None
    location: Short | None = None
    timezone: Annotated[str, Field(max_length=64), Plain] | None = None
    generation: Annotated[str, Field(max_length=60), Plain] | None = None
    field: Annotated[str, Field(max_length=200), Plain] | None = None
    org: Short | None = None
    title: Short | None = None
    cadence: (
        Annotated[str, Field(max_length=40), Plain] | Annotated[int, Field(ge=1, le=3650)] | None
    ) = Field(default=None, description="days, or '3w', '2m', 'monthly'")
    pancake: Pancake | Literal[""] | None = None
    interests: list[Phrase] = Field(default_factory=list, max_length=200)
    channels: list[ChannelIn] = Field(default_factory=list, max_length=50)
    tags: list[TagText] = Field(default_factory=list, max_length=50)

    def _input(self, **extra: Any) -> PersonInput:
        """The service's input for these fields (and ``extra``)."""
        return PersonInput(
            given_name=self.given_name,
            family_name=self.family_name,
            nickname=self.nickname,
            pronouns=self.pronouns,
            met_how=self.met_how,
            met_where=self.met_where,
            met_on=self.met_on,
            via=self.via,
            notes=self.notes,
            birthday=self.birthday,
            location=self.location,
            timezone=self.timezone,
            generation=self.generation,
            field=self.field,
            org=self.org,
            title=self.title,
            cadence=None if self.cadence is None else str(self.cadence),
            pancake=self.pancake,
            interests=list(self.interests),
            channels=[(c.kind, c.value) for c in self.channels],
            tags=list(self.tags),
            **extra,
        )


class PersonIn(_PersonFields):
    """A new person: a name, and anything else you know."""

    name: Annotated[str, Field(min_length=1, max_length=300), Plain]

    def as_input(self) -> PersonInput:
        return self._input(name=self.name)


class PersonPatch(_PersonFields):
    """What to change: fields left out stay as they are, '' clears one; lists add."""

    name: Annotated[str, Field(min_length=1, max_length=300), Plain] | None = None
    remove_interests: list[Phrase] = Field(default_factory=list, max_length=200)
    remove_tags: list[TagText] = Field(default_factory=list, max_length=50)
    remove_channels: list[Annotated[str, Field(min_length=1, max_length=500), Plain]] = Field(
        default_factory=list, max_length=50
    )

    def as_input(self) -> PersonInput:
        return self._input(
            name=self.name,
            remove_interests=list(self.remove_interests),
            remove_tags=list(self.remove_tags),
            remove_channels=list(self.remove_channels),
        )


class SnoozeIn(Strict):
    until: DateText = Field(min_length=1, description="a future date: ISO or 'in 2 weeks'")


class ReleaseIn(Strict):
    note: Annotated[str, Field(max_length=10_000), Plain] | None = None


class DismissIn(Strict):
    reason: Annotated[str, Field(min_length=1, max_length=40), Plain] = Field(
        description="the kind of suggestion to stop, e.g. 'cadence' or 'birthday'"
    )
    until: DateText | None = None


# --- answers ---------------------------------------------------------------------------


class PersonBrief(BaseModel):
    """One line of the people search."""

    id: int
    name: str
    status: Status
    energy: EnergyLabel
    last_seen: dt.date | None
    moments: int
    tags: list[str]
    interests: list[str]
    org: str | None
    met_where: str | None


class PeoplePage(BaseModel):
    total: int = Field(description="how many match, of which `people` is one page")
    people: list[PersonBrief]


class InterestOut(BaseModel):
    phrase: str
    note: str | None


class MetOut(BaseModel):
    how: str | None
    where: str | None
    on: dt.date | None
    through: str | None


class BirthdayOut(BaseModel):
    date: str = Field(description="as known: 1990-03-14 or --03-14")
    next: dt.date
    in_days: int


class ChannelOut(BaseModel):
    kind: str
    label: str | None
    value: str


class TimelineMoment(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: int
    date: dt.date
    kind: str
    energy: int | None
    depth: str | None
    topics: list[str]
    with_: list[str] = Field(alias="with", description="the others who were there")
    notes: str | None
    initiated_by: str | None
    outreach_style: str | None
    reply_state: str | None
    replied_on: dt.date | None


class PromiseOut(BaseModel):
    id: int
    text: str
    due: dt.date | None
    overdue: bool


class LedgerLine(BaseModel):
    date: dt.date
    direction: str
    kind: str
    size: str
    note: str | None


class LedgerSummary(BaseModel):
    gave: int
    gave_size: int
    received: int
    received_size: int
    net: int
    words: str
    recent: list[LedgerLine]


class RelationshipOut(BaseModel):
    depth: float
    depth_label: str
    energy_label: str
    energy_evidence: str
    drift: str | None


class EnergyTrendOut(BaseModel):
    points: list[int]
    recent_mean: float | None
    earlier_mean: float | None
    direction: str


class IntroBrief(BaseModel):
    id: int
    between: list[str]
    status: str
    outcome: str | None


class OpportunityBrief(BaseModel):
    title: str
    kind: str
    date: dt.date
    chain: list[str]


class ProfileOut(BaseModel):
    """Everything about a person, interests first, titles last."""

    id: int
    as_of: dt.date
    uid: str
    name: str
    nickname: str | None
    pronouns: str | None
    status: Status
    snoozed_until: dt.date | None
    released_on: dt.date | None
    release_note: str | None
    interests: list[InterestOut]
    met: MetOut
    notes: str | None
    pancake: str | None
    cadence_days: int | None
    tags: list[str]
    birthday: BirthdayOut | None
    location: str | None
    timezone: str | None
    generation: str | None
    field: str | None
    channels: list[ChannelOut]
    moment_count: int
    last_seen: dt.date | None
    timeline: list[TimelineMoment]
    follow_ups: list[PromiseOut]
    ledger: LedgerSummary
    relationship: RelationshipOut
    energy: EnergyTrendOut
    introductions: list[IntroBrief]
    opportunities: list[OpportunityBrief]
    org: str | None
    title: str | None
