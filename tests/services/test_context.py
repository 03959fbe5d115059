"""Transactions: a ``begin`` inside another joins it and commits with it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from conftest import make_person
from kithkin.domain.errors import KithError
from kithkin.services import cache
from kithkin.services.people import PersonInput, add_person
from kithkin.storage.tables import people


def _count(kith) -> int:  # type: ignore[no-untyped-def]
    with kith.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(people)).scalar_one())


def test_a_nested_begin_uses_the_outer_connection(kith):  # type: ignore[no-untyped-def]
    with kith.begin() as outer, kith.begin() as inner:
        assert inner is outer
    with kith.begin() as later:  # the outer one ended: a fresh transaction
        assert later is not outer


def test_a_write_inside_commits_only_with_the_outer_transaction(kith):  # type: ignore[no-untyped-def]
    rev = cache.revision(kith)
    with pytest.raises(KithError), kith.begin():
        add_person(kith, PersonInput(name="Maya López"))  # its own begin() joins this one
        raise KithError("something later went wrong")
    assert _count(kith) == 0
    assert cache.revision(kith) == rev
    with kith.begin():
        make_person(kith, "Maya López")
        make_person(kith, "Sam Okafor")
    assert _count(kith) == 2
    assert cache.revision(kith) != rev
