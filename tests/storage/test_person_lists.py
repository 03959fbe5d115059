"""A person's interests, tags and channels read in one statement come back exactly as
the three separate readers give them, on SQLite and on PostgreSQL."""

from __future__ import annotations

from conftest import make_person
from kithkin.services.context import Kith
from kithkin.storage import people_repo


def test_lists_of_matches_the_separate_readers(kith: Kith) -> None:
    pid = make_person(
        kith,
        "Maya López",
        interests=["zither: plays on Sundays", "Arabic calligraphy", "mycology"],
        tags=["work", "climbers", "book club"],
        channels=[("phone", "+44 20 7946 0000"), ("email", "maya@example.org")],
    )
    other = make_person(kith, "Ben Okafor", interests=["chess"], tags=["zz"])
    with kith.begin() as conn:
        loves, tagged, chans = people_repo.lists_of(conn, pid)
        assert loves == people_repo.interests_of(conn, [pid])[pid]
        assert tagged == people_repo.tags_of(conn, [pid])[pid]
        assert chans == people_repo.channels_of(conn, pid)
        chess = [{"phrase": "chess", "note": None}]
        assert people_repo.lists_of(conn, other)[:2] == (chess, ["zz"])
    assert [i["phrase"] for i in loves] == ["zither", "arabic calligraphy", "mycology"]
    assert loves[0]["note"] == "plays on Sundays"
    assert tagged == ["book club", "climbers", "work"]
    assert [c["kind"] for c in chans] == ["phone", "email"]
    with kith.begin() as conn:
        assert people_repo.lists_of(conn, 10**9) == ([], [], [])
