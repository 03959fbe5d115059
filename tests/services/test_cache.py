"""Kept answers: a write from anywhere gives the account a new revision."""

from __future__ import annotations

from conftest import TODAY, make_person
from kithkin.services import cache
from kithkin.services.context import open_kith
from kithkin.services.people import find, list_people


def test_writes_change_the_revision_and_reads_do_not(kith):  # type: ignore[no-untyped-def]
    before = cache.revision(kith)
    make_person(kith, "Maya López")
    after_write = cache.revision(kith)
    assert after_write is not None and after_write != before
    find(kith, "Maya")
    list_people(kith)
    assert cache.revision(kith) == after_write


def test_a_failed_write_keeps_the_revision(kith):  # type: ignore[no-untyped-def]
    import pytest

    from kithkin.domain.errors import KithError

    make_person(kith, "Maya López")
    rev = cache.revision(kith)
    with pytest.raises(KithError):
        make_person(kith, "Sam", birthday="not a date")
    assert cache.revision(kith) == rev


def test_remembered_answers_until_another_process_writes(kith, db_url):  # type: ignore[no-untyped-def]
    cache.clear()
    calls = []

    def names() -> list[str]:
        calls.append(1)
        return [p["name"] for p in list_people(kith)]

    make_person(kith, "Maya López")
    assert cache.remembered(kith, "names", names) == ["Maya López"]
    assert cache.remembered(kith, "names", names) == ["Maya López"]
    assert len(calls) == 1
    other = open_kith(db_url, today=TODAY)  # as the CLI would, on its own engine
    try:
        make_person(other, "Sam Okafor")
    finally:
        other.engine.dispose()
    assert cache.remembered(kith, "names", names) == ["Maya López", "Sam Okafor"]
    assert len(calls) == 2


def test_accounts_do_not_share_answers(kith, db_url):  # type: ignore[no-untyped-def]
    cache.clear()
    make_person(kith, "Maya López")
    bob = open_kith(db_url, today=TODAY, account="bob")
    try:
        mine = cache.remembered(kith, "n", lambda: len(list_people(kith)))
        theirs = cache.remembered(bob, "n", lambda: len(list_people(bob)))
    finally:
        bob.engine.dispose()
    assert (mine, theirs) == (1, 0)


def test_a_new_account_on_a_reused_id_gets_no_old_answers(db_url):  # type: ignore[no-untyped-def]
    from kithkin.services import accounts

    cache.clear()
    carol = open_kith(db_url, today=TODAY, account="carol")
    try:
        make_person(carol, "Carol's Secret Friend")
        seen = cache.remembered(carol, "names", lambda: [p["name"] for p in list_people(carol)])
        assert seen == ["Carol's Secret Friend"]
        accounts.remove_user(carol.engine, "carol")
        accounts.add_user(carol.engine, "dave", "a long secret")
        dave = open_kith(db_url, today=TODAY, account="dave")
        try:
            names = cache.remembered(dave, "names", lambda: [p["name"] for p in list_people(dave)])
        finally:
            dave.engine.dispose()
    finally:
        carol.engine.dispose()
    assert names == []


def test_changed_settings_are_not_answered_from_memory(kith, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from kithkin.services import settings

    cache.clear()
    cfg = tmp_path / "config.toml"
    monkeypatch.setattr(settings, "config_path", lambda: cfg)
    make_person(kith, "Maya López")
    calls = []
    cache.remembered(kith, "k", lambda: calls.append(1))
    cfg.write_text("[today]\nlimit = 1\n")
    cache.remembered(kith, "k", lambda: calls.append(1))
    assert len(calls) == 2


def test_a_large_answer_is_kept_once_per_account_and_replaced_on_change(kith):  # type: ignore[no-untyped-def]
    cache.clear()
    calls = []

    def names() -> list[str]:
        calls.append(1)
        return [p["name"] for p in list_people(kith)]

    for i in range(cache.MAX_LARGE + 3):  # more writes than the large shelf has room for
        make_person(kith, f"Person {i:02d}")
        assert len(cache.remembered(kith, "all", names, large=True)) == i + 1
        assert len(cache.remembered(kith, "all", names, large=True)) == i + 1
    assert len(calls) == cache.MAX_LARGE + 3  # once per change, then from memory
    assert len(cache._large) == 1  # the newest only, not one per revision


def test_the_revision_and_a_fresh_answer_share_one_connection(kith):  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    cache.clear()
    make_person(kith, "Maya López")
    checkouts = []

    def checkout(*_args) -> None:  # type: ignore[no-untyped-def]
        checkouts.append(1)

    event.listen(kith.engine, "checkout", checkout)
    try:
        fresh = cache.remembered(kith, "names", lambda: [p["name"] for p in list_people(kith)])
        kept = cache.remembered(kith, "names", lambda: [p["name"] for p in list_people(kith)])
    finally:
        event.remove(kith.engine, "checkout", checkout)
    assert fresh == kept == ["Maya López"]
    assert len(checkouts) == 2  # one per answer, the fresh one included
