"""Shapes of /api/v1/insights, /api/v1/digest and /api/v1/network (the OpenAPI schema).

They describe the dicts the services return (the same as ``kith insights --json`` and
``kith digest --json``); nothing here computes anything.
"""

from __future__ import annotations

from datetime import date
from typing import get_type_hints

from pydantic import BaseModel, create_model

from kithkin.domain.digest import Digest


class PersonRef(BaseModel):
    id: int
    name: str


# --- energy ------------------------------------------------------------------------------


class EnergyRow(PersonRef):
    total: float | None
    mean: float | None
    lately: float | None
    trend: str
    rated: int
    fuelled: int
    drained: int
    evidence: str
    recent: list[int]
    gave_you: int


class Monthly(BaseModel):
    months: list[str]
    mean: list[float | None]


class EnergyOut(BaseModel):
    counts: dict[str, int]
    fuellers: list[EnergyRow]
    more_fuellers: int
    drainers: list[EnergyRow]
    more_drainers: int
    drainer_advice: str
    monthly: Monthly


# --- reciprocity -------------------------------------------------------------------------


class BalanceOut(BaseModel):
    gave: int
    gave_size: int
    received: int
    received_size: int
    net: int
    words: str


class BalanceRow(PersonRef, BalanceOut):
    status: str


class Martyr(PersonRef):
    gives: int
    since: date
    kinds: list[str]
    words: str
    suggestion: str


class Owed(PersonRef):
    they_gave_on: date


class Vanished(PersonRef):
    offered_on: date
    unanswered: int


class Released(PersonRef):
    released_on: date | None
    note: str | None


class ReciprocityOut(BaseModel):
    totals: BalanceOut
    people: list[BalanceRow]
    more_people: int
    martyrdom: list[Martyr]
    more_martyrdom: int
    kindness_owed: list[Owed]
    more_kindness_owed: int
    vanished: list[Vanished]
    more_vanished: int
    released: list[Released]
    more_released: int


# --- depth -------------------------------------------------------------------------------


class Band(BaseModel):
    band: str
    people: int
    names: list[str]


class Deep(PersonRef):
    score: int
    band: str


class Drifting(PersonRef):
    past_per_year: float
    lately_per_year: float
    words: str


class DepthOut(BaseModel):
    bands: list[Band]
    moments_by_depth: dict[str, int]
    deepest: list[Deep]
    drifting: list[Drifting]
    more_drifting: int


# --- opportunities, titles, replies --------------------------------------------------------


class What(BaseModel):
    title: str
    value: int | None
    then: list[str]


class Source(PersonRef):
    title: str | None
    met_where: str | None
    depth: str | None
    energy: str | None
    opportunities: int
    value: int
    share: float | None
    what: list[What]


class OpportunitiesOut(BaseModel):
    count: int
    value: int
    without_chain: int
    sources: list[Source]
    more_sources: int


class TitleOutreach(BaseModel):
    total: int
    senior: int
    share: float | None


class TitleValue(BaseModel):
    total: int
    senior: int
    value: int
    value_senior: int
    share: float | None
    value_senior_anywhere: int
    share_anywhere: float | None


class Senior(PersonRef):
    title: str | None
    initiated: int
    outreach: int
    replied: int
    opportunities: int
    value: int


class TitlesOut(BaseModel):
    senior_words: list[str]
    senior_people: int
    people: int
    outreach: TitleOutreach
    opportunities: TitleValue
    senior: list[Senior]
    more_senior: int


class Rate(BaseModel):
    style: str
    sent: int
    replied: int
    unanswered: int
    pending: int
    rate: float | None
    median_days: float | None


class RepliesOut(BaseModel):
    wait_days: int
    styles: list[Rate]
    all: Rate


# --- intros, met, diversity ------------------------------------------------------------------


class Intro(BaseModel):
    id: int
    a: str
    b: str
    status: str
    proposed_on: date
    made_on: date | None
    reason: str | None
    outcome: str | None
    waiting_on: list[str]


class IntrosOut(BaseModel):
    total: int
    by_status: dict[str, int]
    both_agreed: int
    made: int
    with_outcome: int
    open: int
    list: list[Intro]
    more_list: int


class Place(BaseModel):
    place: str
    people: int
    names: list[str]
    opportunities: int
    value: int


class Introducer(PersonRef):
    introduced: list[str]
    count: int


class MetOut(BaseModel):
    places: list[Place]
    more_places: int
    unknown: int
    through_someone: int
    introducers: list[Introducer]
    more_introducers: int


class Count(BaseModel):
    value: str
    people: int


class Distribution(BaseModel):
    counts: list[Count]
    more: int
    distinct: int
    known: int
    unknown: int
    effective: float
    largest_share: float | None


class Mentor(PersonRef):
    generation: str
    gave_you: int
    opportunities: int
    value: int


class DiversityOut(BaseModel):
    fields: Distribution
    generations: Distribution
    more_reverse_mentors: int
    reverse_mentors: list[Mentor]


class InsightsOut(BaseModel):
    """Every figure of ``kith insights --json`` (only the sections asked for)."""

    as_of: date
    network: int
    people: int
    energy: EnergyOut | None = None
    reciprocity: ReciprocityOut | None = None
    depth: DepthOut | None = None
    opportunities: OpportunitiesOut | None = None
    titles: TitlesOut | None = None
    replies: RepliesOut | None = None
    intros: IntrosOut | None = None
    met: MetOut | None = None
    diversity: DiversityOut | None = None


# --- the network picture -------------------------------------------------------------------


class NetNode(PersonRef):
    x: float
    y: float
    links: int


class NetEdge(BaseModel):
    source: int
    target: int
    kind: str
    weight: int
    shared: list[str]
    words: str


class NetworkOut(BaseModel):
    """People linked by shared interests ("interest") and introductions ("intro"),
    placed in the unit box."""

    people: int
    linked: int
    shown: int
    more: int
    nodes: list[NetNode]
    edges: list[NetEdge]


# --- the digest ----------------------------------------------------------------------------

#: ``kith digest --json``: the Digest's fields as they are, plus ``quiet``.
DigestOut = create_model(  # type: ignore[call-overload]
    "DigestOut",
    quiet=(bool, ...),
    **{name: (kind, ...) for name, kind in get_type_hints(Digest).items()},
)
