"""Merging two records of one person and undoing it: nothing lost, everything back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from conftest import TODAY, make_person
from kithkin.domain.errors import Ambiguous, InvalidInput, KithError, NotFound
from kithkin.services import dedupe, merge
from kithkin.services.context import Kith, new_uid, open_kith
from kithkin.services.moments import MomentInput, log_moment
from kithkin.services.people import PersonInput, edit_person
from kithkin.services.records import add_ledger, add_opportunity, dismiss, propose_intro
from kithkin.services.transfer import export_document
from kithkin.storage import facts_repo
from kithkin.storage.tables import (
    card_properties,
    duplicate_candidates,
    follow_ups,
    interests,
    introductions,
    ledger,
    merges,
    metadata,
    moment_people,
    office_hour_people,
    office_hours,
    opportunity_chain,
    people,
    person_dates,
    person_facts,
    person_photos,
    person_sources,
    relations,
    saved_items,
    saved_matches,
)


def _moment(kith: Kith, *who: str, kind: str = "coffee", **kw: Any) -> int:
    return log_moment(kith, MomentInput(people=list(who), kind=kind, **kw)).moment_id


def _extras(kith: Kith, pid: int, other: int, tag: str) -> None:
    """Rows in the tables an import fills: sources, dates, relations, photo, properties."""
    with kith.begin() as conn:
        conn.execute(
            insert(person_sources).values(
                account_id=kith.account_id, person_id=pid, source="vcard", key=f"{tag}-card"
            )
        )
        conn.execute(
            insert(person_dates),
            [
                {"person_id": pid, "label": "anniversary", "year": 2015, "month": 6, "day": 1},
                {"person_id": pid, "label": f"{tag} day", "year": None, "month": 2, "day": 3},
            ],
        )
        conn.execute(
            insert(relations).values(
                person_id=pid, kind="friend", name=f"{tag}'s friend", other_id=other
            )
        )
        conn.execute(
            insert(card_properties),
            [
                {"person_id": pid, "line": "X-SHARED:1", "position": 0},
                {"person_id": pid, "line": f"X-{tag.upper()}:2", "position": 1},
            ],
        )


def _office_hours(kith: Kith, who: list[int]) -> int:
    with kith.begin() as conn:
        oid = conn.execute(
            insert(office_hours).values(
                account_id=kith.account_id,
                uid=new_uid(),
                starts_at=datetime(2026, 12, 1, 10),
                hours=2.0,
                place="the library",
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(office_hour_people), [{"office_hour_id": oid, "person_id": p} for p in who]
        )
    return int(oid)


def _sent(kith: Kith, item_uid_text: str, pid: int) -> None:
    with kith.begin() as conn:
        item = conn.execute(
            insert(saved_items).values(
                account_id=kith.account_id,
                uid=new_uid(),
                kind="note",
                text=item_uid_text,
                saved_on=TODAY,
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(saved_matches).values(
                item_id=item,
                person_id=pid,
                account_id=kith.account_id,
                score=0.5,
                topic="t",
                interest="i",
                sent_on=TODAY,
            )
        )


def _dump(kith: Kith) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but the merge log and derived vectors), in a stable
    order, with people's updated_at left out."""
    out = {}
    with kith.begin() as conn:
        for table in metadata.sorted_tables:
            if table.name in ("merges", "phrase_vectors", "accounts"):
                continue
            cols = [c for c in table.columns if not (table is people and c.name == "updated_at")]
            rows = [tuple(r) for r in conn.execute(select(*cols))]
            out[table.name] = sorted(rows, key=repr)
    return out


def _no_updated_at(doc: dict[str, Any]) -> dict[str, Any]:
    doc = dict(doc)
    doc["people"] = [{k: v for k, v in p.items() if k != "updated_at"} for p in doc["people"]]
    return doc


@pytest.fixture
def world(kith: Kith) -> dict[str, int]:
    """A (kept) and B (absorbed) with every kind of record, and C and D around them."""
    a = make_person(
        kith,
        "Maya López",
        org="Stripe",
        pronouns="she/her",
        interests=["mushroom packaging: her first love", "ai ethics"],
        channels=[("email", "maya@example.com")],
        tags=["friends"],
        notes="Met at the mushroom fair.",
    )
    b = make_person(
        kith,
        "Maya Lopez",
        org="Mycelium Works",
        title="Designer",
        location="Lisbon",
        birthday="1990-03-14",
        interests=["ai ethics: wrote a zine", "watercolours: sundays"],
        channels=[("phone", "+351 912 345 678"), ("email", "maya@example.com")],
        tags=["friends", "design"],
        notes="Prefers voice notes.",
    )
    c = make_person(kith, "Sam Lee", via=f"#{b}")
    d = make_person(kith, "M. Lopez", channels=[("url", "https://mycelium.works/maya")])
    _moment(kith, f"#{d}", kind="call", energy="1", note="as M.")
    merge.merge(kith, f"#{b}", f"#{d}")  # B has absorbed D before

    _moment(
        kith, f"#{b}", energy="2", topics=["design"], follow_up="send the zine", due="in 3 days"
    )
    _moment(kith, f"#{a}", f"#{b}", kind="meal", note="both records")
    _moment(kith, f"#{b}", f"#{c}", kind="event")
    _moment(kith, f"#{a}", kind="call")
    add_ledger(kith, f"#{b}", "gave", "advice", note="portfolio")
    add_ledger(kith, f"#{b}", "received", "gift")
    add_ledger(kith, f"#{a}", "received", "help")
    propose_intro(kith, f"#{a}", f"#{b}", "they should meet (they are one)")
    propose_intro(kith, f"#{c}", f"#{b}", "packaging")
    add_opportunity(kith, "Client work", "client", [f"#{c}", f"#{b}"])
    add_opportunity(kith, "Workshop", "collaboration", [f"#{a}", f"#{c}", f"#{b}"])
    dismiss(kith, f"#{b}", "birthday")
    _sent(kith, "an article on spores", b)
    _extras(kith, a, c, "a")
    _extras(kith, b, c, "b")
    with kith.begin() as conn:
        conn.execute(
            insert(relations).values(person_id=c, kind="colleague", name="Maya", other_id=b)
        )
        conn.execute(
            insert(person_photos).values(person_id=b, media_type="image/png", data=b"\x89PNG")
        )
        conn.execute(
            insert(duplicate_candidates),
            [
                {
                    "account_id": kith.account_id,
                    "person_a_id": min(b, c),
                    "person_b_id": max(b, c),
                    "score": 0.0,
                    "evidence": '["not the same person"]',
                    "found_on": TODAY,
                    "dismissed_on": TODAY,
                },
                {
                    "account_id": kith.account_id,
                    "person_a_id": a,
                    "person_b_id": b,
                    "score": 100.0,
                    "evidence": '["same name"]',
                    "found_on": TODAY,
                    "dismissed_on": None,
                },
            ],
        )
    _office_hours(kith, [b, c])
    _office_hours(kith, [a, b])
    return {"a": a, "b": b, "c": c, "d": d}


def _count(kith: Kith, table: Any, column: Any, pid: int) -> int:
    with kith.begin() as conn:
        return int(conn.execute(select(func.count()).where(column == pid)).scalar_one())


def test_merge_moves_everything_and_unmerge_brings_it_all_back(
    kith: Kith, world: dict[str, int]
) -> None:
    a, b, c = world["a"], world["b"], world["c"]
    doc_before, rows_before = export_document(kith), _dump(kith)
    with kith.begin() as conn:
        b_uid = conn.execute(select(people.c.uid).where(people.c.id == b)).scalar_one()
        facts_before = facts_repo.stored(conn, kith.account_id)

    done = merge.merge(kith, f"#{a}", f"#{b}")

    assert done["kept"]["id"] == a and done["absorbed"]["uid"] == b_uid
    assert done["moved"]["moments"] == 3  # the meal already had A
    assert done["already_shared"]["moments"] == 1
    assert done["moved"]["ledger"] == 2 and done["moved"]["follow_ups"] == 1
    assert done["moved"]["introductions"] == 1 and done["set_aside"]["introductions"] == 1
    assert done["moved"]["opportunities"] == 1 and done["already_shared"]["opportunities"] == 1
    assert done["moved"]["interests"] == 1 and done["already_shared"]["interests"] == 1
    assert done["moved"]["channels"] == 2 and done["already_shared"]["channels"] == 1
    assert done["moved"]["tags"] == 1
    assert done["moved"]["office_hours"] == 1 and done["already_shared"]["office_hours"] == 1
    assert done["moved"]["dates"] == 1 and done["already_shared"]["dates"] == 1
    assert done["moved"]["properties"] == 1 and done["already_shared"]["properties"] == 1
    assert done["moved"]["photo"] == 1 and done["moved"]["introduced"] == 1
    assert done["fills"]["title"] == "Designer" and done["fills"]["birthday"] == "1990-03-14"
    assert done["conflicts"] == [{"field": "org", "kept": "Stripe", "absorbed": "Mycelium Works"}]

    with kith.begin() as conn:
        assert conn.execute(select(people.c.id).where(people.c.uid == b_uid)).first() is None
        row = conn.execute(select(people).where(people.c.id == a)).one()
        assert row.title == "Designer" and row.location == "Lisbon" and row.org == "Stripe"
        assert row.birthday_month == 3 and row.birthday_day == 14
        assert "Mycelium Works" in row.notes and "Prefers voice notes." in row.notes
        assert row.notes.startswith("Met at the mushroom fair.")
        notes = dict(
            conn.execute(
                select(interests.c.phrase_id, interests.c.note).where(interests.c.person_id == a)
            ).all()
        )
        # A's note wins; A's blank note takes B's
        assert sorted(n for n in notes.values() if n) == [
            "her first love",
            "sundays",
            "wrote a zine",
        ]
        assert (
            conn.execute(
                select(func.count())
                .select_from(moment_people)
                .where(moment_people.c.person_id == a)
            ).scalar_one()
            == 5
        )  # 2 of A's + 3 of B's (the meal once)
        assert (
            conn.execute(
                select(func.count()).select_from(ledger).where(ledger.c.person_id == a)
            ).scalar_one()
            == 3
        )
        assert (
            conn.execute(
                select(func.count()).select_from(follow_ups).where(follow_ups.c.person_id == a)
            ).scalar_one()
            == 1
        )
        intro_people = conn.execute(
            select(introductions.c.person_a_id, introductions.c.person_b_id)
        ).all()
        assert [tuple(r) for r in intro_people] == [(c, a)]
        assert conn.execute(select(people.c.introduced_by_id).where(people.c.id == c)).scalar() == a
        assert (
            conn.execute(
                select(relations.c.other_id).where(
                    relations.c.person_id == c, relations.c.kind == "colleague"
                )
            ).scalar()
            == a
        )
        assert conn.execute(select(person_photos.c.person_id)).scalar() == a
        assert conn.execute(select(saved_matches.c.person_id)).scalar() == a
        assert conn.execute(select(person_sources.c.person_id).distinct()).scalar() == a
        chain = conn.execute(select(opportunity_chain.c.person_id)).scalars().all()
        assert b not in chain and chain.count(a) == 2
        assert conn.execute(select(func.count()).select_from(duplicate_candidates)).scalar() == 0
        facts = facts_repo.stored(conn, kith.account_id)
        assert facts[a].moments == 5 and facts[a].gave_count == 1
        assert facts == facts_repo.computed(conn, kith.account_id)
        # D's earlier merge into B is kept inside B's merge record
        assert conn.execute(select(func.count()).select_from(merges)).scalar() == 1

    back = merge.unmerge(kith, f"#{a}")

    assert back["restored"]["uid"] == b_uid and back["restored"]["id"] == b
    assert back["back"]["moments"] == 4 and back["back"]["ledger"] == 2
    assert _no_updated_at(export_document(kith)) == _no_updated_at(doc_before)
    assert _dump(kith) == rows_before
    with kith.begin() as conn:
        assert facts_repo.stored(conn, kith.account_id) == facts_before
        undone = conn.execute(select(merges.c.undone_at).where(merges.c.kept_id == a)).scalar()
        assert undone is not None
    # the merge of D into B came back with B, and can itself be undone
    again = merge.unmerge(kith, f"#{b}")
    assert again["restored"]["id"] == world["d"]


def test_records_logged_after_the_merge_stay_and_edits_are_kept(
    kith: Kith, world: dict[str, int]
) -> None:
    a, b = world["a"], world["b"]
    merge.merge(kith, f"#{a}", f"#{b}")
    _moment(kith, f"#{a}", kind="walk", note="after the merge")
    add_ledger(kith, f"#{a}", "gave", "time", note="after")
    edit_person(
        kith, f"#{a}", PersonInput(title="Head of Design", interests=["watercolours: with me"])
    )

    back = merge.unmerge(kith, merge_uid=merge.history(kith)[0]["merge"])

    restored = back["restored"]["id"]
    with kith.begin() as conn:
        kept = conn.execute(select(people).where(people.c.id == a)).one()
        assert kept.title == "Head of Design"  # changed since the merge: stays
        assert kept.location is None and kept.birthday_month is None  # filled: taken back
        assert kept.notes == "Met at the mushroom fair."
        walks = (
            conn.execute(
                select(moment_people.c.person_id)
                .join(ledger, ledger.c.person_id == moment_people.c.person_id)
                .where(ledger.c.note == "after")
            )
            .scalars()
            .all()
        )
        assert set(walks) == {a}
        b_row = conn.execute(select(people).where(people.c.id == restored)).one()
        assert b_row.title == "Designer" and b_row.notes.startswith("Prefers voice notes.")
        a_phrases = conn.execute(
            select(func.count()).select_from(interests).where(interests.c.person_id == a)
        ).scalar_one()
        assert a_phrases == 3  # watercolours stays with A: its note was edited since


def test_preview_changes_nothing_and_matches_the_merge(kith: Kith, world: dict[str, int]) -> None:
    a, b = world["a"], world["b"]
    before = _dump(kith)
    plan = merge.preview(kith, f"#{a}", f"#{b}")
    assert _dump(kith) == before
    assert plan["kept"]["id"] == a and "merge" not in plan
    done = merge.merge(kith, f"#{a}", f"#{b}")
    assert {k: v for k, v in done.items() if k != "merge"} == plan


def test_bad_input_changes_nothing(kith: Kith, world: dict[str, int]) -> None:
    a = world["a"]
    before = _dump(kith)
    with pytest.raises(InvalidInput, match="same person"):
        merge.merge(kith, f"#{a}", f" #{a} ")
    with pytest.raises(NotFound):
        merge.merge(kith, f"#{a}", "Nobody Here")
    with pytest.raises(NotFound, match="nothing to unmerge"):
        merge.unmerge(kith, "Sam Lee")
    with pytest.raises(NotFound):
        merge.unmerge(kith, merge_uid="ffffffff")
    with pytest.raises(InvalidInput):
        merge.unmerge(kith)
    with pytest.raises(Ambiguous):
        merge.merge(kith, "maya", "sam")
    assert _dump(kith) == before


def test_an_undone_merge_cannot_be_undone_twice(kith: Kith, world: dict[str, int]) -> None:
    done = merge.merge(kith, f"#{world['a']}", f"#{world['b']}")
    merge.unmerge(kith, merge_uid=done["merge"][:10])
    with pytest.raises(InvalidInput, match="undone already"):
        merge.unmerge(kith, merge_uid=done["merge"])
    history = merge.history(kith)
    assert [h["undone_at"] is not None for h in history] == [True, False]  # D into B stands
    assert history[0]["absorbed"]["name"] == "Maya Lopez"


def test_unmerge_finds_the_merge_by_the_absorbed_name(kith: Kith) -> None:
    a = make_person(kith, "Ana Reyes")
    b = make_person(kith, "Anita Reyes-Bloom", org="Fungi Lab")
    merge.merge(kith, f"#{a}", f"#{b}")
    back = merge.unmerge(kith, "Anita Reyes-Bloom")
    assert back["restored"]["name"] == "Anita Reyes-Bloom" and back["kept"]["id"] == a


def test_unmerge_refuses_when_the_uid_is_back(kith: Kith) -> None:
    a = make_person(kith, "Ana Reyes")
    b = make_person(kith, "Ana Reyes B")
    merge.merge(kith, f"#{a}", f"#{b}")
    uid = merge.history(kith)[0]["absorbed"]["uid"]
    c = make_person(kith, "Someone Else")
    with kith.begin() as conn:
        conn.execute(update(people).where(people.c.id == c).values(uid=uid))
    with pytest.raises(KithError, match="same uid"):
        merge.unmerge(kith, "Ana Reyes")


def test_a_merge_never_touches_another_account(kith: Kith, db_url: str) -> None:
    other = open_kith(db_url, today=TODAY, account="other")
    try:
        x = make_person(other, "Maya López", org="Stripe")
        y = make_person(other, "Maya Lopez", org="Stripe")
        _moment(other, f"#{x}", f"#{y}")
        theirs = export_document(other)
        a = make_person(kith, "Maya López", org="Stripe")
        b = make_person(kith, "Maya Lopez", org="Stripe")
        _moment(kith, f"#{b}")
        assert dedupe.scan(kith) == 1
        with pytest.raises(NotFound):
            merge.merge(kith, f"#{a}", f"#{y}")
        merge.merge(kith, f"#{a}", f"#{b}")
        assert export_document(other) == theirs
        assert dedupe.candidates(other) == []
        assert merge.history(other) == []
        with pytest.raises(NotFound):
            merge.unmerge(other, f"#{x}")
        merge.unmerge(kith, f"#{a}")
        assert export_document(other) == theirs
    finally:
        other.engine.dispose()


# --- the duplicate queue ------------------------------------------------------------


def test_queue_likely_with_new_ids_and_dismissals(kith: Kith) -> None:
    a = make_person(kith, "Maya López", org="Stripe")
    b = make_person(kith, "Maya Lopes", org="stripe")
    c = make_person(kith, "Jon Smith", channels=[("phone", "+351 912 345 678")])
    d = make_person(kith, "John Smith", channels=[("phone", "912345678")])
    e = make_person(kith, "Maya Lopes")  # same name as b, nothing else
    with kith.begin() as conn:
        assert dedupe.queue_likely(kith, conn, [d]) == 1
    got = dedupe.candidates(kith)
    assert [(r["a"]["id"], r["b"]["id"]) for r in got] == [(c, d)]
    assert got[0]["evidence"] == ["names 95% alike", "same phone"]
    assert got[0]["merge"] == f'kith merge "#{c}" "#{d}"'

    assert dedupe.scan(kith) == 2
    pairs = {(r["a"]["id"], r["b"]["id"]): r for r in dedupe.candidates(kith)}
    assert set(pairs) == {(c, d), (a, b), (b, e)}
    assert pairs[(b, e)]["evidence"] == ["same name"] and pairs[(b, e)]["score"] == 100
    assert pairs[(a, b)]["evidence"][1] == "both at Stripe"

    names = dedupe.dismiss(kith, f"#{e}", f"#{b}")
    assert names == ("Maya Lopes", "Maya Lopes") or set(names) == {"Maya Lopes"}
    assert dedupe.scan(kith) == 0  # dismissed and queued pairs are not added again
    assert (b, e) not in {(r["a"]["id"], r["b"]["id"]) for r in dedupe.candidates(kith)}
    with pytest.raises(InvalidInput):
        dedupe.dismiss(kith, f"#{a}", "Maya López")
    with kith.begin() as conn:
        assert dedupe.queue_likely(kith, conn, []) == 0


def test_merging_drops_the_pairs_of_the_absorbed(kith: Kith) -> None:
    a = make_person(kith, "Maya López", org="Stripe")
    b = make_person(kith, "Maya Lopez", org="Stripe")
    assert dedupe.scan(kith) == 1
    merge.merge(kith, f"#{a}", f"#{b}")
    assert dedupe.candidates(kith) == []
    merge.unmerge(kith, f"#{a}")
    assert [(r["a"]["id"], r["b"]["id"]) for r in dedupe.candidates(kith)] == [(a, b)]
    with kith.begin() as conn:
        assert conn.execute(select(func.count()).select_from(person_facts)).scalar() == 2


def test_unmerge_when_the_absorbed_id_was_given_to_someone_new(kith: Kith) -> None:
    a = make_person(kith, "Ana Reyes", org="Fungi Lab")
    b = make_person(kith, "Ana Reyes", org="Fungi Lab", interests=["spores: grows them"])
    _moment(kith, f"#{b}", kind="walk")
    with kith.begin() as conn:
        b_uid = conn.execute(select(people.c.uid).where(people.c.id == b)).scalar_one()
    merge.merge(kith, f"#{a}", f"#{b}")
    newcomer = make_person(kith, "Noor Haddad")  # SQLite may hand out B's old id again
    _moment(kith, f"#{newcomer}", kind="call")

    back = merge.unmerge(kith, f"#{a}")

    restored = back["restored"]["id"]
    assert back["restored"]["uid"] == b_uid and restored != newcomer
    assert (restored == b) == (newcomer != b)
    with kith.begin() as conn:
        kinds = dict(
            conn.execute(
                select(moment_people.c.person_id, func.count()).group_by(moment_people.c.person_id)
            ).all()
        )
        assert kinds == {restored: 1, newcomer: 1}
        spores = conn.execute(select(interests.c.person_id, interests.c.note)).all()
        assert [tuple(r) for r in spores] == [(restored, "grows them")]


def test_a_introduced_by_b_is_cleared_and_restored(kith: Kith) -> None:
    b = make_person(kith, "Rui Costa", org="Mycelium Works")
    a = make_person(kith, "Rui Costa Jr", org="Mycelium Works", via=f"#{b}")
    done = merge.merge(kith, f"#{a}", f"#{b}")
    assert done["fills"] == {}
    with kith.begin() as conn:
        assert conn.execute(select(people.c.introduced_by_id)).scalars().all() == [None]
    back = merge.unmerge(kith, f"#{a}")
    assert back["reverted"] == ["introduced_by_id", "notes"]  # notes: the name "Rui Costa"
    with kith.begin() as conn:
        via = conn.execute(select(people.c.introduced_by_id).where(people.c.id == a)).scalar()
        assert via == back["restored"]["id"]
