"""Happy paths through the real `kith` entry point, checked by reading the effect back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import PG_URL, TODAY, Kiths


def ok(run: Kiths, *args: str) -> str:
    """Run a command that must succeed; returns its stdout."""
    r = run(*args)
    assert r.exit_code == 0, f"kith {' '.join(args)} failed:\n{r.output}"
    assert "Traceback" not in r.output
    return r.stdout


def read(run: Kiths, *args: str) -> Any:
    """Run a read command with --json and parse what it printed."""
    return json.loads(ok(run, *args, "--json"))


def show(run: Kiths, who: str) -> dict[str, Any]:
    data: dict[str, Any] = read(run, "show", who, "--all")
    return data


def names(run: Kiths, *args: str) -> list[str]:
    return [p["name"] for p in read(run, "list", *args)]


@pytest.fixture
def trio(run: Kiths) -> Kiths:
    """Maya, Sam and Priya, added through the CLI."""
    ok(run, "add", "Maya López", "--interest", "mushroom packaging")
    ok(run, "add", "Sam Okafor", "--interest", "ceramics")
    ok(run, "add", "Priya Shah")
    return run


# -- people -----------------------------------------------------------------------------


def test_add_with_every_option(run: Kiths) -> None:
    ok(run, "add", "Priya Shah")
    out = ok(
        run,
        "add",
        "Maya López",
        "--pronouns",
        "she/her",
        "--met-how",
        "queued for the same oat flat white",
        "--met-where",
        "Lisbon",
        "--met-on",
        "2024-05-03",
        "--via",
        "priya",
        "--note",
        "Grows oyster mushrooms on coffee grounds.",
        "--birthday",
        "14 March",
        "--location",
        "Lisbon",
        "--timezone",
        "Europe/Lisbon",
        "--generation",
        "Gen Z",
        "--field",
        "design",
        "--org",
        "Mycel",
        "--title",
        "CEO",
        "--cadence",
        "3w",
        "--pancake",
        "yes",
        "--nickname",
        "Mo",
        "--interest",
        "Mushroom   Packaging: since 2019",
        "--interest",
        "bouldering",
        "--email",
        "maya@example.com",
        "--phone",
        "+351 912 345 678",
        "--url",
        "maya.example.com",
        "--handle",
        "@maya@social.example",
        "--tag",
        "Lisbon",
        "--tag",
        "design",
    )
    assert "Maya López" in out
    p = show(run, "maya")
    assert p["name"] == "Maya López"
    assert p["nickname"] == "Mo"
    assert p["pronouns"] == "she/her"
    assert p["interests"] == [
        {"phrase": "mushroom packaging", "note": "since 2019"},
        {"phrase": "bouldering", "note": None},
    ]
    assert p["met"] == {
        "how": "queued for the same oat flat white",
        "where": "Lisbon",
        "on": "2024-05-03",
        "through": "Priya Shah",
    }
    assert p["notes"] == "Grows oyster mushrooms on coffee grounds."
    assert p["birthday"]["date"] == "--03-14"
    assert p["birthday"]["next"] == "2027-03-14"
    assert p["location"] == "Lisbon"
    assert p["timezone"] == "Europe/Lisbon"
    assert p["generation"] == "Gen Z"
    assert p["field"] == "design"
    assert (p["org"], p["title"]) == ("Mycel", "CEO")
    assert p["cadence_days"] == 21
    assert p["pancake"] == "yes"
    assert p["tags"] == ["design", "lisbon"]
    assert [(c["kind"], c["value"]) for c in p["channels"]] == [
        ("email", "maya@example.com"),
        ("phone", "+351 912 345 678"),
        ("url", "https://maya.example.com"),
        ("handle", "@maya@social.example"),
    ]
    assert p["status"] == "active"
    assert p["moment_count"] == 0
    assert show(run, "mo")["name"] == "Maya López"


def test_add_tidies_the_name_and_says_so(run: Kiths) -> None:
    out = ok(run, "add", "  Maya   López ")
    assert names(run) == ["Maya López"]
    assert out.strip() == "Added Maya López [#1]."


def test_birthday_with_a_year(run: Kiths) -> None:
    ok(run, "add", "Sam Okafor", "--birthday", "1990-11-25")
    p = show(run, "sam")
    assert p["birthday"]["date"] == "1990-11-25"
    assert p["birthday"]["in_days"] == 4


@pytest.mark.parametrize(("cadence", "days"), [("14", 14), ("3w", 21), ("2m", 60), ("monthly", 30)])
def test_cadence_words(run: Kiths, cadence: str, days: int) -> None:
    ok(run, "add", "Sam Okafor", "--cadence", cadence)
    assert show(run, "sam")["cadence_days"] == days


def test_edit_changes_removes_and_clears(run: Kiths) -> None:
    ok(run, "add", "Priya Shah")
    ok(
        run,
        "add",
        "Maya López",
        "--via",
        "priya",
        "--location",
        "Lisbon",
        "--birthday",
        "--03-14",
        "--cadence",
        "monthly",
        "--pancake",
        "unsure",
        "--interest",
        "mushroom packaging",
        "--interest",
        "bouldering",
        "--email",
        "maya@example.com",
        "--phone",
        "+351 912 345 678",
        "--tag",
        "lisbon",
        "--tag",
        "design",
    )
    ok(
        run,
        "edit",
        "maya",
        "--name",
        "Maya López-Ortega",
        "--remove-interest",
        "Bouldering",
        "--interest",
        "kelp: new this year",
        "--remove-tag",
        "lisbon",
        "--tag",
        "porto",
        "--remove-channel",
        "+351 912 345 678",
        "--location",
        "",
        "--birthday",
        "",
        "--cadence",
        "",
        "--via",
        "",
        "--pancake",
        "yes",
    )
    p = show(run, "ortega")
    assert p["name"] == "Maya López-Ortega"
    assert p["interests"] == [
        {"phrase": "mushroom packaging", "note": None},
        {"phrase": "kelp", "note": "new this year"},
    ]
    assert p["tags"] == ["design", "porto"]
    assert [c["value"] for c in p["channels"]] == ["maya@example.com"]
    assert p["location"] is None
    assert p["birthday"] is None
    assert p["cadence_days"] is None
    assert p["met"]["through"] is None
    assert p["pancake"] == "yes"
    assert names(run) == ["Maya López-Ortega", "Priya Shah"]


def test_edit_leaves_unnamed_fields_alone(run: Kiths) -> None:
    ok(run, "add", "Maya López", "--location", "Lisbon", "--interest", "kelp", "--tag", "x")
    ok(run, "edit", "maya", "--pronouns", "she/her")
    p = show(run, "maya")
    assert (p["location"], p["pronouns"]) == ("Lisbon", "she/her")
    assert [i["phrase"] for i in p["interests"]] == ["kelp"]
    assert p["tags"] == ["x"]


# -- finding people -------------------------------------------------------------------


@pytest.mark.parametrize("query", ["maya", "lopez", "López", "LOPEZ", "may lop", "mya lopes"])
def test_fuzzy_lookup_finds_maya(trio: Kiths, query: str) -> None:
    assert show(trio, query)["name"] == "Maya López"


def test_lookup_by_id(trio: Kiths) -> None:
    sam = next(p for p in read(trio, "list") if p["name"] == "Sam Okafor")
    assert show(trio, f"#{sam['id']}")["name"] == "Sam Okafor"


def test_find_lists_several(trio: Kiths) -> None:
    ok(trio, "add", "Maya Chen", "--met-where", "Porto")
    ok(trio, "add", "Mayara Silva")
    rows = read(trio, "find", "maya")
    found = {r["name"] for r in rows}
    assert {"Maya López", "Maya Chen", "Mayara Silva"} <= found
    assert "Sam Okafor" not in found
    lopez = next(r for r in rows if r["name"] == "Maya López")
    assert lopez["interests"] == ["mushroom packaging"]
    text = ok(trio, "find", "maya")
    assert "1. " in text and "2. " in text and "3. " in text


# -- moments --------------------------------------------------------------------------


def test_log_several_people_topics_and_a_follow_up_due_friday(trio: Kiths) -> None:
    assert TODAY.weekday() == 5  # a Saturday, so "friday" is six days on
    out = ok(
        trio,
        "log",
        "maya",
        "sam",
        "coffee",
        "--energy",
        "+2",
        "--depth",
        "personal",
        "--initiated-by",
        "them",
        "--topic",
        "Mushroom Packaging",
        "--topic",
        "studio space",
        "--note",
        "Talked for two hours.",
        "--follow-up",
        "send the deck",
        "--due",
        "friday",
    )
    assert "2026-11-27" in out
    for who, other in (("maya", "Maya López"), ("sam", "Sam Okafor")):
        p = show(trio, who)
        assert p["moment_count"] == 1
        m = p["timeline"][0]
        assert m["date"] == TODAY.isoformat()
        assert m["kind"] == "coffee"
        assert m["energy"] == 2
        assert m["depth"] == "personal"
        assert m["initiated_by"] == "them"
        assert m["topics"] == ["mushroom packaging", "studio space"]
        assert m["notes"] == "Talked for two hours."
        assert m["with"] == [n for n in ("Maya López", "Sam Okafor") if n != other]
        assert [(f["text"], f["due"]) for f in p["follow_ups"]] == [("send the deck", "2026-11-27")]
    rows = read(trio, "follow-ups")
    assert sorted((r["person"], r["due"]) for r in rows) == [
        ("Maya López", "2026-11-27"),
        ("Sam Okafor", "2026-11-27"),
    ]


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("3 days ago", "2026-11-18"),
        ("yesterday", "2026-11-20"),
        ("2026-01-02", "2026-01-02"),
        ("tuesday", "2026-11-17"),
    ],
)
def test_log_on_a_past_day(trio: Kiths, when: str, day: str) -> None:
    ok(trio, "log", "maya", "walk", "--on", when)
    p = show(trio, "maya")
    assert p["timeline"][0]["date"] == day
    assert p["last_seen"] == day


def test_group_moment_on_every_timeline_and_in_list(trio: Kiths) -> None:
    ok(trio, "log", "maya", "sam", "priya", "meal", "--topic", "fermentation")
    ok(trio, "log", "maya", "call", "--on", "2 days ago")
    for who in ("maya", "sam", "priya"):
        kinds = [m["kind"] for m in show(trio, who)["timeline"]]
        assert "meal" in kinds
    assert show(trio, "maya")["timeline"][0]["with"] == ["Priya Shah", "Sam Okafor"]
    counts = {p["name"]: p["moments"] for p in read(trio, "list")}
    assert counts == {"Maya López": 2, "Sam Okafor": 1, "Priya Shah": 1}


def test_follow_ups_and_done(trio: Kiths) -> None:
    ok(trio, "log", "maya", "coffee", "--follow-up", "send the deck", "--due", "in 2 weeks")
    ok(trio, "log", "sam", "call", "--follow-up", "intro to Priya", "--due", "monday")
    rows = read(trio, "follow-ups")
    assert [(r["person"], r["due"]) for r in rows] == [
        ("Sam Okafor", "2026-11-23"),
        ("Maya López", "2026-12-05"),
    ]
    sam_id = rows[0]["id"]
    out = ok(trio, "done", str(sam_id))
    assert "intro to Priya" in out
    assert [r["person"] for r in read(trio, "follow-ups")] == ["Maya López"]
    everything = read(trio, "follow-ups", "--all")
    done = next(r for r in everything if r["id"] == sam_id)
    assert done["done"] == TODAY.isoformat()
    assert read(trio, "follow-ups", "sam") == []
    assert show(trio, "sam")["follow_ups"] == []


def test_outreach_then_replied(trio: Kiths) -> None:
    ok(trio, "log", "maya", "message", "--outreach", "forgiveness", "--on", "3 days ago")
    m = show(trio, "maya")["timeline"][0]
    assert (m["outreach_style"], m["reply_state"]) == ("forgiveness", "awaiting")
    assert m["replied_on"] is None
    assert m["initiated_by"] == "me"
    ok(trio, "replied", "maya", "--on", "yesterday")
    m = show(trio, "maya")["timeline"][0]
    assert (m["reply_state"], m["replied_on"]) == ("replied", "2026-11-20")


def test_outreach_replied_today_and_no_reply(trio: Kiths) -> None:
    ok(trio, "log", "maya", "message", "--outreach", "gratitude")
    ok(trio, "replied", "maya")
    assert show(trio, "maya")["timeline"][0]["replied_on"] == TODAY.isoformat()
    ok(trio, "log", "sam", "email", "--outreach", "check-in")
    ok(trio, "replied", "sam", "--no-reply")
    m = show(trio, "sam")["timeline"][0]
    assert (m["reply_state"], m["replied_on"]) == ("no_reply", None)


def test_ledger_balance(trio: Kiths) -> None:
    ok(trio, "gave", "maya", "intro", "--size", "large", "--note", "to the eco-resort people")
    ok(trio, "gave", "maya", "gift")
    ok(trio, "got", "maya", "advice", "--size", "medium", "--on", "yesterday")
    led = show(trio, "maya")["ledger"]
    assert (led["gave"], led["gave_size"]) == (2, 4)
    assert (led["received"], led["received_size"]) == (1, 2)
    assert led["net"] == -2
    assert led["words"] == "you have given more"
    recent = {(e["direction"], e["kind"], e["size"], e["date"]) for e in led["recent"]}
    assert recent == {
        ("gave", "intro", "large", TODAY.isoformat()),
        ("gave", "gift", "small", TODAY.isoformat()),
        ("received", "advice", "medium", "2026-11-20"),
    }
    assert show(trio, "sam")["ledger"]["words"] == "nothing exchanged yet"


def test_intro_full_flow(trio: Kiths) -> None:
    out = ok(trio, "intro", "maya", "sam", "--reason", "both obsessed with fungi")
    assert "Maya López" in out and "Sam Okafor" in out
    [row] = read(trio, "intro", "list")
    iid = str(row["id"])
    assert row["status"] == "proposed" and row["reason"] == "both obsessed with fungi"
    ok(trio, "intro", "agree", iid, "maya")
    [row] = read(trio, "intro", "list")
    assert row["status"] == "proposed"
    assert row["a_agreed_on"] == TODAY.isoformat() and row["b_agreed_on"] is None
    ok(trio, "intro", "agree", iid, "sam")
    assert read(trio, "intro", "list")[0]["status"] == "agreed"
    ok(trio, "intro", "made", iid)
    [row] = read(trio, "intro", "list")
    assert (row["status"], row["made_on"]) == ("made", TODAY.isoformat())
    ok(trio, "intro", "outcome", iid, "they started a studio")
    [row] = read(trio, "intro", "list", "sam")
    assert (row["status"], row["outcome"]) == ("closed", "they started a studio")
    intros = show(trio, "maya")["introductions"]
    assert intros == [
        {
            "id": row["id"],
            "between": ["Maya López", "Sam Okafor"],
            "status": "closed",
            "outcome": "they started a studio",
        }
    ]
    assert read(trio, "intro", "list", "priya") == []


def test_intro_decline(trio: Kiths) -> None:
    ok(trio, "intro", "maya", "priya")
    ok(trio, "intro", "decline", "1")
    assert read(trio, "intro", "list")[0]["status"] == "declined"


def test_opportunity_chain_keeps_its_order(trio: Kiths) -> None:
    ok(
        trio,
        "opportunity",
        "Packaging contract",
        "--kind",
        "client",
        "--via",
        "sam",
        "--via",
        "maya",
        "--value",
        "4",
        "--on",
        "2026-10-01",
        "--note",
        "via the market",
    )
    ok(
        trio,
        "opportunity",
        "Studio share",
        "--kind",
        "collaboration",
        "--via",
        "priya",
        "--via",
        "sam",
        "--via",
        "maya",
    )
    rows = read(trio, "opportunities")
    assert [r["title"] for r in rows] == ["Studio share", "Packaging contract"]
    assert rows[1]["chain"] == ["Sam Okafor", "Maya López"]
    assert rows[0]["chain"] == ["Priya Shah", "Sam Okafor", "Maya López"]
    assert (rows[1]["kind"], rows[1]["value"]) == ("client", 4)
    assert rows[1]["occurred_on"] == "2026-10-01"
    assert [o["title"] for o in show(trio, "priya")["opportunities"]] == ["Studio share"]


def test_save_and_saved(trio: Kiths) -> None:
    ok(
        trio,
        "save",
        "https://example.com/mycelium-bricks",
        "--topic",
        "Mushroom Packaging",
        "--topic",
        "architecture",
    )
    ok(trio, "save", "ask Sam about the kiln", "--on", "yesterday")
    rows = read(trio, "saved")
    assert len(rows) == 2
    link = next(r for r in rows if r["kind"] == "link")
    assert link["url"] == "https://example.com/mycelium-bricks"
    assert link["topics"] == ["architecture", "mushroom packaging"]
    assert link["saved_on"] == TODAY.isoformat()
    note = next(r for r in rows if r["kind"] == "note")
    assert note["text"] == "ask Sam about the kiln"
    assert (note["saved_on"], note["topics"]) == ("2026-11-20", [])


# -- status ---------------------------------------------------------------------------


def _status(run: Kiths, name: str, *extra: str) -> str:
    rows = read(run, *extra, "list")
    return str(next(p["status"] for p in rows if p["name"] == name))


def test_snooze_lapses_on_its_own(trio: Kiths) -> None:
    out = ok(trio, "snooze", "maya", "--until", "in 2 weeks")
    assert "2026-12-05" in out
    assert _status(trio, "Maya López") == "snoozed"
    p = show(trio, "maya")
    assert (p["status"], p["snoozed_until"]) == ("snoozed", "2026-12-05")
    assert [p["name"] for p in read(trio, "list", "--status", "snoozed")] == ["Maya López"]
    assert _status(trio, "Maya López", "--today", "2026-12-05") == "active"
    assert _status(trio, "Maya López", "--today", "2027-01-01") == "active"
    assert _status(trio, "Maya López", "--today", "2026-12-04") == "snoozed"


def test_release_keeps_the_person_and_unrelease(trio: Kiths) -> None:
    ok(trio, "log", "maya", "coffee", "--topic", "kelp")
    ok(trio, "release", "maya", "--note", "we grew apart, kindly")
    assert "Maya López" in names(trio)
    p = show(trio, "maya")
    assert (p["status"], p["released_on"], p["release_note"]) == (
        "released",
        TODAY.isoformat(),
        "we grew apart, kindly",
    )
    assert p["moment_count"] == 1
    assert names(trio, "--status", "released") == ["Maya López"]
    assert "Maya López" not in names(trio, "--status", "active")
    ok(trio, "unrelease", "maya")
    p = show(trio, "maya")
    assert (p["status"], p["released_on"], p["release_note"]) == ("active", None, None)
    assert "Maya López" in names(trio, "--status", "active")


def test_forget_keeps_shared_moments_for_the_others(trio: Kiths) -> None:
    ok(trio, "log", "maya", "sam", "meal", "--topic", "ceramics")
    ok(trio, "log", "maya", "coffee", "--follow-up", "send the deck")
    ok(trio, "gave", "maya", "gift")
    out = ok(trio, "forget", "maya", "--yes")
    assert "Maya López" in out
    assert names(trio) == ["Priya Shah", "Sam Okafor"]
    assert trio("show", "maya").exit_code != 0
    sam = show(trio, "sam")
    assert sam["moment_count"] == 1
    assert sam["timeline"][0]["kind"] == "meal"
    assert sam["timeline"][0]["with"] == []
    assert sam["timeline"][0]["topics"] == ["ceramics"]
    assert read(trio, "follow-ups", "--all") == []


# -- the database ---------------------------------------------------------------------


def test_db_path(run: Kiths, db_url: str, tmp_path: Path) -> None:
    data = read(run, "db", "path")
    assert data["url"] == db_url
    if PG_URL:
        assert data["path"] is None
        return
    assert data["path"] == str(tmp_path / "kith.db")
    assert ok(run, "db", "path").strip() == str(tmp_path / "kith.db")


def test_db_backup_and_restore_round_trip(trio: Kiths, tmp_path: Path) -> None:
    """SQLite backs up the file; PostgreSQL backs up (and restores) the account as JSON."""
    backup = tmp_path / "backups" / "kith-backup.db"
    out = ok(trio, "db", "backup", str(backup))
    assert str(backup) in out
    assert backup.is_file()
    ok(trio, "add", "Late Arrival")
    ok(trio, "log", "maya", "coffee")
    assert "Late Arrival" in names(trio)
    out = ok(trio, "db", "restore", str(backup), "--yes")
    assert "Restored" in out
    assert names(trio) == ["Maya López", "Priya Shah", "Sam Okafor"]
    assert show(trio, "maya")["moment_count"] == 0
    kept = list(tmp_path.rglob("*.before-restore-*"))
    assert len(kept) == 1, list(tmp_path.iterdir())
    assert str(kept[0]) in out
    if PG_URL:  # the kept copy is this account's JSON as it was before the restore
        assert "Late Arrival" in kept[0].read_text(encoding="utf-8")
        return
    # the kept copy is the database as it was just before the restore
    from kithkin.services.context import open_kith
    from kithkin.services.people import list_people

    before = open_kith(f"sqlite:///{kept[0]}", today=TODAY)
    try:
        assert "Late Arrival" in [p["name"] for p in list_people(before)]
    finally:
        before.engine.dispose()


def test_export_then_import_into_another_database(trio: Kiths, tmp_path: Path) -> None:
    ok(trio, "log", "maya", "sam", "coffee", "--topic", "kelp", "--follow-up", "call back")
    out = tmp_path / "export.json"
    ok(trio, "export", "-o", str(out))
    other = Kiths(f"sqlite:///{tmp_path / 'other.db'}")
    ok(other, "import", str(out))
    assert names(other) == names(trio)
    assert show(other, "maya")["timeline"][0]["topics"] == ["kelp"]
    assert len(read(other, "follow-ups")) == 2


# -- every read command speaks JSON ---------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["show", "maya"],
        ["show", "maya", "--all"],
        ["list"],
        ["list", "--tag", "lisbon"],
        ["list", "--status", "active"],
        ["find", "maya"],
        ["find", "nobody-here-at-all"],
        ["follow-ups"],
        ["follow-ups", "maya", "--all"],
        ["intro", "list"],
        ["intro", "list", "sam"],
        ["opportunities"],
        ["saved"],
        ["db", "path"],
    ],
    ids=lambda a: "-".join(a),
)
def test_every_read_command_prints_json(trio: Kiths, args: list[str]) -> None:
    ok(trio, "edit", "maya", "--tag", "lisbon", "--birthday", "1990-03-14")
    ok(
        trio,
        "log",
        "maya",
        "sam",
        "coffee",
        "--energy",
        "1",
        "--follow-up",
        "deck",
        "--due",
        "friday",
    )
    ok(trio, "gave", "maya", "intro")
    ok(trio, "intro", "maya", "sam")
    ok(trio, "opportunity", "Contract", "--kind", "client", "--via", "sam")
    ok(trio, "save", "https://example.com", "--topic", "kelp")
    r = trio(*args, "--json")
    assert "Traceback" not in r.output
    data = json.loads(r.stdout)
    assert isinstance(data, (dict, list))
    if args[0] == "find" and args[1].startswith("nobody"):
        assert data == []
    elif args[0] not in ("db",):
        assert data, f"{args} printed no data"


def test_each_run_closes_its_database_connections(
    run: Kiths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-lived caller (tests, the web app) must not leak one pool per command."""
    from sqlalchemy.engine import Engine

    disposed: list[Engine] = []
    original = Engine.dispose

    def spy(self: Engine, close: bool = True) -> None:
        disposed.append(self)
        original(self, close)

    monkeypatch.setattr(Engine, "dispose", spy)
    for _ in range(3):
        ok(run, "list")
    assert len({id(e) for e in disposed}) == 3
