"""Who a people search finds: every word in a folded name or in one of their interests,
narrowed by tag and by status as it reads today.

A :class:`Directory` holds one account's people in name order with what a search looks
at and lists, so answering a search is a pass over memory rather than a
``LIKE '%word%'`` over every name and every interest in the database. It is built from
stored rows and never changed; whoever keeps one must build a new one when the data
changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kithkin.domain import names
from kithkin.domain.facts import PersonFacts
from kithkin.domain.records import effective_status

#: The facts of someone nothing has been logged with.
NO_FACTS = PersonFacts()


@dataclass(frozen=True, slots=True)
class Listed:
    """A person as a search sees them."""

    id: int
    key: str  # every name they go by, folded (``names.person_key``)
    status: str  # as stored; see :func:`effective_status`
    snoozed_until: date | None
    interests: tuple[str, ...] = ()  # in the order they were given
    tags: tuple[str, ...] = ()  # by name
    name: str = ""  # as shown
    org: str | None = None
    met_where: str | None = None
    facts: PersonFacts = NO_FACTS  # as stored (nothing logged yet: none)


def query_words(q: str | None, most: int) -> list[str]:
    """The words of a query as they are matched: folded, a hyphen splits, at most
    ``most`` of them."""
    return names.fold(q or "").replace("-", " ").split()[:most]


class Directory:
    """An account's people, in the order they are listed."""

    __slots__ = ("_by_phrase", "_by_tag", "_keys", "_starts", "_tag_order", "people")

    def __init__(self, people: Iterable[Listed], tag_order: Iterable[str] = ()) -> None:
        """``people`` in the order they are listed; ``tag_order`` is the order
        :meth:`tags` gives (the database's, by name), sorted here when not given."""
        self.people: tuple[Listed, ...] = tuple(people)
        # Every key on its own line of one text, so finding a word in any name is one
        # str.find per hit rather than a test per person. (Folded keys hold no newline.)
        self._keys = "\n".join(p.key for p in self.people)
        self._starts: list[int] = []
        at = 0
        for p in self.people:
            self._starts.append(at)
            at += len(p.key) + 1
        by_phrase: dict[str, set[int]] = {}
        by_tag: dict[str, set[int]] = {}
        folded: dict[str, str] = {}  # many people share each phrase: fold each once
        for pos, p in enumerate(self.people):
            for phrase in p.interests:
                if phrase not in folded:
                    folded[phrase] = names.fold(phrase)
                by_phrase.setdefault(folded[phrase], set()).add(pos)
            for t in p.tags:
                by_tag.setdefault(t, set()).add(pos)
        self._by_phrase = by_phrase
        self._by_tag = by_tag
        self._tag_order = [t for t in dict.fromkeys(tag_order) if t in by_tag] or sorted(by_tag)

    def tags(self) -> list[str]:
        """Every tag someone has, by name."""
        return list(self._tag_order)

    def _with_word(self, word: str) -> set[int]:
        if not word:
            return set(range(len(self.people)))  # the empty string is in every name
        found: set[int] = set()
        keys, starts = self._keys, self._starts
        at = keys.find(word)
        while at >= 0:
            pos = bisect_right(starts, at) - 1
            found.add(pos)
            nxt = pos + 1
            if nxt == len(starts):
                break
            at = keys.find(word, starts[nxt])
        for phrase, holders in self._by_phrase.items():
            if word in phrase:
                found |= holders
        return found

    def matching(
        self,
        words: Sequence[str] = (),
        *,
        tag: str | None = None,
        status: str | None = None,
        today: date,
    ) -> list[Listed]:
        """Everyone matching, in name order. Each word (folded, see :func:`query_words`)
        must be in a name or an interest; ``status`` is compared with the status as it
        reads ``today`` (a snooze that has run out reads as active)."""
        chosen: set[int] | None = None
        for word in words:
            hits = self._with_word(word)
            chosen = hits if chosen is None else chosen & hits
            if not chosen:
                return []
        if tag:
            tagged = self._by_tag.get(tag, set())
            chosen = set(tagged) if chosen is None else chosen & tagged
        found = self.people if chosen is None else [self.people[i] for i in sorted(chosen)]
        if status:
            found = [
                p for p in found if effective_status(p.status, p.snoozed_until, today) == status
            ]
        return list(found)
