"""Insights: figures about the whole network, computed from plain values.

Pure: no I/O, no clock (``today`` is passed in), no database. Every function here
*describes* the network; none ranks people by organisation or title (principle 1).
The one place a title is read, :func:`is_senior_title`, feeds only the descriptive
"titles vs. value" comparison, never a score, an order or a suggestion.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kithkin.domain.depth import BANDS, DepthScore
from kithkin.domain.energy import LABELS, EnergyReading
from kithkin.domain.facts import HALF_LIFE_SLOW, PersonFacts, decay_scale
from kithkin.domain.summaries import Balance

#: The sections of Insights, in the order they are shown.
SECTIONS = (
    "energy",
    "reciprocity",
    "depth",
    "opportunities",
    "titles",
    "replies",
    "intros",
    "met",
    "diversity",
)


def share(part: float, whole: float) -> float | None:
    """``part / whole``, or None when ``whole`` is 0: no data is not 0 %."""
    return part / whole if whole else None


# --- energy ---------------------------------------------------------------------------


def energy_total(facts: PersonFacts, today: date) -> float:
    """How much energy a person has brought you: Σ eᵢ · 2^(−ageᵢ / HALF_LIFE_SLOW) over
    rated moments (the stored e_slow scaled to ``today``). A friend who lifts you (+1)
    every week outweighs someone who fuelled you (+2) twice, long ago."""
    return facts.e_slow * decay_scale(today, HALF_LIFE_SLOW)


@dataclass(frozen=True)
class EnergyMap:
    """People by energy label; the fuellers who bring the most first, the drainers who
    take the most first."""

    counts: dict[str, int]
    fuellers: tuple[int, ...]
    drainers: tuple[int, ...]


def energy_map(readings: Mapping[int, EnergyReading], totals: Mapping[int, float]) -> EnergyMap:
    """Group readings by label (see :func:`kithkin.domain.energy.energy_reading`).

    Fuellers sort by :func:`energy_total`, highest first; drainers by it, lowest first;
    ties go to the stronger mean, then to more rated moments, then to the lower id.
    """
    counts = dict.fromkeys(LABELS, 0)
    for r in readings.values():
        counts[r.label] += 1

    def order(label: str, sign: int) -> tuple[int, ...]:
        chosen = [(pid, r) for pid, r in readings.items() if r.label == label]
        chosen.sort(
            key=lambda t: (
                sign * totals.get(t[0], 0.0),
                sign * (t[1].mean or 0.0),
                -t[1].rated,
                t[0],
            )
        )
        return tuple(pid for pid, _ in chosen)

    return EnergyMap(counts, order("fueller", -1), order("drainer", 1))


def month_starts(today: date, months: int) -> list[date]:
    """The first days of the last ``months`` calendar months, oldest first, ending with
    today's month."""
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def monthly_energy(
    days: Iterable[tuple[date, int, int]], today: date, months: int = 12
) -> list[float | None]:
    """Mean energy of each of the last ``months`` calendar months (oldest first).

    ``days`` are (day, Σ energy, rated moments); a month's mean is
    Σ energy / Σ rated over its days, None when nothing was rated. Days after
    ``today`` or before the first month are ignored.
    """
    starts = month_starts(today, months)
    sums = [[0, 0] for _ in starts]
    for day, total, rated in days:
        if day > today or day < starts[0]:
            continue
        i = (day.year - starts[0].year) * 12 + day.month - starts[0].month
        sums[i][0] += total
        sums[i][1] += rated
    return [t / n if n else None for t, n in sums]


# --- depth ----------------------------------------------------------------------------

#: The depth band of someone you have no moment with yet.
NO_MOMENTS = "no moments yet"


def depth_distribution(scores: Iterable[DepthScore | None]) -> tuple[tuple[str, int], ...]:
    """People per depth band, deepest first (bands from :data:`kithkin.domain.depth.BANDS`),
    then :data:`NO_MOMENTS` for None (nobody to score yet)."""
    counts = Counter(NO_MOMENTS if s is None else s.label for s in scores)
    return tuple((label, counts[label]) for label in (*(b for _, b in BANDS), NO_MOMENTS))


# --- reciprocity ----------------------------------------------------------------------


def lopsided_first(balances: Mapping[int, Balance]) -> list[int]:
    """People who exchanged anything, most lopsided first.

    Order: |net| descending (net = received − given, by size), then net ascending (you
    gave more before they gave more), then id.
    """
    traded = [pid for pid, b in balances.items() if b.gave_count or b.received_count]
    return sorted(traded, key=lambda p: (-abs(balances[p].net), balances[p].net, p))


def total_balance(balances: Iterable[Balance]) -> Balance:
    """Everything given and received, summed."""
    items = list(balances)
    return Balance(
        sum(b.gave_count for b in items),
        sum(b.gave_size for b in items),
        sum(b.received_count for b in items),
        sum(b.received_size for b in items),
    )


# --- reply rates ----------------------------------------------------------------------


@dataclass(frozen=True)
class Outreach:
    """One outreach message: its style and what became of it."""

    style: str
    on: date
    state: str | None  # "awaiting", "replied" or "no_reply"
    replied_on: date | None = None


@dataclass(frozen=True)
class ReplyRate:
    """Replies to one outreach style (or to all, when ``style`` is "all")."""

    style: str
    sent: int
    replied: int
    unanswered: int
    pending: int
    rate: float | None
    median_days: float | None


def _reply_rate(style: str, items: Sequence[Outreach], today: date, wait_days: int) -> ReplyRate:
    replied = [o for o in items if o.state == "replied"]
    pending = sum(1 for o in items if o.state == "awaiting" and (today - o.on).days < wait_days)
    unanswered = len(items) - len(replied) - pending
    waits = [(o.replied_on - o.on).days for o in replied if o.replied_on is not None]
    return ReplyRate(
        style,
        len(items),
        len(replied),
        unanswered,
        pending,
        share(len(replied), len(replied) + unanswered),
        float(statistics.median(waits)) if waits else None,
    )


def reply_rates(
    outreach: Iterable[Outreach], today: date, wait_days: int
) -> tuple[list[ReplyRate], ReplyRate]:
    """Reply rate of each outreach style, best first, and of all outreach together.

    rate = replied / (replied + unanswered), where unanswered is "no reply" plus still
    awaiting after ``wait_days``; outreach awaiting for less than that is pending and
    left out (None when nothing is decided yet). median_days is the median number of
    days from sending to the reply. Styles sort by rate (unknown last), then by sent.
    """
    items = [o for o in outreach if o.on <= today]
    styles: dict[str, list[Outreach]] = {}
    for o in items:
        styles.setdefault(o.style, []).append(o)
    rows = [_reply_rate(s, group, today, wait_days) for s, group in styles.items()]
    rows.sort(key=lambda r: (r.rate is None, -(r.rate or 0.0), -r.sent, r.style))
    return rows, _reply_rate("all", items, today, wait_days)


# --- opportunities and where they came from -------------------------------------------

#: An opportunity recorded without a value (1–5) counts as the least valuable.
UNRATED_VALUE = 1


@dataclass(frozen=True)
class Opportunity:
    """An opportunity and the chain of people it came through, in order: the first is
    the person you knew, who opened the door (its source)."""

    id: int
    title: str
    kind: str
    on: date
    value: int | None
    chain: tuple[int, ...]

    @property
    def weight(self) -> int:
        """Its value, or :data:`UNRATED_VALUE` when none was given."""
        return self.value if self.value is not None else UNRATED_VALUE

    @property
    def source(self) -> int | None:
        """The first person in the chain (None when no chain was recorded)."""
        return self.chain[0] if self.chain else None


@dataclass(frozen=True)
class Source:
    """One person through whom opportunities came (as the first link of their chain)."""

    person_id: int
    count: int
    value: int
    titles: tuple[str, ...]  # the opportunities' titles, most valuable first


def opportunity_sources(opportunities: Iterable[Opportunity]) -> list[Source]:
    """Total value per source (first link of each chain), most valuable first.

    value = Σ weight of the opportunities whose chain starts with the person; the
    whole value goes to the first link, the tie you actually had. Ties: more
    opportunities first, then the lower id.
    """
    by: dict[int, list[Opportunity]] = {}
    for o in opportunities:
        if o.source is not None:
            by.setdefault(o.source, []).append(o)
    out = []
    for pid, opps in by.items():
        opps.sort(key=lambda o: (-o.weight, o.on, o.id))
        out.append(
            Source(pid, len(opps), sum(o.weight for o in opps), tuple(o.title for o in opps))
        )
    out.sort(key=lambda s: (-s.value, -s.count, s.person_id))
    return out


# --- titles vs. value -----------------------------------------------------------------

#: Words that make a job title "senior" (whole words, any case): the C-suite, founders,
#: partners, directors, heads, owners, chairs. A documented, deliberately plain list.
SENIOR_TITLE_WORDS = frozenset(
    {
        *("ceo", "cfo", "coo", "cto", "cmo", "cio", "cpo", "cro", "cso", "chief"),
        *("founder", "cofounder", "owner", "partner", "principal", "managing"),
        *("president", "vp", "svp", "evp", "director", "head", "chair", "chairman"),
        *("chairwoman", "chairperson", "board"),
    }
)
#: Words that make a title not senior even next to one of those: 'Executive assistant',
#: 'Assistant to the CEO', 'Associate Director', 'Intern, Office of the CFO'.
NOT_SENIOR_WORDS = frozenset(
    {"assistant", "associate", "intern", "junior", "trainee", "apprentice"}
)


def is_senior_title(title: str | None) -> bool:
    """True when a title has a word of SENIOR_TITLE_WORDS and none of NOT_SENIOR_WORDS.

    Descriptive only: used to say where outreach went, never to score or rank anyone.
    """
    words = set(re.findall(r"[a-z]+", (title or "").lower()))
    return bool(words & SENIOR_TITLE_WORDS) and not words & NOT_SENIOR_WORDS


@dataclass(frozen=True)
class TitlesVsValue:
    """Where your outreach went against where your opportunities came from."""

    senior: tuple[int, ...]  # people with a senior title
    outreach: int  # moments you initiated, counted once per person in them
    outreach_senior: int
    opportunities: int  # opportunities with a recorded chain
    opportunities_senior: int  # … whose first link has a senior title
    value: int
    value_senior: int
    value_senior_anywhere: int  # … with a senior title anywhere in the chain

    @property
    def outreach_share(self) -> float | None:
        """outreach_senior / outreach."""
        return share(self.outreach_senior, self.outreach)

    @property
    def value_share(self) -> float | None:
        """value_senior / value."""
        return share(self.value_senior, self.value)

    @property
    def value_share_anywhere(self) -> float | None:
        """value_senior_anywhere / value."""
        return share(self.value_senior_anywhere, self.value)


def titles_vs_value(
    titles: Mapping[int, str | None],
    initiated: Mapping[int, int],
    opportunities: Iterable[Opportunity],
) -> TitlesVsValue:
    """Compare the share of your outreach that went to senior titles with the share of
    opportunity value that came through them.

    outreach share = Σ initiated[p] over senior p / Σ initiated[p] (``initiated``: moments
    you initiated, per person); value share = Σ weight of opportunities whose first link
    is senior / Σ weight of opportunities with a chain. ``value_senior_anywhere`` counts
    a senior title at any link instead. Seniority is :func:`is_senior_title`.
    """
    senior = tuple(sorted(pid for pid, t in titles.items() if is_senior_title(t)))
    is_senior = set(senior)
    chained = [o for o in opportunities if o.chain]
    door = [o for o in chained if o.source in is_senior]
    return TitlesVsValue(
        senior=senior,
        outreach=sum(initiated.values()),
        outreach_senior=sum(n for pid, n in initiated.items() if pid in is_senior),
        opportunities=len(chained),
        opportunities_senior=len(door),
        value=sum(o.weight for o in chained),
        value_senior=sum(o.weight for o in door),
        value_senior_anywhere=sum(o.weight for o in chained if is_senior & set(o.chain)),
    )


# --- introductions --------------------------------------------------------------------

#: Introduction statuses in the order of the double opt-in flow.
INTRO_STAGES = ("proposed", "agreed", "made", "closed", "declined")


@dataclass(frozen=True)
class IntroSummary:
    """Introductions you made, by where they stand."""

    by_status: dict[str, int]

    @property
    def total(self) -> int:
        """Every introduction proposed."""
        return sum(self.by_status.values())

    @property
    def both_agreed(self) -> int:
        """Both sides said yes: agreed, made or closed."""
        return sum(self.by_status[s] for s in ("agreed", "made", "closed"))

    @property
    def made(self) -> int:
        """Introductions actually made (with or without an outcome yet)."""
        return self.by_status["made"] + self.by_status["closed"]

    @property
    def with_outcome(self) -> int:
        """Made and closed with an outcome recorded."""
        return self.by_status["closed"]

    @property
    def open(self) -> int:
        """Still waiting on someone: proposed, agreed or made without an outcome."""
        return sum(self.by_status[s] for s in ("proposed", "agreed", "made"))


def intro_summary(statuses: Iterable[str]) -> IntroSummary:
    """Count introductions per status (:data:`INTRO_STAGES`)."""
    counts = dict.fromkeys(INTRO_STAGES, 0)
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return IntroSummary(counts)
