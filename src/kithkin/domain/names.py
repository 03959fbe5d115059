"""Finding a person by any part of a name, the way a friend would.

``"maya"`` finds "Maya López", ``"lopez"`` finds her too (accents fold), a typo such as
``"mya lopes"`` still finds her, and when a query could mean several people the caller
gets all of them to choose from rather than a guess.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: The longest search key the schema holds (the longest names together come close).
SEARCH_KEY_LIMIT = 900
#: A fuzzy match must score at least this (rapidfuzz WRatio, 0-100) to be offered.
FUZZY_MIN_SCORE = 75.0
#: A fuzzy match wins outright only when it leads the next one by this many points.
FUZZY_CLEAR_LEAD = 10.0
#: At most this many candidates are offered on ambiguity.
MAX_CANDIDATES = 8


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces: 'Maya  López' → 'maya lopez'."""
    if text.isascii():  # nothing to decompose (the usual case, and ten times quicker)
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def search_key(*names: str | None) -> str:
    """The text a person is found by: every name they go by, folded, joined by ' | '."""
    seen: list[str] = []
    for n in names:
        if n:
            f = fold(n)
            if f and f not in seen:
                seen.append(f)
    return " | ".join(seen)[:SEARCH_KEY_LIMIT]


def person_key(
    display_name: str | None,
    nickname: str | None = None,
    given_name: str | None = None,
    family_name: str | None = None,
) -> str:
    """The search key of a person: display name, nickname, then given + family name."""
    full = " ".join(n for n in (given_name, family_name) if n)
    return search_key(display_name, nickname, full)


@dataclass(frozen=True)
class NameEntry:
    """A person as the matcher sees them."""

    id: int
    name: str
    key: str


def _words(key: str) -> list[str]:
    return [w for part in key.split(" | ") for w in part.replace("-", " ").split()]


def match_exact(query: str, entries: Sequence[NameEntry]) -> list[NameEntry]:
    """Entries where the query is one whole name they go by ("maya lopez", "mo")."""
    q = fold(query)
    return [e for e in entries if q in e.key.split(" | ")]


def match_words(query: str, entries: Sequence[NameEntry]) -> list[NameEntry]:
    """Entries where every query word starts a word of their names ("may lop")."""
    qwords = fold(query).replace("-", " ").split()
    if not qwords:
        return []
    out = []
    for e in entries:
        words = _words(e.key)
        if all(any(w.startswith(q) for w in words) for q in qwords):
            out.append(e)
    return out


def match_substring(query: str, entries: Sequence[NameEntry]) -> list[NameEntry]:
    """Entries whose names contain the query anywhere ("opez")."""
    q = fold(query)
    return [e for e in entries if q and q in e.key]


def match_fuzzy(query: str, entries: Sequence[NameEntry]) -> list[tuple[NameEntry, float]]:
    """Entries close to the query despite typos, best first, with their scores."""
    from rapidfuzz import fuzz, process, utils

    q = fold(query)
    if not q or not entries:
        return []
    found = process.extract(
        q,
        [e.key for e in entries],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=MAX_CANDIDATES,
        score_cutoff=FUZZY_MIN_SCORE,
    )
    return [(entries[i], score) for _, score, i in found]


def resolve(query: str, entries: Sequence[NameEntry]) -> list[NameEntry]:
    """The people a query means: one entry when it is clear, several when it is not.

    Tiers, first non-empty wins: a whole name, word prefixes, a substring, then fuzzy.
    Within the fuzzy tier a single entry is returned only when it leads the next by
    ``FUZZY_CLEAR_LEAD`` points. An empty list means nobody matches.
    """
    for tier in (match_exact, match_words, match_substring):
        hits = tier(query, entries)
        if hits:
            return hits[:MAX_CANDIDATES] if len(hits) > 1 else hits
    fuzzy = match_fuzzy(query, entries)
    if len(fuzzy) >= 2 and fuzzy[0][1] - fuzzy[1][1] >= FUZZY_CLEAR_LEAD:
        return [fuzzy[0][0]]
    return [e for e, _ in fuzzy]
