"""`kith demo` builds the seeds' network in its own database and touches nothing else."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from conftest import TODAY, _entry
from kithkin.services.context import open_kith
from kithkin.services.transfer import export_document
from kithkin.storage.database import sqlite_url


def build(home: Path) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(_entry, ["--today", TODAY.isoformat(), "demo"])
    assert result.exit_code == 0, result.output
    assert str(home / "demo.db") in result.output
    kith = open_kith(sqlite_url(home / "demo.db"), today=TODAY)
    try:
        return export_document(kith)
    finally:
        kith.engine.dispose()


def test_demo_has_every_record_kind_over_three_years(_isolated_home: Path) -> None:
    doc = build(_isolated_home)
    assert len(doc["people"]) >= 20
    assert len(doc["moments"]) >= 150
    for section in (
        "follow_ups",
        "ledger",
        "introductions",
        "opportunities",
        "saved_items",
        "dismissals",
    ):
        assert doc[section], section
    days = sorted(date.fromisoformat(m["date"]) for m in doc["moments"])
    assert days[-1] <= TODAY and TODAY - days[0] >= timedelta(days=2 * 365 + 300)
    assert any(len(m["people"]) >= 3 for m in doc["moments"])  # office hours
    assert {m["reply_state"] for m in doc["moments"]} >= {"awaiting", "replied", "no_reply"}
    assert {i["status"] for i in doc["introductions"]} >= {
        "proposed",
        "agreed",
        "closed",
        "declined",
    }
    statuses = {p["status"] for p in doc["people"]}
    assert {"active", "snoozed", "released"} <= statuses
    assert any(p["birthday"] and p["birthday"].startswith("--") for p in doc["people"])
    assert any(p["introduced_by"] for p in doc["people"])


def test_demo_tells_the_seeds_stories(_isolated_home: Path) -> None:
    doc = build(_isolated_home)
    by_uid = {p["uid"]: p for p in doc["people"]}
    titles = {p["title"] for p in doc["people"]}
    assert {
        "Barista",
        "Yoga teacher",
        "Sommelier",
        "Peloton instructor",
        "Marketing Director",
    } <= titles
    chains = {o["title"]: [by_uid[u]["title"] for u in o["chain"]] for o in doc["opportunities"]}
    assert chains["Dream consulting gig"][0] == "Barista"
    assert chains["Northwind Freight: largest client"][0] == "Yoga teacher"
    niece = next(p for p in doc["people"] if "niece" in (p["met_how"] or ""))
    gave = [e for e in doc["ledger"] if e["person"] == niece["uid"] and e["direction"] == "gave"]
    got = [e for e in doc["ledger"] if e["person"] == niece["uid"] and e["direction"] == "received"]
    assert len(gave) >= 5 and not got
    connector = next(p for p in doc["people"] if p["title"] == "Managing Partner")
    energies = [m["energy"] for m in doc["moments"] if connector["uid"] in m["people"]]
    assert sum(energies) / len(energies) < -0.5
    mentor = next(p for p in doc["people"] if "ghosted" in (p["met_how"] or ""))
    lapsed = [f for f in doc["follow_ups"] if f["person"] == mentor["uid"] and not f["done"]]
    assert lapsed and date.fromisoformat(lapsed[0]["due"]) < TODAY
    shared = [
        set(
            p["uid"]
            for p in doc["people"]
            if any("packaging" in i["phrase"] for i in p["interests"])
        )
    ]
    assert len(shared[0]) >= 2  # the designer and the former Imagineer


def test_demo_never_touches_the_users_database(_isolated_home: Path) -> None:
    user_db = _isolated_home / "kith.db"
    build(_isolated_home)
    assert not user_db.exists()
    again = build(_isolated_home)  # rebuilding replaces the demo, it does not double it
    assert len(again["people"]) == len({p["name"] for p in again["people"]})


def test_looking_at_the_demo_before_building_it_says_how(_isolated_home: Path) -> None:
    result = CliRunner().invoke(_entry, ["--demo", "list"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "kith: there is no demo network yet: run `kith demo` first"
    assert not (_isolated_home / "demo.db").exists()
