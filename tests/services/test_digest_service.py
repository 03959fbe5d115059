"""The weekly digest through the services, on a real database (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import TODAY, make_person
from kithkin.domain.digest import Digest
from kithkin.services.context import Kith, open_kith
from kithkin.services.digest import as_dict, digest
from kithkin.services.moments import MomentInput, complete_follow_up, follow_ups, log_moment
from kithkin.services.people import release, snooze
from kithkin.services.records import add_ledger, dismiss


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def log(kith: Kith, people: list[str], kind: str, days_ago: int, **kw: str) -> None:
    log_moment(kith, MomentInput(people=people, kind=kind, when=ago(days_ago), **kw))  # type: ignore[arg-type]


def build_week(kith: Kith) -> dict[str, int]:
    """A week with something in every section (TODAY is Saturday 21 November 2026)."""
    ids = {
        "maya": make_person(
            kith,
            "Maya López",
            cadence="30",
            birthday="1991-11-25",
            interests=["risograph printing"],
            org="Studio Maya",
            title="CEO",
        ),
        "ben": make_person(kith, "Ben Adler", cadence="14"),
        "kai": make_person(kith, "Kai Nguyen", cadence="7"),
        "victor": make_person(kith, "Victor Crane", cadence="7"),
        "sophie": make_person(kith, "Sophie Hart"),
        "julien": make_person(kith, "Julien Moreau", interests=["natural wine"]),
    }
    # in the week: Maya and Ben together (+2), Victor twice (−2 each)
    log(kith, ["Maya", "Ben"], "co-working", 2, energy="2", depth="personal")
    log(kith, ["Victor"], "coffee", 3, energy="-2")
    log(kith, ["Victor"], "coffee", 6, energy="-2")
    # before the week
    log(kith, ["Kai"], "call", 10, energy="1", follow_up="send the thrift map", due=ago(2))
    log(kith, ["Maya"], "message", 8, follow_up="lend the riso zine", due=ago(11))
    log(kith, ["Ben"], "coffee", 20, follow_up="intro to a watercolourist", due="2026-11-25")
    kai_promise = follow_ups(kith, "Kai")[0]["id"]
    complete_follow_up(kith, kai_promise)  # kept today, two days after its date
    for d in (40, 25, 4):
        add_ledger(kith, "Sophie", "gave", "help", when=ago(d))
    add_ledger(kith, "Julien", "received", "article", when=ago(5))
    return ids


def names(items: tuple[object, ...]) -> list[str]:
    return [getattr(x, "name") for x in items]  # noqa: B009


def test_the_week_behind_and_ahead(kith: Kith) -> None:
    ids = build_week(kith)
    d = digest(kith)
    assert (d.week.start, d.week.end) == (date(2026, 11, 15), TODAY)
    assert [(c.name, c.moments, c.kinds) for c in d.contacts] == [
        ("Victor Crane", 2, ("coffee",)),
        ("Ben Adler", 1, ("co-working",)),
        ("Maya López", 1, ("co-working",)),
    ]
    assert d.moments == 3
    e = d.energy
    assert (e.energy_in, e.energy_out, e.net, e.rated) == (2, -4, -2, 3)
    assert e.daily == (-2, None, None, -2, 2, None, None)  # Sun 15 … Sat 21
    assert [(p.name, p.energy) for p in e.fuelled_by] == [("Ben Adler", 2), ("Maya López", 2)]
    assert [(p.name, p.energy) for p in e.drained_by] == [("Victor Crane", -4)]
    assert [(x.name, x.kind) for x in d.received] == [("Julien Moreau", "article")]
    assert [(x.name, x.kind, x.on) for x in d.given] == [  # only the week's
        ("Sophie Hart", "help", date(2026, 11, 17))
    ]
    pr = d.promises
    assert [(p.name, p.text, p.words) for p in pr.kept] == [
        ("Kai Nguyen", "send the thrift map", "kept today, 2 days after its date")
    ]
    assert [(p.name, p.words) for p in pr.lapsed] == [("Maya López", "due 11 days ago")]
    assert [(p.name, p.words) for p in pr.due] == [("Ben Adler", "due Wed 25 Nov")]
    # in Today's order: kindness 45 + 15 · (1 − 5/120) = 59.4 before martyrdom 55
    assert [(n.name, n.kind) for n in d.reciprocity] == [
        ("Julien Moreau", "kindness"),
        ("Sophie Hart", "martyrdom"),
    ]
    assert d.reciprocity[0].action.endswith("something small about natural wine, no ask attached")
    assert [(b.name, b.on, b.turning) for b in d.birthdays] == [
        ("Maya López", date(2026, 11, 25), 35)
    ]
    # Kai: last in touch Nov 11 + 7 = Nov 18, overdue; Victor drains you: never a check-in
    assert [(c.person_id, c.due_on, c.overdue_days) for c in d.check_ins] == [
        (ids["kai"], date(2026, 11, 18), 3)
    ]
    assert not d.quiet


def test_json_shape_is_the_same_structure(kith: Kith) -> None:
    build_week(kith)
    out = as_dict(digest(kith))
    assert set(out) == {
        "week",
        "contacts",
        "moments",
        "energy",
        "given",
        "received",
        "replies",
        "promises",
        "reciprocity",
        "drifting",
        "waiting",
        "birthdays",
        "check_ins",
        "quiet",
    }
    assert set(out["promises"]) == {"kept", "lapsed", "due"}
    assert out["energy"]["net"] == -2 and out["quiet"] is False
    assert "org" not in repr(out) and "Studio Maya" not in repr(out) and "CEO" not in repr(out)


def test_paused_people_get_no_nudges_but_the_week_still_shows_them(kith: Kith) -> None:
    build_week(kith)
    snooze(kith, "Kai", "2026-12-15")
    release(kith, "Sophie", "Essays done; bullet dodged.")
    dismiss(kith, "Maya", "birthday")
    d = digest(kith)
    assert not d.check_ins  # Kai is snoozed
    assert [n.name for n in d.reciprocity] == ["Julien Moreau"]  # Sophie is released
    assert not d.birthdays  # set aside on Today
    assert ("Sophie Hart", "help") in [(x.name, x.kind) for x in d.given]  # it still happened
    assert names(d.promises.kept) == ["Kai Nguyen"]  # so did keeping the promise


def test_a_snooze_that_has_ended_counts_as_active(kith: Kith) -> None:
    build_week(kith)
    snooze(kith, "Kai", "2026-11-25")
    assert digest(kith).check_ins == ()
    later = digest(kith, date(2026, 11, 28))
    # Kai overdue since Nov 18; Ben (last Nov 19 + 14) due Dec 3, within the week ahead
    assert names(later.check_ins) == ["Kai Nguyen", "Ben Adler"]


def test_a_past_week_sees_promises_as_they_were(kith: Kith) -> None:
    build_week(kith)
    d = digest(kith, date(2026, 11, 14))
    assert (d.week.start, d.week.end) == (date(2026, 11, 8), date(2026, 11, 14))
    # Kai's promise was kept on Nov 21: on Nov 14 it was still due (Nov 19)
    assert [(p.name, p.words) for p in d.promises.due] == [("Kai Nguyen", "due Thu 19 Nov")]
    assert not d.promises.kept
    assert [(c.name, c.moments) for c in d.contacts] == [
        ("Kai Nguyen", 1),
        ("Maya López", 1),
    ]


def test_another_account_never_shows(kith: Kith, db_url: str) -> None:
    build_week(kith)
    other = open_kith(db_url, today=TODAY, account="someone-else")
    try:
        make_person(other, "Ola Nordmann", cadence="7", birthday="--11-23")
        log(other, ["Ola"], "walk", 1, energy="2", follow_up="call back", due=ago(3))
        add_ledger(other, "Ola", "gave", "gift", when=ago(1))
        mine, theirs = digest(kith), digest(other)
    finally:
        other.engine.dispose()
    assert "Ola Nordmann" not in repr(as_dict(mine))
    assert names(theirs.contacts) == ["Ola Nordmann"]
    assert names(theirs.promises.lapsed) == ["Ola Nordmann"]
    assert names(theirs.birthdays) == ["Ola Nordmann"]
    assert names(theirs.given) == ["Ola Nordmann"]
    assert "Maya" not in repr(as_dict(theirs))


def test_an_empty_database_gives_a_quiet_digest(kith: Kith) -> None:
    d: Digest = digest(kith)
    assert d.quiet and not d.contacts and not d.check_ins and d.energy.rated == 0
