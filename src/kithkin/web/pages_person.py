"""A person's page: what they love first, then how you met, the timeline, promises,
reciprocity and how time together leaves you (an energy chart); and keeping a promise.

The page is `kith show` on the web: the same :func:`kithkin.services.profile.profile`,
kept with :func:`kithkin.services.cache.remembered` until the account's data changes.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import Response
from markupsafe import Markup

from kithkin.domain.dates import humanize_delta
from kithkin.domain.energy import LABEL_WORDS
from kithkin.domain.records import ENERGY_WORDS
from kithkin.services import cache, profile
from kithkin.services import moments as moments_svc
from kithkin.services.context import Kith
from kithkin.web import svg
from kithkin.web.auth import KithDep
from kithkin.web.pages_log import safe_back
from kithkin.web.respond import said
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)

MAX_ID = 2**62
#: The energy chart's gridlines.
ENERGY_TICKS = [(-2, "drained"), (0, "neutral"), (2, "fuelled")]


def person_profile(kith: Kith, person_id: int, *, everything: bool = False) -> dict[str, Any]:
    """The person's profile (15 moments, or all of them), kept until the data changes."""
    if everything:
        return cache.remembered(
            kith,
            ("profile", person_id, "all"),
            lambda: profile.profile(kith, f"#{person_id}", timeline=None),
        )
    return cache.remembered(
        kith, ("profile", person_id), lambda: profile.profile(kith, f"#{person_id}")
    )


def energy_chart(p: dict[str, Any]) -> Markup | None:
    """The energy-over-time chart, or None when no moment with them is rated."""
    points = p["energy"]["history"]
    name = p["name"]
    if not points:
        return None
    return svg.line_chart(
        points,
        label=f"How moments with {name} left you, over time",
        y_min=-2,
        y_max=2,
        y_ticks=ENERGY_TICKS,
    )


def channel_href(kind: str, value: str) -> str | None:
    """A link for a way to reach someone, only for schemes that cannot run anything."""
    v = value.strip()
    if kind == "email" and "@" in v and ":" not in v:
        return f"mailto:{v}"
    if kind == "phone":
        digits = "".join(c for c in v if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits.strip("+") else None
    if kind == "url" and v.lower().startswith(("https://", "http://")):
        return v
    return None


@router.get("/people/{person_id:int}")
def person_page(
    request: Request,
    kith: KithDep,
    person_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    everything: Annotated[bool, Query(alias="all")] = False,
) -> Response:
    p = person_profile(kith, person_id, everything=everything)
    today = kith.today

    def ago(day: date | None) -> str:
        return humanize_delta(day, today) if day else ""

    ctx = {
        "p": p,
        "chart": energy_chart(p),
        "channels": [{**c, "href": channel_href(c["kind"], c["value"])} for c in p["channels"]],
        "ago": ago,
        "energy_words": ENERGY_WORDS,
        "label_words": LABEL_WORDS,
        "quicklog_who": p["name"],
        "back": f"/people/{person_id}",
    }
    return render(request, "person.html", ctx)


@router.post("/follow-ups/{follow_up_id:int}/done")
def follow_up_done(
    request: Request,
    kith: KithDep,
    follow_up_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    back: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    text = moments_svc.complete_follow_up(kith, follow_up_id)
    return said(request, f"Kept: {text}", safe_back(back))
