"""The People page: search as you type, narrowed by tag, status and energy.

Without JavaScript the search box and filters are one plain GET form. With it, kith.js
asks ``/people?...&partial=1`` as you type and swaps in the results it gets back (the
same ``_people_results.html`` the whole page includes), keeping the URL in step.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kithkin.domain.dates import humanize_delta
from kithkin.domain.energy import LABEL_WORDS
from kithkin.domain.energy import LABELS as ENERGY_LABELS
from kithkin.domain.records import STATUSES
from kithkin.services import browse
from kithkin.web.auth import KithDep
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)

#: People listed on one page of results.
PAGE_SIZE = 50
#: The furthest page anyone can ask for (beyond any real account's size).
MAX_PAGE = 100_000


def _link(filters: dict[str, str], page: int) -> str:
    """The URL of one page of these results (empty filters left out)."""
    params = {k: v for k, v in filters.items() if v}
    if page > 1:
        params["page"] = str(page)
    return "/people" + (f"?{urlencode(params)}" if params else "")


@router.get("/people")
def people_page(
    request: Request,
    kith: KithDep,
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=100)] = "",
    status: Annotated[str, Query(max_length=40)] = "",
    energy: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    partial: Annotated[bool, Query()] = False,
) -> Response:
    people = browse.directory(kith)  # one read of the revision for the results and tags
    found = browse.search(
        kith,
        q,
        tag=tag,
        status=status,
        energy=energy,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        within=people,
    )
    filters = {"q": q, "tag": tag, "status": status, "energy": energy}
    total: int = found["total"]
    last = max(1, -(-total // PAGE_SIZE))
    today = kith.today

    def ago(day: date | None) -> str:
        return humanize_delta(day, today) if day else "never"

    ctx: dict[str, Any] = {
        "people": found["people"],
        "total": total,
        "page": page,
        "first": (page - 1) * PAGE_SIZE + 1,
        "prev_link": _link(filters, min(page - 1, last)) if page > 1 else None,
        "next_link": _link(filters, page + 1) if page < last else None,
        "filtered": any(filters.values()),
        "filters": filters,
        "ago": ago,
        "energy_words": LABEL_WORDS,
    }
    if partial:
        return render(request, "_people_results.html", ctx)
    ctx.update(
        {
            "all_tags": people.tags(),
            "statuses": STATUSES,
            "energies": ENERGY_LABELS,
        }
    )
    return render(request, "people.html", ctx)
