"""/api/v1/insights, /api/v1/digest and /api/v1/network: the figures of the whole network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kithkin.domain.insights import SECTIONS
from kithkin.services import cache, network_graph
from kithkin.services import digest as digest_svc
from kithkin.services import insights as insights_svc
from kithkin.services.inputs import read_date
from kithkin.web.auth import KithDep
from kithkin.web.insights_models import DigestOut, InsightsOut, NetworkOut
from kithkin.web.models import ERRORS

router = APIRouter(prefix="/api/v1", tags=["insights"], responses=ERRORS)


def insights_data(kith: KithDep, sections: tuple[str, ...] = (), top: int = 10) -> dict[str, Any]:
    """``kith insights --json`` for this account (kept until its data changes)."""
    return cache.remembered(
        kith,
        ("insights", sections, top),
        lambda: insights_svc.insights(kith, sections or None, top=top),
    )


def network_data(kith: KithDep) -> dict[str, Any]:
    """The network picture's nodes and edges (kept until the data changes)."""
    return cache.remembered(kith, ("network",), lambda: network_graph.network(kith))


@router.get("/insights", response_model=InsightsOut, response_model_exclude_unset=True)
def get_insights(
    kith: KithDep,
    section: Annotated[
        list[str] | None,
        Query(max_length=len(SECTIONS), description=f"only these: {', '.join(SECTIONS)}"),
    ] = None,
    top: Annotated[int, Query(ge=1, le=1000, description="how many people each list shows")] = 10,
) -> dict[str, Any]:
    """What your network looks like, every section of `kith insights --json`."""
    return insights_data(kith, tuple(sorted(set(section or ()))), top)


@router.get("/digest", response_model=DigestOut)
def get_digest(
    kith: KithDep,
    date: Annotated[
        str | None,
        Query(max_length=100, description="the week ending on this day: 2026-11-14, 'last sat'"),
    ] = None,
) -> dict[str, Any]:
    """The week in one structure, as `kith digest --json`."""
    on = None if date is None else read_date("date", date, kith.today, prefer="past")
    return cache.remembered(
        kith, ("digest", on), lambda: digest_svc.as_dict(digest_svc.digest(kith, on))
    )


@router.get("/network", response_model=NetworkOut)
def get_network(kith: KithDep) -> dict[str, Any]:
    """The most linked people (up to 60), linked by shared interests and introductions,
    each placed in the unit box by a deterministic layout."""
    return network_data(kith)
