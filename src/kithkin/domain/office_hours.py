"""Closet office hours: choosing 2–3 people who fuel you to work side by side.

Pure choice over hand-made inputs: candidates (who they are, where, how much they fuel
you) and what each pair shares (interest matches found by meaning elsewhere). No title,
org or seniority enters anything here.

A group is *valid* when

- every member shares at least one interest with at least one other member (for three
  people this makes the group connected), and
- every two members are compatible in place (:func:`same_place`).

score(group) = Σ over member pairs of strength(pair) + FUEL_BONUS × Σ over members of
min(energy, ENERGY_CAP), where strength(pair) is the sum of the pair's interest-match
scores (0 when they share nothing) and energy is the member's decay-weighted mean
energy (−2 … +2, see :mod:`kithkin.domain.energy`). The bonus is small on purpose: what
the guests share with each other decides, how much they fuel you breaks near-ties.
Groups of the asked size are ranked by score, highest first; ties by the members'
names (casefolded, sorted), then by ids, so the same inputs always give the same answer.
With size 3 and no valid trio, the best pairs are proposed instead.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

#: Weight of the fuel bonus: per member, this × their mean energy (capped).
FUEL_BONUS = 0.05
#: Mean energy above this adds nothing more to the bonus.
ENERGY_CAP = 2.0
#: Only the most fuelling candidates are searched (forced members always are).
SEARCH_LIMIT = 30
#: How many groups :func:`choose` returns at most: the best and two alternatives.
GROUPS = 3
#: Group sizes office hours allow.
SIZES = (2, 3)

Pair = tuple[int, int]


@dataclass(frozen=True)
class Candidate:
    """Someone who could be invited."""

    id: int
    name: str
    location: str | None = None
    timezone: str | None = None
    energy: float = 0.0  # mean energy of your moments together, −2 … +2


@dataclass(frozen=True)
class Shared:
    """What two people share: (their phrase, the other's phrase, score) per match, the
    first person of the pair key's phrase first; strongest first."""

    matches: tuple[tuple[str, str, float], ...] = ()

    @property
    def strength(self) -> float:
        """The pair's strength: the sum of its match scores."""
        return sum(score for _, _, score in self.matches)


@dataclass(frozen=True)
class Group:
    """A chosen group: members (ids, in name order) and its score."""

    members: tuple[int, ...]
    score: float


def key(a: int, b: int) -> Pair:
    """The key of a pair of people: the smaller id first."""
    return (a, b) if a < b else (b, a)


def city(location: str | None) -> str | None:
    """The city part of a location ('Lisbon, Portugal' → 'lisbon'), casefolded."""
    if not location:
        return None
    part = location.split(",", 1)[0].strip().casefold()
    return part or None


def _known(c: Candidate) -> bool:
    return city(c.location) is not None or bool(c.timezone)


def same_place(a: Candidate, b: Candidate) -> bool:
    """Whether two people could sit at one table: true when either's location and time
    zone are both unknown, when their cities match (the part before a comma, any case),
    or when their time zones match."""
    if not _known(a) or not _known(b):
        return True
    ca, cb = city(a.location), city(b.location)
    if ca is not None and ca == cb:
        return True
    return bool(a.timezone) and a.timezone == b.timezone


def strength(shared: Mapping[Pair, Shared], a: int, b: int) -> float:
    """How much two people share (0 when nothing)."""
    found = shared.get(key(a, b))
    return found.strength if found else 0.0


def valid(members: Sequence[Candidate], shared: Mapping[Pair, Shared]) -> bool:
    """Every member shares an interest with another, and all are compatible in place."""
    if len(members) < 2:
        return False
    for x, y in combinations(members, 2):
        if not same_place(x, y):
            return False
    return all(
        any(strength(shared, m.id, o.id) > 0 for o in members if o.id != m.id) for m in members
    )


def score(members: Sequence[Candidate], shared: Mapping[Pair, Shared]) -> float:
    """Σ pair strengths + FUEL_BONUS × Σ min(energy, ENERGY_CAP) (see the module)."""
    pairs = sum(strength(shared, x.id, y.id) for x, y in combinations(members, 2))
    fuel = sum(min(m.energy, ENERGY_CAP) for m in members)
    return pairs + FUEL_BONUS * fuel


def shortlist(
    candidates: Sequence[Candidate], forced: Collection[int] = (), limit: int = SEARCH_LIMIT
) -> list[Candidate]:
    """The ``limit`` most fuelling candidates (ties by name), plus anyone forced."""
    ranked = sorted(candidates, key=lambda c: (-c.energy, c.name.casefold(), c.id))
    top = ranked[:limit]
    return top + [c for c in ranked[limit:] if c.id in forced]


def _order(c: Candidate) -> tuple[str, int]:
    return (c.name.casefold(), c.id)


def _groups(
    pool: Sequence[Candidate], size: int, forced: Collection[int], shared: Mapping[Pair, Shared]
) -> list[tuple[float, tuple[str, ...], tuple[int, ...]]]:
    must = [c for c in pool if c.id in forced]
    rest = [c for c in pool if c.id not in forced]
    # only people who share something with someone in the pool can be in a valid group
    rest = [c for c in rest if any(strength(shared, c.id, o.id) > 0 for o in pool if o != c)]
    out = []
    for extra in combinations(rest, size - len(must)):
        members = sorted([*must, *extra], key=_order)
        if valid(members, shared):
            names = tuple(m.name.casefold() for m in members)
            out.append((-round(score(members, shared), 6), names, tuple(m.id for m in members)))
    out.sort()
    return [(-s, n, ids) for s, n, ids in out]


def choose(
    candidates: Sequence[Candidate],
    shared: Mapping[Pair, Shared],
    size: int = 3,
    forced: Collection[int] = (),
    count: int = GROUPS,
) -> list[Group]:
    """The best ``count`` distinct valid groups, best first: the proposal, then the
    alternatives. Groups of ``size`` first; with size 3, pairs follow when fewer than
    ``count`` trios are valid (a pair inside an already chosen trio is skipped). Every
    group holds all of ``forced``. Searches the :func:`shortlist` of candidates only.
    Empty when no valid group exists.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, not {size}")
    forced = set(forced)
    if len(forced) > size:
        raise ValueError(f"{len(forced)} people cannot fit a group of {size}")
    pool = shortlist(candidates, forced)
    if not forced <= {c.id for c in pool}:
        return []
    found: list[Group] = []
    for n in range(size, max(len(forced), 2) - 1, -1):
        for s, _, ids in _groups(pool, n, forced, shared):
            if any(set(ids) <= set(g.members) for g in found):
                continue
            found.append(Group(ids, s))
            if len(found) >= count:
                return found
    return found


# --- in words -------------------------------------------------------------------------


def short_names(members: Sequence[Candidate]) -> dict[int, str]:
    """What to call each member in a sentence: the first word of their name, or the
    whole name when two members share that first word."""
    first = {m.id: (m.name.split() or [m.name])[0] for m in members}
    clash = {f for f in first.values() if list(first.values()).count(f) > 1}
    return {m.id: m.name if first[m.id] in clash else first[m.id] for m in members}


def _city_name(location: str | None) -> str:
    return (location or "").split(",", 1)[0].strip()


def _spelling(members: Sequence[Candidate], c: str) -> str:
    """How to write city ``c``: the members' most common spelling, capitalised first."""
    found = [_city_name(m.location) for m in members if city(m.location) == c]
    return max(sorted(set(found)), key=lambda w: (w[:1].isupper(), found.count(w)))


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def place_words(members: Sequence[Candidate]) -> str:
    """Where the group is: 'all in Lisbon', 'all on Europe/Lisbon time', or what is
    known ('Inês and Julien in Lisbon; Priya: place not known')."""
    names = short_names(members)
    cities = {city(m.location) for m in members}
    zones = {m.timezone or None for m in members}
    if None not in cities and len(cities) == 1:
        return f"all in {_spelling(members, city(members[0].location) or '')}"
    if None not in zones and len(zones) == 1:
        return f"all on {members[0].timezone} time"
    where: dict[str, tuple[str, list[str]]] = {}  # key → (words, short names)
    for m in members:
        if c := city(m.location):
            label = (c, f"in {_spelling(members, c)}")
        elif m.timezone:
            label = (m.timezone, f"on {m.timezone} time")
        else:
            label = ("", "")
        where.setdefault(label[0], (label[1], []))[1].append(names[m.id])
    if list(where) == [""]:
        return "places not known yet"
    parts = [f"{_and(who)} {words}" for k, (words, who) in where.items() if k]
    if "" in where:
        parts.append(f"{_and(where[''][1])}: place not known")
    return "; ".join(parts)


def _pair_words(a: Candidate, b: Candidate, found: Shared, names: Mapping[int, str]) -> str:
    first = found.matches[0]
    mine, theirs = (first[0], first[1]) if a.id < b.id else (first[1], first[0])
    if mine == theirs:
        return f"{names[a.id]} and {names[b.id]} both love {mine}"
    return f"{names[a.id]} and {names[b.id]}: {mine} ~ {theirs}"


def explain(group: Group, people: Mapping[int, Candidate], shared: Mapping[Pair, Shared]) -> str:
    """The group in words: 'Lena and Rosa both love natural wine; Rosa and Julien:
    climate tech ~ mycelium materials; all in Lisbon'. Pairs strongest first, each by
    its strongest shared interest."""
    members = [people[i] for i in group.members]
    names = short_names(members)
    pairs = []
    for a, b in combinations(members, 2):
        found = shared.get(key(a.id, b.id))
        if found and found.matches:
            pairs.append((-found.strength, a.name.casefold(), b.name.casefold(), a, b, found))
    pairs.sort(key=lambda p: p[:3])
    words = [_pair_words(a, b, found, names) for *_, a, b, found in pairs]
    return "; ".join([*words, place_words(members)])
