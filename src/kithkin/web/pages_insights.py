"""The Insights page: a chart for every insight, and the picture of the network."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kithkin.services import cache
from kithkin.web import insights_view as view
from kithkin.web.api_insights import insights_data, network_data
from kithkin.web.auth import KithDep
from kithkin.web.templating import render

router = APIRouter(include_in_schema=False)


def page_data(kith: KithDep) -> dict[str, Any]:
    """What the page shows (kept until the account's data changes)."""

    def build() -> dict[str, Any]:
        data = insights_data(kith)
        net = network_data(kith)
        return {
            "data": data,
            "sections": view.sections(data),
            "network": net,
            "picture": view.network_picture(net),
            "names": {n["id"]: n["name"] for n in net["nodes"]},
        }

    return cache.remembered(kith, ("insights-page",), build)


@router.get("/insights")
def insights_page(request: Request, kith: KithDep) -> Response:
    return render(request, "insights.html", page_data(kith))
