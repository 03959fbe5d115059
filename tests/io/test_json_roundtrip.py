"""The JSON export is lossless: export → import into an empty database → export again
gives the very same text, for any small network the services can build.

Each hypothesis example builds its network in a fresh SQLite file of its own (function
fixtures are not reset between examples), through the same services the CLI calls.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from kithkin.domain import records
from kithkin.services import records as recs
from kithkin.services.context import Kith, open_kith
from kithkin.services.moments import (
    MomentInput,
    complete_follow_up,
    follow_ups,
    log_moment,
    mark_replied,
)
from kithkin.services.people import PersonInput, add_person, release, snooze
from kithkin.services.transfer import dumps, export_document, import_document, import_json_file
from kithkin.storage import moments_repo

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- values a person might type ---------------------------------------------------------

_LETTERS = st.characters(
    categories=("Lu", "Ll", "Lt", "Lo", "Mn", "Nd"),
    exclude_characters=":#",
)
_ACCENTED = st.sampled_from(list("áéíóúàèçñöüøåæœßłżščřğışățđ"))
_CHAR = st.one_of(_LETTERS, _ACCENTED, st.sampled_from(list(" -'.")))


def words(min_size: int = 1, max_size: int = 20) -> st.SearchStrategy[str]:
    """Some text with at least one letter in it."""
    return st.tuples(
        st.one_of(_LETTERS, _ACCENTED), st.text(_CHAR, min_size=min_size - 1, max_size=max_size)
    ).map(lambda t: t[0] + t[1])


def maybe(s: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), s)


_PAST = st.dates(min_value=date(1990, 1, 1), max_value=TODAY)
_FUTURE = st.dates(min_value=TODAY + timedelta(days=1), max_value=TODAY + timedelta(days=400))
_BIRTHDAY = st.one_of(
    st.dates(min_value=date(1930, 1, 1), max_value=date(2015, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)).map(
        lambda d: f"--{d.month:02d}-{d.day:02d}"
    ),
)
_ASCII = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
_CHANNEL = st.one_of(
    st.tuples(st.just("email"), st.tuples(_ASCII, _ASCII).map(lambda t: f"{t[0]}@{t[1]}.example")),
    st.tuples(
        st.just("phone"),
        st.tuples(
            st.text("0123456789", min_size=3, max_size=6), st.text("0123456789 ", max_size=8)
        ).map(lambda t: f"+{t[0]} {t[1]}".strip()),
    ),
    st.tuples(st.just("url"), _ASCII.map(lambda s: f"https://{s}.example/page")),
    st.tuples(st.just("handle"), words(max_size=12).map(lambda s: "@" + s)),
)


@st.composite
def person_inputs(draw: st.DrawFn, others: int) -> PersonInput:
    interests = draw(
        st.lists(
            st.tuples(words(max_size=25), maybe(words(max_size=30))).map(
                lambda t: f"{t[0]}: {t[1]}" if t[1] else t[0]
            ),
            max_size=3,
        )
    )
    return PersonInput(
        name=draw(words(max_size=30)),
        nickname=draw(maybe(words(max_size=10))),
        pronouns=draw(maybe(st.sampled_from(["she/her", "he/him", "they/them", "ela/dela"]))),
        met_how=draw(maybe(words(max_size=40))),
        met_where=draw(maybe(words(max_size=20))),
        met_on=draw(maybe(_PAST.map(date.isoformat))),
        via=draw(maybe(st.integers(1, others).map(lambda i: f"#{i}"))) if others else None,
        notes=draw(maybe(words(max_size=60))),
        birthday=draw(maybe(_BIRTHDAY)),
        location=draw(maybe(words(max_size=20))),
        timezone=draw(maybe(st.sampled_from(["Europe/Lisbon", "America/Bogota", "Asia/Tokyo"]))),
        generation=draw(maybe(st.sampled_from(["Gen Z", "millennial", "boomer"]))),
        field=draw(maybe(words(max_size=15))),
        org=draw(maybe(words(max_size=15))),
        title=draw(maybe(words(max_size=15))),
        cadence=draw(maybe(st.sampled_from(["14", "3w", "2m", "monthly", "1y"]))),
        pancake=draw(maybe(st.sampled_from(records.PANCAKE))),
        interests=interests,
        channels=draw(st.lists(_CHANNEL, max_size=3)),
        tags=draw(st.lists(words(max_size=12), max_size=3)),
    )


def _ref(i: int) -> str:
    return f"#{i}"


@dataclass
class Network:
    """A recipe for a small network, replayed by :func:`build`."""

    people: list[PersonInput]
    moments: list[MomentInput] = field(default_factory=list)
    replies: list[tuple[int, str | None, bool]] = field(default_factory=list)
    done: list[int] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)
    intros: list[tuple[int, int, str | None, list[str]]] = field(default_factory=list)
    opportunities: list[dict[str, Any]] = field(default_factory=list)
    saved: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[tuple[int, str, str | None]] = field(default_factory=list)


@st.composite
def networks(draw: st.DrawFn) -> Network:
    n = draw(st.integers(1, 5))
    people = [draw(person_inputs(others=i)) for i in range(n)]
    ids = st.integers(1, n)
    net = Network(people)
    for _ in range(draw(st.integers(0, 6))):
        who = draw(st.lists(ids, min_size=1, max_size=min(3, n), unique=True))
        follow = draw(maybe(words(max_size=30)))
        net.moments.append(
            MomentInput(
                people=[_ref(i) for i in who],
                kind=draw(st.sampled_from(records.MOMENT_KINDS)),
                when=draw(_PAST.map(date.isoformat)),
                energy=draw(
                    maybe(st.sampled_from(["-2", "-1", "0", "1", "+2", "fuelled", "tired"]))
                ),
                depth=draw(maybe(st.sampled_from(records.DEPTHS))),
                initiated_by=draw(maybe(st.sampled_from(records.INITIATORS))),
                topics=draw(st.lists(words(max_size=20), max_size=3)),
                note=draw(maybe(words(max_size=50))),
                follow_up=follow,
                due=draw(maybe(st.one_of(_FUTURE, _PAST).map(date.isoformat))) if follow else None,
                outreach_style=draw(
                    maybe(st.sampled_from(["forgiveness", "gratitude", "check-in"]))
                ),
            )
        )
    for _ in range(draw(st.integers(0, 2))):
        when = draw(maybe(st.just(TODAY.isoformat())))
        net.replies.append((draw(ids), when, draw(st.booleans())))
    net.done = draw(st.lists(st.integers(1, 6), max_size=2, unique=True))
    for _ in range(draw(st.integers(0, 4))):
        net.ledger.append(
            {
                "person": _ref(draw(ids)),
                "direction": draw(st.sampled_from(records.LEDGER_DIRECTIONS)),
                "kind": draw(st.sampled_from(records.LEDGER_KINDS)),
                "size": draw(st.sampled_from(list(records.SIZES))),
                "when": draw(_PAST.map(date.isoformat)),
                "note": draw(maybe(words(max_size=40))),
            }
        )
    if n >= 2:
        flows = st.sampled_from(
            [
                [],
                ["agree a"],
                ["agree a", "agree b"],
                ["agree b", "agree a", "made"],
                ["agree a", "agree b", "made", "outcome"],
                ["decline"],
                ["agree b", "decline"],
            ]
        )
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.lists(ids, min_size=2, max_size=2, unique=True))
            net.intros.append((a, b, draw(maybe(words(max_size=40))), draw(flows)))
    for _ in range(draw(st.integers(0, 3))):
        net.opportunities.append(
            {
                "title": draw(words(max_size=30)),
                "kind": draw(st.sampled_from(records.OPPORTUNITY_KINDS)),
                "chain": [_ref(i) for i in draw(st.lists(ids, max_size=min(3, n), unique=True))],
                "when": draw(_PAST.map(date.isoformat)),
                "value": draw(maybe(st.integers(1, 5).map(str))),
                "note": draw(maybe(words(max_size=40))),
            }
        )
    for _ in range(draw(st.integers(0, 3))):
        net.saved.append(
            {
                "content": draw(
                    st.one_of(_ASCII.map(lambda s: f"https://{s}.example/read"), words(max_size=50))
                ),
                "topics": draw(st.lists(words(max_size=20), max_size=3)),
                "kind": draw(maybe(st.sampled_from(["meme", "note"]))),
                "when": draw(_PAST.map(date.isoformat)),
            }
        )
    for i in draw(st.lists(ids, max_size=2, unique=True)):
        how = draw(st.sampled_from(["release", "snooze"]))
        extra = (
            draw(maybe(words(max_size=30)))
            if how == "release"
            else draw(_FUTURE.map(date.isoformat))
        )
        net.statuses.append((i, how, extra))
    return net


def build(kith: Kith, net: Network) -> None:
    """Replay a recipe through the services, exactly as the CLI would call them."""
    for p in net.people:
        add_person(kith, p)
    for m in net.moments:
        log_moment(kith, m)
    for who, when, no_reply in net.replies:
        if _awaits_reply(kith, who):
            mark_replied(kith, _ref(who), when, no_reply=no_reply)
    open_ids = {f["id"] for f in follow_ups(kith)}
    for fid in net.done:
        if fid in open_ids:
            complete_follow_up(kith, fid)
    for e in net.ledger:
        recs.add_ledger(
            kith,
            e["person"],
            e["direction"],
            e["kind"],
            size=e["size"],
            when=e["when"],
            note=e["note"],
        )
    for a, b, reason, flow in net.intros:
        row = recs.propose_intro(kith, _ref(a), _ref(b), reason)
        for step in flow:
            action, _, side = step.partition(" ")
            who = _ref(a if side == "a" else b) if side else None
            recs.advance_intro(
                kith,
                row["id"],
                action,
                who=who,
                outcome="they met for lunch" if action == "outcome" else None,
            )
    for o in net.opportunities:
        recs.add_opportunity(
            kith,
            o["title"],
            o["kind"],
            o["chain"],
            when=o["when"],
            value=o["value"],
            note=o["note"],
        )
    for s in net.saved:
        recs.save_item(kith, s["content"], s["topics"], kind=s["kind"], when=s["when"])
    for i, how, extra in net.statuses:
        if how == "release":
            release(kith, _ref(i), extra)
        else:
            snooze(kith, _ref(i), extra or "")


def _awaits_reply(kith: Kith, person: int) -> bool:
    with kith.begin() as conn:
        return moments_repo.last_outreach_awaiting(conn, kith.account_id, person) is not None


@contextmanager
def fresh(folder: Path, name: str) -> Iterator[Kith]:
    kith = open_kith(f"sqlite:///{folder / name}", today=TODAY)
    try:
        yield kith
    finally:
        kith.engine.dispose()


@SETTINGS
@given(net=networks())
def test_export_import_export_is_identical(net: Network) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with fresh(folder, "source.db") as source:
            build(source, net)
            first = dumps(export_document(source))
        doc = json.loads(first)
        assert len(doc["people"]) == len(net.people)
        assert len(doc["moments"]) == len(net.moments)
        with fresh(folder, "copy.db") as copy:
            added = import_document(copy, json.loads(first))
            assert added.get("people", 0) == len(net.people)
            second = dumps(export_document(copy))
        assert second == first


@settings(SETTINGS, max_examples=10)
@given(net=networks())
def test_importing_the_same_file_twice_adds_nothing_the_second_time(net: Network) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with fresh(folder, "source.db") as source:
            build(source, net)
            text = dumps(export_document(source))
        path = folder / "export.json"
        path.write_text(text, encoding="utf-8")
        with fresh(folder, "copy.db") as copy:
            import_json_file(copy, path)
            once = dumps(export_document(copy))
            again = import_json_file(copy, path)
            assert sum(again.values()) == 0, again
            assert dumps(export_document(copy)) == once == text
