"""Per-person facts: what every score is computed from, aggregated once per person.

The facts never depend on today's date, so the database can keep them up to date as
records are written and Today reads them in one query. Decay weights use a fixed
epoch: a moment on day ``d`` stores ``2 ** ((d - EPOCH) / H)``; on ``today`` its weight
is that times ``2 ** (-(today - EPOCH) / H)`` (see :func:`decay_scale`), which equals
``2 ** (-(today - d) / H)``: a moment loses half its weight every ``H`` days.

:meth:`PersonFacts.of` is the reference computation; the storage layer computes the
same fields in SQL (``storage/facts_repo.py``), and a test holds the two together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

#: Day zero of the stored decay weights.
EPOCH = date(2000, 1, 1)
#: Half-life (days) of "lately": drift and energy trend compare it with the slow one.
HALF_LIFE_FAST = 90
#: Half-life (days) of the relationship as a whole: depth score and energy mean.
HALF_LIFE_SLOW = 365
#: Depth of a moment as a number.
DEPTH_VALUE = {"surface": 1, "personal": 2, "vulnerable": 3}
#: The ledger kind that records offering a small mutual project.
COLLAB_KIND = "mini-collab"


def stored_weight(on: date, half_life: int) -> float:
    """``2 ** ((on - EPOCH) / half_life)``: a moment's weight, before scaling to a date."""
    return float(2.0 ** ((on - EPOCH).days / half_life))


def decay_scale(today: date, half_life: int) -> float:
    """``2 ** (-(today - EPOCH) / half_life)``: turns stored weights into today's."""
    return float(2.0 ** (-(today - EPOCH).days / half_life))


@dataclass(frozen=True)
class MomentFact:
    """The parts of one moment with a person that scoring reads."""

    on: date
    energy: int | None = None
    depth: str | None = None
    initiated_by: str | None = None
    outreach: bool = False
    reply_state: str | None = None
    replied_on: date | None = None


@dataclass(frozen=True)
class LedgerFact:
    """One ledger entry: what went which way, when."""

    on: date
    direction: str  # "gave" or "received"
    kind: str = "help"
    size: int = 1


@dataclass(frozen=True, slots=True)  # one per person, kept for a whole account at times
class PersonFacts:
    """Aggregates over one person's moments and ledger (none depend on today).

    ``w_*`` are sums of stored weights over all moments; ``ew_*``/``e_*`` the weights and
    weighted energies of rated moments; ``dw_*``/``d_*`` the same for moments with a
    depth. ``last_on`` is the last contact: the newest moment or reply.
    """

    moments: int = 0
    first_on: date | None = None
    last_on: date | None = None
    rated: int = 0
    fuelled: int = 0
    drained: int = 0
    by_me: int = 0
    by_them: int = 0
    by_both: int = 0
    w_fast: float = 0.0
    w_slow: float = 0.0
    ew_fast: float = 0.0
    ew_slow: float = 0.0
    e_fast: float = 0.0
    e_slow: float = 0.0
    dw_fast: float = 0.0
    dw_slow: float = 0.0
    d_fast: float = 0.0
    d_slow: float = 0.0
    outreach: int = 0
    replied: int = 0
    awaiting: int = 0
    oldest_awaiting_on: date | None = None
    unanswered: int = 0
    gave_count: int = 0
    gave_size: int = 0
    received_count: int = 0
    received_size: int = 0
    last_gave_on: date | None = None
    last_received_on: date | None = None
    gives_since_received: int = 0
    last_offer_on: date | None = None

    @classmethod
    def of(cls, moments: Iterable[MomentFact], ledger: Iterable[LedgerFact] = ()) -> PersonFacts:
        """The facts of these moments and ledger entries.

        Sums are exact (``math.fsum``), so the order of the moments never changes them.
        """
        terms: dict[str, list[float]] = {k: [] for k in SUM_FIELDS}
        n: dict[str, int] = dict.fromkeys(MOMENT_COUNTS, 0)
        dates: list[date] = []
        awaiting: list[date] = []
        initiator = {"me": "by_me", "them": "by_them", "mutual": "by_both"}
        for m in moments:
            n["moments"] += 1
            dates.append(m.on)
            if m.replied_on is not None:
                dates.append(m.replied_on)
            wf, ws = stored_weight(m.on, HALF_LIFE_FAST), stored_weight(m.on, HALF_LIFE_SLOW)
            terms["w_fast"].append(wf)
            terms["w_slow"].append(ws)
            if m.energy is not None:
                n["rated"] += 1
                n["fuelled"] += m.energy >= 1
                n["drained"] += m.energy <= -1
                terms["ew_fast"].append(wf)
                terms["ew_slow"].append(ws)
                terms["e_fast"].append(wf * m.energy)
                terms["e_slow"].append(ws * m.energy)
            if m.depth in DEPTH_VALUE:
                v = DEPTH_VALUE[m.depth]
                terms["dw_fast"].append(wf)
                terms["dw_slow"].append(ws)
                terms["d_fast"].append(wf * v)
                terms["d_slow"].append(ws * v)
            if m.initiated_by in initiator:
                n[initiator[m.initiated_by]] += 1
            n["outreach"] += m.outreach
            n["replied"] += m.reply_state == "replied"
            n["unanswered"] += m.reply_state in ("awaiting", "no_reply")
            if m.reply_state == "awaiting":
                n["awaiting"] += 1
                awaiting.append(m.on)
        sums: dict[str, Any] = {k: math.fsum(v) for k, v in terms.items()}
        entries = list(ledger)
        gave = [e for e in entries if e.direction == "gave"]
        received = [e for e in entries if e.direction == "received"]
        last_received = max((e.on for e in received), default=None)
        offers = [e.on for e in gave if e.kind == COLLAB_KIND]
        return cls(
            first_on=min(dates, default=None),
            last_on=max(dates, default=None),
            oldest_awaiting_on=min(awaiting, default=None),
            gave_count=len(gave),
            gave_size=sum(e.size for e in gave),
            received_count=len(received),
            received_size=sum(e.size for e in received),
            last_gave_on=max((e.on for e in gave), default=None),
            last_received_on=last_received,
            gives_since_received=sum(
                1 for e in gave if last_received is None or e.on > last_received
            ),
            last_offer_on=max(offers, default=None),
            **n,
            **sums,
        )


#: Every field of PersonFacts, in order: the columns the database keeps.
FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PersonFacts))
#: The decay-weighted sums (floats).
SUM_FIELDS = tuple(f for f in FACT_FIELDS if f[:2] in ("w_", "ew", "e_", "dw", "d_"))
#: The dates (stored as days since EPOCH).
DATE_FIELDS = tuple(f for f in FACT_FIELDS if f.endswith("_on"))
#: The counts (integers).
COUNT_FIELDS = tuple(f for f in FACT_FIELDS if f not in SUM_FIELDS + DATE_FIELDS)
#: The counts that come from moments (the rest come from the ledger).
MOMENT_COUNTS = COUNT_FIELDS[: COUNT_FIELDS.index("unanswered") + 1]
