"""Diversity of the network: fields, generations (and reverse mentorship), where you met.

Pure: no I/O, no clock. Nothing here reads organisation or title.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kithkin.domain.insights import Source, share


def effective_number(counts: Iterable[int]) -> float:
    """How many equally common groups would be this diverse: ``exp(−Σ pᵢ·ln pᵢ)``.

    With pᵢ = countᵢ / Σ counts (the Hill number of order 1): 1.0 when everyone is in
    one group, n when n groups are equally common, 0.0 when there is nobody.
    """
    values = [c for c in counts if c > 0]
    total = sum(values)
    if not total:
        return 0.0
    return math.exp(-math.fsum(c / total * math.log(c / total) for c in values))


def normal_key(text: str) -> str:
    """Spelling-insensitive key: spaces collapsed, case folded ('Yoga  Studio' = 'yoga studio')."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Distribution:
    """How many people have each value (most common first), and how many have none."""

    counts: tuple[tuple[str, int], ...]
    unknown: int

    @property
    def known(self) -> int:
        """People with a value."""
        return sum(n for _, n in self.counts)

    @property
    def effective(self) -> float:
        """:func:`effective_number` of the known values."""
        return effective_number(n for _, n in self.counts)

    @property
    def largest_share(self) -> float | None:
        """Share of the known taken by the most common value."""
        return share(self.counts[0][1], self.known) if self.counts else None


def distribution(values: Iterable[str | None]) -> Distribution:
    """Count values, merging spellings equal under :func:`normal_key`.

    Each group is labelled with its most common spelling (ties: the first in sort
    order); groups are ordered by count, most first, then by label. Empty or missing
    values count as unknown.
    """
    spellings: dict[str, Counter[str]] = {}
    unknown = 0
    for value in values:
        text = " ".join((value or "").split())
        if not text:
            unknown += 1
            continue
        spellings.setdefault(normal_key(text), Counter())[text] += 1
    groups = [
        (min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0], sum(c.values()))
        for c in spellings.values()
    ]
    groups.sort(key=lambda g: (-g[1], g[0]))
    return Distribution(tuple(groups), unknown)


# --- generations ----------------------------------------------------------------------

#: Generations, oldest first: name, first and last birth year (Pew Research Center's
#: boundaries), and the spellings recognised (compared without spaces, hyphens or case).
GENERATIONS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("Silent", 1928, 1945, ("silent", "silentgeneration")),
    ("Boomer", 1946, 1964, ("boomer", "boomers", "babyboomer", "babyboomers")),
    ("Gen X", 1965, 1980, ("genx", "generationx")),
    ("Millennial", 1981, 1996, ("millennial", "millennials", "geny", "generationy")),
    ("Gen Z", 1997, 2012, ("genz", "generationz", "zoomer", "zoomers")),
    ("Gen Alpha", 2013, 2029, ("genalpha", "generationalpha")),
)
_ALIASES = {alias: name for name, _, _, aliases in GENERATIONS for alias in aliases}
_RANK = {name: i for i, (name, _, _, _) in enumerate(GENERATIONS)}
#: An age bracket such as '30s' or "in their 40s": the decade of their age.
_BRACKET = re.compile(r"\b([1-9])0s\b")


def generation_by_year(year: int) -> str:
    """The generation born in ``year`` (earlier than the first: the oldest; later than
    the last: the youngest)."""
    for name, _, last, _ in GENERATIONS:
        if year <= last:
            return name
    return GENERATIONS[-1][0]


def generation_of(text: str | None, birth_year: int | None, today: date) -> str | None:
    """A person's generation, from what the user wrote or else their birth year.

    A recognised name ('gen z', 'Millennials', 'Baby Boomer') gives its canonical name;
    an age bracket 'Ns' (e.g. '30s') gives the generation of someone born in
    today.year − (10·N + 5); any other text is kept as written (shown, not ordered);
    with no text, the birth year decides; with neither, None.
    """
    written = " ".join((text or "").split())
    if written:
        key = re.sub(r"[^a-z]", "", written.lower())
        if key in _ALIASES:
            return _ALIASES[key]
        bracket = _BRACKET.search(written.lower())
        if bracket:
            return generation_by_year(today.year - (10 * int(bracket.group(1)) + 5))
        return written
    return generation_by_year(birth_year) if birth_year else None


def younger_than_most(generations: Mapping[int, str | None]) -> set[int]:
    """People of a generation younger than most of the network.

    With ranks r (0 = oldest of GENERATIONS) of everyone whose generation is known,
    m = the lower median of r; younger means r > m. Unrecognised or unknown
    generations are never younger.
    """
    ranks = {pid: _RANK[g] for pid, g in generations.items() if g in _RANK}
    if not ranks:
        return set()
    middle = statistics.median_low(ranks.values())
    return {pid for pid, r in ranks.items() if r > middle}


def generation_order(label: str) -> int:
    """Sort key: known generations oldest first, then any other label."""
    return _RANK.get(label, len(GENERATIONS))


@dataclass(frozen=True)
class Mentor:
    """Someone younger than most of your network who gave you something."""

    person_id: int
    generation: str
    received: int  # ledger entries: what they gave you
    opportunities: int  # opportunities that came through them first
    value: int


def reverse_mentors(
    generations: Mapping[int, str | None],
    received: Mapping[int, int],
    sources: Iterable[Source],
) -> list[Mentor]:
    """Reverse mentorship: people :func:`younger_than_most` who gave you something
    (``received``: ledger entries received, per person) or opened the door to an
    opportunity. Most opportunity value first, then most given, then id."""
    young = younger_than_most(generations)
    by_source = {s.person_id: s for s in sources}
    out = []
    for pid in young:
        s = by_source.get(pid)
        got = received.get(pid, 0)
        if got or s:
            gen = generations[pid]
            assert gen is not None
            out.append(Mentor(pid, gen, got, s.count if s else 0, s.value if s else 0))
    out.sort(key=lambda m: (-m.value, -m.received, m.person_id))
    return out


# --- where you met --------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where you met some people, and the opportunities that came through them."""

    label: str
    people: tuple[int, ...]
    opportunities: int
    value: int


def places(met_where: Mapping[int, str | None], sources: Iterable[Source]) -> list[Place]:
    """People grouped by where you met them (spellings merged by :func:`normal_key`),
    each place with the opportunities whose first link was met there.

    Order: most people first, then most value, then label. People with no place are
    left out (count them with :func:`distribution`).
    """
    dist = distribution(met_where.values())
    label_of = {normal_key(label): label for label, _ in dist.counts}
    members: dict[str, list[int]] = {label: [] for label, _ in dist.counts}
    for pid, where in met_where.items():
        text = " ".join((where or "").split())
        if text:
            members[label_of[normal_key(text)]].append(pid)
    by_source = {s.person_id: s for s in sources}
    out = []
    for label, ids in members.items():
        found = [by_source[p] for p in ids if p in by_source]
        out.append(
            Place(
                label,
                tuple(sorted(ids)),
                sum(s.count for s in found),
                sum(s.value for s in found),
            )
        )
    out.sort(key=lambda p: (-len(p.people), -p.value, p.label))
    return out
