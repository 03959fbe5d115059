"""The Drafts page: choose a kind and a person, edit the draft beside its lint, mark it sent.

Drafting, linting and recording a sent message are the services `kith draft`,
`kith lint` and `kith sent` use; this module only reads the forms and renders.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from kithkin.domain.errors import InvalidInput
from kithkin.services import browse
from kithkin.services import drafts as svc
from kithkin.services.people import person_name
from kithkin.web.api_drafts import MAX_TEXT, NO_NUL, DraftIn, compose, findings_of
from kithkin.web.auth import KithDep
from kithkin.web.respond import said
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)

Field40 = Annotated[str, Form(max_length=40)]
NameField = Annotated[str, Form(max_length=200, pattern=NO_NUL)]
WordsField = Annotated[str, Form(max_length=1000, pattern=NO_NUL)]


def _page(request: Request, kith: KithDep, **context: Any) -> Response:
    people = browse.search(kith, limit=browse.MAX_LIMIT)
    form = {"kind": "reopener", "person": "", **context.pop("form", {})}
    ctx = {
        "kinds": [(k, svc.KIND_HELP[k]) for k in svc.KINDS],
        "options": {k: sorted(v) for k, v in svc.KIND_OPTIONS.items()},
        "names": [p["name"] for p in people["people"]],
        "has_people": people["total"] > 0,
        "form": form,
        "draft": None,
        "max_text": MAX_TEXT,
        **context,
    }
    return render(request, "drafts.html", ctx)


@router.get("/drafts")
def drafts_page(
    request: Request,
    kith: KithDep,
    kind: Annotated[str, Query(max_length=40)] = "reopener",
    person: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The form, filled in from a link ('/drafts?kind=checkin&person=Maya')."""
    return _page(request, kith, form={"kind": kind.strip().lower(), "person": person})


@router.post("/drafts")
def make_draft(
    request: Request,
    kith: KithDep,
    kind: Field40,
    person: NameField,
    other: NameField = "",
    third: NameField = "",
    because: WordsField = "",
    reason: WordsField = "",
    propose: Annotated[bool, Form()] = False,
    on: Annotated[str, Form(max_length=100, pattern=NO_NUL)] = "",
    at: Annotated[str, Form(max_length=20, pattern=NO_NUL)] = "",
    where: Annotated[str, Form(max_length=200, pattern=NO_NUL)] = "",
    hours: Annotated[float | None, Form(gt=0, le=12)] = None,
    minutes: Annotated[int | None, Form(ge=1, le=480)] = None,
) -> Response:
    """Draft the message, then show it editable with its lint beside it."""
    kind = svc.check_kind(kind)
    queries = [q.strip() for q in (person, other, third) if q.strip()]
    if not queries:
        raise InvalidInput("person", f"say who the {kind} is for")
    found = [person_name(kith, q) for q in queries]
    body = DraftIn(
        kind=kind,
        person=f"#{found[0][0]}",
        others=[f"#{pid}" for pid, _ in found[1:]],
        because=because or None,
        reason=reason or None,
        propose=propose,
        on=on or None,
        at=at or None,
        where=where or None,
        hours=hours,
        minutes=minutes,
    )
    draft = compose(kith, body, only_its_options=True)
    form = {"kind": kind, "person": person, "other": other, "third": third}
    form.update(because=because, reason=reason, on=on, at=at, where=where)
    return _page(
        request,
        kith,
        form=form,
        draft=_view(draft.kind, draft.subject, [pid for pid, _ in found], _blocks(draft)),
        remarks=draft.remarks,
    )


@router.post("/drafts/check")
def check_again(
    request: Request,
    kith: KithDep,
    kind: Field40,
    people: Annotated[list[int], Form(max_length=3)],
    to: Annotated[list[str], Form(max_length=2)],
    text: Annotated[list[Annotated[str, Form(max_length=MAX_TEXT)]], Form(max_length=2)],
    subject: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """Lint the edited text again."""
    kind = svc.check_kind(kind)
    if len(to) != len(text):
        raise InvalidInput("text", "the form was changed: draft again")
    blocks = [
        {"to": name[:200], "text": body, "findings": findings_of(body, svc.lint_text(body, kind))}
        for name, body in zip(to, text, strict=True)
    ]
    return _page(
        request,
        kith,
        form={"kind": kind},
        draft=_view(kind, subject or None, people, blocks),
        checked=True,
    )


@router.post("/drafts/sent")
def mark_sent(
    request: Request,
    kith: KithDep,
    kind: Field40,
    people: Annotated[list[int], Form(max_length=3)],
) -> Response:
    """Record the draft as sent (as `kith sent NAME --style KIND`)."""
    kind = svc.check_kind(kind)
    logged = svc.record_sent(kith, [f"#{pid}" for pid in people], kind)
    names = ", ".join(n for done in logged for n in done.names)
    day = logged[0].on.isoformat()
    return said(request, f"Sent to {names} on {day} ({kind}); awaiting a reply.", "/drafts")


def _blocks(draft: svc.Draft) -> list[dict[str, Any]]:
    if draft.notes is None:
        return [
            {
                "to": ", ".join(draft.to),
                "text": draft.body,
                "findings": findings_of(draft.body, draft.findings),
            }
        ]
    per = draft.note_findings or [[] for _ in draft.notes]
    return [
        {"to": to, "text": body, "findings": findings_of(body, lint)}
        for (to, body), lint in zip(draft.notes, per, strict=True)
    ]


def _view(
    kind: str, subject: str | None, people: list[int], blocks: list[dict[str, Any]]
) -> dict[str, Any]:
    return {"kind": kind, "subject": subject, "people": people, "blocks": blocks}
