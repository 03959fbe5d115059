"""/api/v1/drafts and /api/v1/lint: a drafted message and its lint, or the lint of any text.

Both call what `kith draft` and `kith lint` call (:mod:`kithkin.services.drafts`); the
Drafts page shares :func:`compose` and :func:`findings_of` with them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from kithkin.domain.lint import Finding, lint
from kithkin.services import drafts as svc
from kithkin.services.context import Kith
from kithkin.web.auth import CallerDep, KithDep
from kithkin.web.models import ERRORS

router = APIRouter(prefix="/api/v1", tags=["drafts"], responses=ERRORS)

#: The longest message the lint reads (a long e-mail is a few thousand characters).
MAX_TEXT = 20_000

#: Text fields refuse NUL characters (PostgreSQL cannot store them).
NO_NUL = r"^[^\x00]*$"
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
Words = Annotated[str, Field(max_length=1000, pattern=NO_NUL)]


class DraftIn(BaseModel):
    """What to draft: a kind, its person (two for an intro, 2-3 for office hours) and
    the kind's options (the same as `kith draft`'s)."""

    kind: str = Field(min_length=1, max_length=40, examples=list(svc.KINDS))
    person: Name
    other: Name | None = Field(default=None, description="intro: the second person")
    others: list[Name] = Field(
        default_factory=list, max_length=2, description="office-hours: who else to invite"
    )
    because: Words | None = Field(
        default=None, description="cold: what interests you in their work"
    )
    reason: Words | None = Field(default=None, description="intro: why these two should meet")
    propose: bool = Field(default=False, description="intro: also record it as a proposed intro")
    on: Annotated[str, Field(max_length=100, pattern=NO_NUL)] | None = Field(
        default=None, description="office-hours"
    )
    at: Annotated[str, Field(max_length=20, pattern=NO_NUL)] | None = Field(
        default=None, description="office-hours"
    )
    where: Annotated[str, Field(max_length=200, pattern=NO_NUL)] | None = Field(
        default=None, description="office-hours"
    )
    hours: float | None = Field(default=None, gt=0, le=12, description="office-hours: how long")
    minutes: int | None = Field(default=None, ge=1, le=480, description="the time you ask for")


class FindingOut(BaseModel):
    code: str
    severity: str
    message: str
    principle: str
    excerpt: str | None
    #: Where in the text: "line 2: “…”", or "the whole message".
    where: str


class NoteOut(BaseModel):
    to: str
    text: str
    findings: list[FindingOut]


class DraftOut(BaseModel):
    kind: str
    to: list[str]
    subject: str | None
    #: The message (an intro: both notes, each under "To NAME:").
    text: str
    findings: list[FindingOut]
    #: An intro's note to each side, with its own findings (None for other kinds).
    notes: list[NoteOut] | None
    remarks: list[str]
    intro_id: int | None = None
    #: The command that records it as sent (`POST /drafts/sent` on the page).
    when_sent: str


class LintIn(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    kind: str | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="lint as a draft of this kind; none: as a first contact, like `kith lint`",
    )


class LintOut(BaseModel):
    findings: list[FindingOut]


def compose(kith: Kith, body: DraftIn, *, only_its_options: bool = False) -> svc.Draft:
    """The draft ``body`` asks for; with ``only_its_options`` options the kind does not
    take are left out (the page's form shows every kind's fields) instead of refused."""
    kind = svc.check_kind(body.kind)
    people = [body.person, *([body.other] if body.other else []), *body.others]
    options: dict[str, Any] = {
        "because": body.because or None,
        "reason": body.reason or None,
        "where": body.where or None,
        "minutes": body.minutes,
        "hours": body.hours,
        "propose": body.propose,
    }
    takes = svc.KIND_OPTIONS[kind]
    if not only_its_options or "when" in takes:
        options["when"] = svc.when_of(kith, body.on or None, body.at or None)
    if only_its_options:
        options = {k: v for k, v in options.items() if k in takes}
    return svc.draft(kith, kind, people, **options)


def where_in(text: str, excerpt: str | None) -> str:
    """Where a finding's excerpt sits in ``text``: its line, or the whole message."""
    if not excerpt:
        return "the whole message"
    words = excerpt.rstrip("…").split()
    for size in (4, 1):
        key = " ".join(words[:size])
        if not key:
            break
        for number, line in enumerate(text.splitlines(), 1):
            if key in " ".join(line.split()):
                return f"line {number}: “{excerpt}”"
    return f"“{excerpt}”"


def findings_of(text: str, found: list[Finding]) -> list[dict[str, Any]]:
    """Lint findings as data, each with where it is in ``text``."""
    return [{**svc.finding_dict(f), "where": where_in(text, f.excerpt)} for f in found]


def draft_out(found: svc.Draft) -> dict[str, Any]:
    """A draft as the API answers it."""
    notes = None
    if found.notes is not None:
        per = found.note_findings or [[] for _ in found.notes]
        notes = [
            {"to": to, "text": text, "findings": findings_of(text, lint)}
            for (to, text), lint in zip(found.notes, per, strict=True)
        ]
    return {
        "kind": found.kind,
        "to": found.to,
        "subject": found.subject,
        "text": found.body,
        "findings": findings_of(found.body, found.findings),
        "notes": notes,
        "remarks": found.remarks,
        "intro_id": found.intro_id,
        "when_sent": found.send_hint(),
    }


@router.post("/drafts", response_model=DraftOut)
def post_draft(kith: KithDep, body: DraftIn) -> dict[str, Any]:
    """Draft a message of a kind to a person (as `kith draft KIND PERSON`), linted."""
    return draft_out(compose(kith, body))


@router.post("/lint", response_model=LintOut)
def post_lint(_who: CallerDep, body: LintIn) -> dict[str, Any]:
    """Lint any message text (as `kith lint`): what to fix, why, and where."""
    if body.kind is None:
        found = lint(body.text, first_contact=True)
    else:
        found = svc.lint_text(body.text, svc.check_kind(body.kind))
    return {"findings": findings_of(body.text, found)}
