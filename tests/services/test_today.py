"""Today through the services: the database's prefilter, titles, the demo's stories."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from conftest import TODAY, make_person
from kithkin.services.context import Kith, new_uid, open_kith, utcnow
from kithkin.services.settings import today_rules
from kithkin.services.today import ranked, today, top
from kithkin.storage import moments_repo, records_repo
from kithkin.storage.tables import people

_n = itertools.count()

person_st = st.fixed_dictionaries(
    {
        "cadence": st.none() | st.sampled_from(["14", "30", "90"]),
        "pancake": st.none() | st.sampled_from(["yes", "no", "unsure"]),
        "birthday": st.none() | st.integers(-3, 40),  # days from TODAY, some year
        "rhythm": st.none() | st.tuples(st.integers(300, 1000), st.integers(0, 300)),
        "moments": st.lists(
            st.tuples(
                st.integers(0, 900),  # days ago
                st.none() | st.integers(-2, 2),
                st.none() | st.sampled_from(["surface", "personal", "vulnerable"]),
                st.sampled_from([None, "awaiting", "no_reply", "replied"]),
            ),
            max_size=10,
        ),
        "ledger": st.lists(
            st.tuples(
                st.integers(0, 300),
                st.sampled_from(["gave", "received"]),
                st.sampled_from(["help", "mini-collab"]),
            ),
            max_size=6,
        ),
        "promise": st.none() | st.integers(-30, 60),  # due in N days (negative: lapsed)
    }
)


def _build(kith: Kith, spec: dict[str, Any]) -> int:
    birthday = None
    if spec["birthday"] is not None:
        day = TODAY + timedelta(days=spec["birthday"])
        birthday = day.replace(year=1990 if day.month != 2 or day.day != 29 else 1992).isoformat()
    rhythm = []
    if spec["rhythm"]:
        first, last = spec["rhythm"]
        rhythm = [(d, 1, "personal", None) for d in range(last, first, 7)]
    pid = make_person(
        kith,
        f"Friend {next(_n)}",
        cadence=spec["cadence"],
        pancake=spec["pancake"],
        birthday=birthday,
    )
    with kith.begin() as conn:
        for ago, energy, depth, reply in [*spec["moments"], *rhythm]:
            on = TODAY - timedelta(days=ago)
            values = {
                "account_id": kith.account_id,
                "uid": new_uid(),
                "occurred_on": on,
                "kind": "message",
                "energy": energy,
                "depth": depth,
                "outreach_style": "no-reason" if reply else None,
                "reply_state": "awaiting" if reply else None,
                "created_at": utcnow(),
            }
            mid = moments_repo.insert_moment(conn, values, [pid], [])
            if reply in ("no_reply", "replied"):
                moments_repo.set_reply(conn, mid, reply, on if reply == "replied" else None)
        for ago, direction, kind in spec["ledger"]:
            records_repo.insert_ledger(
                conn,
                {
                    "account_id": kith.account_id,
                    "uid": new_uid(),
                    "person_id": pid,
                    "direction": direction,
                    "kind": kind,
                    "size": 1,
                    "occurred_on": TODAY - timedelta(days=ago),
                },
            )
        if spec["promise"] is not None:
            moments_repo.insert_follow_up(
                conn,
                {
                    "account_id": kith.account_id,
                    "uid": new_uid(),
                    "person_id": pid,
                    "text": "send the list",
                    "due_on": TODAY + timedelta(days=spec["promise"]),
                    "created_on": TODAY - timedelta(days=90),
                },
            )
    return pid


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(person_st, min_size=1, max_size=6), st.sampled_from([0, 1, 7, 30, 120]))
def test_the_prefilter_never_drops_anyone_today_would_list(
    kith: Kith, specs: list[dict[str, Any]], shift: int
) -> None:
    for spec in specs:
        _build(kith, spec)
    on = TODAY + timedelta(days=shift)
    full = ranked(kith, on)
    assert full == ranked(kith, on, everyone=True)
    for k in (1, 3, 7, 40):
        assert top(kith, k, on) == full[:k]
        assert top(kith, k, on, batch=1) == full[:k]  # stops as early as the bounds allow


def _demo_kith(home: Path) -> Kith:
    from click.testing import CliRunner

    from conftest import _entry
    from kithkin.storage.database import sqlite_url

    result = CliRunner().invoke(_entry, ["--today", TODAY.isoformat(), "demo"])
    assert result.exit_code == 0, result.output
    return open_kith(sqlite_url(home / "demo.db"), today=TODAY)


def test_titles_never_change_any_ranking(_isolated_home: Path) -> None:
    kith = _demo_kith(_isolated_home)
    try:
        dates = [TODAY + timedelta(days=d) for d in (0, 7, 30, 90)]
        before = [ranked(kith, d) for d in dates]
        with kith.begin() as conn:
            conn.execute(update(people).values(org="Acme Global", title="Chief Executive Officer"))
        assert [ranked(kith, d) for d in dates] == before
        with kith.begin() as conn:
            conn.execute(update(people).values(org=None, title=None))
        assert [ranked(kith, d) for d in dates] == before
    finally:
        kith.engine.dispose()


def test_the_demo_tells_its_stories_on_today(_isolated_home: Path) -> None:
    kith = _demo_kith(_isolated_home)
    try:
        lines = ranked(kith)
        by_name = {line.name.split()[0]: line for line in lines}
        kinds = {name: {r.kind for r in line.reasons} for name, line in by_name.items()}
        assert "follow-up" in kinds["Margaret"]  # the ghosted mentor's lapsed promise
        assert "martyrdom" in kinds["Sophie"]  # the niece's essays
        assert "kindness" in kinds["Julien"] and "kindness" in kinds["Ava"]
        assert by_name["Julien"].energy == "fueller" and by_name["Ava"].energy == "fueller"
        assert "Victor" not in by_name  # the drainer is never pushed to meet
        assert "Marcus" not in by_name and "Tom" not in by_name  # released, snoozed
        top = today(kith)
        assert len(top) == today_rules().limit == 7
        assert [t.index for t in top] == list(range(1, 8))
        assert all(t.reason and t.action for t in top)
    finally:
        kith.engine.dispose()
