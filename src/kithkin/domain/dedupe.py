"""Telling when two records are the same person.

Two kinds of evidence:

* **exact**: the same e-mail, phone or profile link, compared by :func:`channel_key`
  (the importer merges these on its own);
* **likely**: names that read alike *and* something else in common (an organisation
  or a channel), found by :func:`likely_pairs` and queued for the user to review.
  Names that are identical once accents and case are folded are queued on their own.

Pure: no database, no clock. Organisation and title are used here only to recognise the
same person twice, never to rank anyone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kithkin.domain.names import fold

#: Names must be at least this alike (rapidfuzz token_sort_ratio, 0-100) to pair up.
NAME_MIN_SCORE = 85
#: A name word shared by more people than this is too common to block on ("john").
MAX_BLOCK = 300
#: The same name with nothing else in common is evidence only while this few people
#: share it.
SAME_NAME_ALONE_MAX = 3
#: Name words shorter than this are not blocked on (initials).
MIN_TOKEN = 2
#: Phone numbers compare on their last digits: "+351 912 345 678" is "912345678".
PHONE_DIGITS = 9
#: Fewer digits than this are not a phone number worth matching on (an extension).
MIN_PHONE_DIGITS = 6

#: What a shared channel of each kind is called in the evidence.
CHANNEL_WORDS = {"email": "e-mail", "phone": "phone", "url": "link", "handle": "handle"}

_NOT_WORD = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


@lru_cache(maxsize=1 << 17)  # an import asks for each channel's key several times
def channel_key(kind: str, value: str) -> str | None:
    """The form in which two channels of one kind are the same, or None (not comparable).

    e-mail: lower case without ``mailto:``; phone: its digits, the last
    ``PHONE_DIGITS`` of them when there are that many (so a country code does not
    matter), None under ``MIN_PHONE_DIGITS``; url: lower case without scheme,
    ``www.``, query, fragment and trailing slash; handle: lower case without a leading
    ``@``; an address (or any other kind): None.
    """
    v = value.strip()
    if kind == "email":
        v = v.lower()
        if v.startswith("mailto:"):
            v = v[len("mailto:") :].strip()
        return v or None
    if kind == "phone":
        digits = _NOT_DIGIT.sub("", v)
        if len(digits) < MIN_PHONE_DIGITS:
            return None
        return digits[-PHONE_DIGITS:]
    if kind == "url":
        v = _SCHEME.sub("", v.lower())
        v = v.split("#", 1)[0].split("?", 1)[0]
        if v.startswith("www."):
            v = v[len("www.") :]
        v = v.rstrip("/")
        return v or None
    if kind == "handle":
        v = v.lower().lstrip("@").strip()
        return v or None
    return None


def name_key(name: str) -> str:
    """A name as the matcher compares it: folded, punctuation as spaces ('López-García,
    Ana' → 'lopez garcia ana')."""
    return " ".join(_NOT_WORD.sub(" ", fold(name)).split())


def same_person_names(a: str, b: str) -> bool:
    """Whether two names can belong to one person, so that a shared e-mail or phone is
    proof enough to merge: the same folded words, one name's words inside the other's
    ("Theo" and "Theo Okafor"), names at least ``NAME_MIN_SCORE`` alike, or a name
    that is only a stand-in (an e-mail address or a number, as phones show unnamed
    contacts). Two people who share a landline or info@ are not one person."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka == kb:
        return True
    if _stand_in(a) or _stand_in(b):
        return True
    wa, wb = set(ka.split()), set(kb.split())
    if wa <= wb or wb <= wa:
        return True
    from rapidfuzz import fuzz

    return bool(fuzz.token_sort_ratio(ka, kb) >= NAME_MIN_SCORE)


def _stand_in(name: str) -> bool:
    return "@" in name or not any(ch.isalpha() for ch in name)


def org_key(org: str | None) -> str:
    """An organisation folded for comparison ('' when there is none)."""
    return fold(org or "")


@dataclass(frozen=True)
class DedupePerson:
    """A person as the duplicate finder sees them: ``channels`` are (kind, channel_key)."""

    id: int
    name: str
    org: str | None = None
    channels: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls, id: int, name: str, org: str | None, channels: Iterable[tuple[str, str]]
    ) -> DedupePerson:
        """From raw (kind, value) channels: keys computed, uncomparable ones left out."""
        keys = set()
        for kind, value in channels:
            key = channel_key(kind, value)
            if key is not None:
                keys.add((kind, key))
        return cls(id, name, org, frozenset(keys))


@dataclass(frozen=True)
class CandidatePair:
    """Two people who may be one: ``a`` < ``b``, a score 0-100 and the evidence in words."""

    a: int
    b: int
    score: float
    evidence: list[str]


def _shared(p: DedupePerson, q: DedupePerson, org_p: str, org_q: str) -> list[str]:
    """What two people have in common besides their name, in words."""
    out = []
    if org_p and org_p == org_q:
        out.append(f"both at {(p.org or '').strip()}")
    common = p.channels & q.channels
    for kind in CHANNEL_WORDS:
        if any(k == kind for k, _ in common):
            out.append(f"same {CHANNEL_WORDS[kind]}")
    return out


def likely_pairs(
    people: Sequence[DedupePerson], new_ids: Collection[int] | None = None
) -> list[CandidatePair]:
    """Pairs of people who are probably the same, best first.

    A pair qualifies when their folded names are identical (evidence "same name"; alone
    only when at most ``SAME_NAME_ALONE_MAX`` people have that name: ten Maria Silvas are
    not one person), or when the names are at least ``NAME_MIN_SCORE`` alike
    (token_sort_ratio, so word order does not matter) and they share an organisation or
    a channel. Score: 100 for the same name, else the name similarity. With ``new_ids``,
    only pairs involving at least one of those people.

    Only people who share a name word (``MIN_TOKEN`` characters or more, used by at most
    ``MAX_BLOCK`` people) are compared, with rapidfuzz's extract within each word; identical
    names are grouped separately, so they pair up however common their words are.
    """
    from rapidfuzz import fuzz, process

    n = len(people)
    keys = [name_key(p.name) for p in people]
    orgs = [org_key(p.org) for p in people]
    wanted = None if new_ids is None else set(new_ids)
    is_new = [True] * n if wanted is None else [p.id in wanted for p in people]
    if not any(is_new):
        return []
    found: dict[tuple[int, int], CandidatePair] = {}
    seen: set[tuple[int, int]] = set()

    def consider(i: int, j: int, score: float) -> None:
        p, q = people[i], people[j]
        pair = (p.id, q.id) if p.id < q.id else (q.id, p.id)
        if p.id == q.id or pair in seen:
            return
        seen.add(pair)
        shared = _shared(p, q, orgs[i], orgs[j])
        if keys[i] == keys[j]:
            if shared or len(by_key[keys[i]]) <= SAME_NAME_ALONE_MAX:
                found[pair] = CandidatePair(*pair, 100.0, ["same name", *shared])
        elif shared:
            words = f"names {score:.0f}% alike"
            found[pair] = CandidatePair(*pair, round(score, 1), [words, *shared])

    by_key: dict[str, list[int]] = defaultdict(list)
    by_token: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if not k:
            continue
        by_key[k].append(i)
        for token in set(k.split()):
            if len(token) >= MIN_TOKEN:
                by_token[token].append(i)

    for group in by_key.values():
        if len(group) < 2:
            continue
        for i in group:
            if is_new[i]:
                for j in group:
                    consider(i, j, 100.0)

    for block in by_token.values():
        if len(block) < 2 or len(block) > MAX_BLOCK:
            continue
        rows = [i for i in block if is_new[i]]
        if not rows:
            continue
        choices = [keys[j] for j in block]
        for i in rows:  # extract, not cdist: cdist's matrix would import numpy (0.2 s)
            for _key, score, c in process.extract(
                keys[i],
                choices,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=NAME_MIN_SCORE,
                limit=None,
            ):
                j = block[c]
                if i != j:
                    consider(i, j, float(score))

    return sorted(found.values(), key=lambda c: (-c.score, -len(c.evidence), c.a, c.b))
