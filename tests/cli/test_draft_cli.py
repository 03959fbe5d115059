"""`kith draft` and `kith sent` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, Kiths
from kithkin.storage.database import sqlite_url


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KITH_HOME", str(home))
        from kithkin.demo import build_demo

        path, _ = build_demo(TODAY)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Kiths:
    """`kith ...` on a fresh copy of the demo network."""
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_file, copy)
    return Kiths(sqlite_url(copy))


def _fails_cleanly(result: object, *needles: str) -> str:
    out = str(getattr(result, "output", ""))
    assert getattr(result, "exit_code", 0) != 0, out
    assert "Traceback" not in out
    assert out.startswith("kith: ") and out.count("\n") == 1, out
    for needle in needles:
        assert needle in out, out
    return out


def test_draft_prints_the_message_its_lint_and_how_to_record_it(demo: Kiths) -> None:
    r = demo("draft", "reopener", "margaret")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "To: Margaret Osei"
    assert lines[1] == "Subject: Still up for AI ethics?"
    assert "I promised to send you the AI ethics reading list" in r.output
    assert "lint: clean" in r.output
    assert lines[-1] == 'when you send it: kith sent "Margaret Osei" --style reopener'


def test_draft_json(demo: Kiths) -> None:
    r = demo("draft", "checkin", "hana", "--json")
    data = json.loads(r.output)
    assert data["kind"] == "checkin" and data["to"] == ["Hana Sato"]
    assert data["subject"] == "Saw this and thought of you"
    assert "notes of burn rate" in data["body"]
    assert data["lint"] == []
    assert data["template"].endswith("checkin.txt.j2")


def test_intro_shows_two_notes_and_propose_records_it(demo: Kiths) -> None:
    r = demo("draft", "intro", "maya", "theo")
    assert r.exit_code == 0, r.output
    assert "To Maya López:" in r.output and "To Theo Marsh:" in r.output
    assert r.output.count("would you like an introduction to") == 2
    assert r.output.count("lint: clean") == 2
    assert 'kith sent "Maya López" "Theo Marsh" --style intro' in r.output
    assert "Maya López ↔ Theo" not in demo("intro", "list").output

    r = demo("draft", "intro", "maya", "theo", "--propose", "--json")
    data = json.loads(r.output)
    assert [n["to"] for n in data["notes"]] == ["Maya López", "Theo Marsh"]
    assert all(n["lint"] == [] for n in data["notes"])
    intros = json.loads(demo("intro", "list", "maya", "--json").output)
    made = next(i for i in intros if i["id"] == data["intro_id"])
    assert made["status"] == "proposed"
    assert {made["a_name"], made["b_name"]} == {"Maya López", "Theo Marsh"}


def test_office_hours_from_the_command_line(demo: Kiths) -> None:
    r = demo(
        "draft",
        "office-hours",
        "maya",
        "--with",
        "dana",
        "--with",
        "kai",
        "--on",
        "2026-11-28",
        "--at",
        "10:00",
        "--where",
        "my kitchen island",
    )
    assert r.exit_code == 0, r.output
    assert "To: Maya López, Dana Whitfield, Kai Nguyen" in r.output
    assert "on Saturday 28 November at 10:00 at my kitchen island" in r.output
    assert "lint: clean" in r.output
    _fails_cleanly(demo("draft", "office-hours", "maya"), "2 or 3 people")
    _fails_cleanly(
        demo("draft", "office-hours", "maya", "--with", "dana", "--at", "teatime"), "10:00"
    )


def test_cold_refuses_without_an_answer(demo: Kiths) -> None:
    out = _fails_cleanly(demo("draft", "cold", "jordan"), "--because")
    assert "What, genuinely, interests you about Jordan Ellis's work?" in out
    assert "Subject" not in out
    _fails_cleanly(demo("draft", "cold", "jordan", "--because", "  "), "intention check")


def test_cold_asks_the_question_when_interactive(
    demo: Kiths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kithkin.cli.draft_cmds as cmds

    monkeypatch.setattr(cmds, "_stdin_is_tty", lambda: True)
    r = demo("draft", "cold", "jordan", input="your paper on consent in recommender systems\n")
    assert r.exit_code == 0, r.output
    assert "What, genuinely, interests you about Jordan Ellis's work?" in r.output
    assert "Your paper on consent in recommender systems." in r.output
    assert "lint: clean" in r.output
    r = demo("draft", "cold", "jordan", input="\n")
    assert r.exit_code != 0 and "Subject" not in r.output and "Traceback" not in r.output


def test_cold_with_because(demo: Kiths) -> None:
    r = demo("draft", "cold", "jordan", "--because", "your talk on consent", "--plain")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Hi Jordan,\n\nYour talk on consent.")
    assert "lint" not in r.output and "Subject" not in r.output


def test_a_user_template_is_used(demo: Kiths, _isolated_home: Path) -> None:
    mine = _isolated_home / "templates" / "drafts"
    mine.mkdir(parents=True)
    (mine / "followup.txt.j2").write_text(
        "Thanks for {{ moment.thanks_for }}, {{ first_name }}! {{ topic }} was a gift.",
        encoding="utf-8",
    )
    r = demo("draft", "followup", "dana", "--plain")
    assert r.output.strip() == "Thanks for the meal, Dana! burnout recovery was a gift."
    listing = demo("draft", "--templates").output
    assert f"followup      yours    {mine / 'followup.txt.j2'}" in listing
    assert "reopener      default" in listing


def test_a_user_template_with_only_a_greeting_fails_strict(
    demo: Kiths, _isolated_home: Path
) -> None:
    mine = _isolated_home / "templates" / "drafts"
    mine.mkdir(parents=True)
    (mine / "checkin.txt.j2").write_text("Subject: hi\n\nHello!", encoding="utf-8")
    r = demo("draft", "checkin", "hana")
    assert r.exit_code == 0
    assert "error naked-greeting" in r.output
    assert demo("draft", "checkin", "hana", "--strict").exit_code == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [("Hi {{ first_name }}, {% endif %}", "line 1"), ("{{ nobody_knows }}", "is undefined")],
)
def test_a_broken_user_template_is_one_clear_line(
    demo: Kiths, _isolated_home: Path, text: str, problem: str
) -> None:
    mine = _isolated_home / "templates" / "drafts"
    mine.mkdir(parents=True)
    (mine / "reopener.txt.j2").write_text(text, encoding="utf-8")
    _fails_cleanly(
        demo("draft", "reopener", "margaret"), str(mine / "reopener.txt.j2"), problem, "default"
    )


def test_copy_templates(run: Kiths, _isolated_home: Path) -> None:
    r = run("draft", "--copy-templates")
    assert r.exit_code == 0, r.output
    copied = sorted(p.name for p in (_isolated_home / "templates" / "drafts").iterdir())
    assert copied == sorted(
        f"{k}.txt.j2" for k in ("reopener", "checkin", "intro", "office-hours", "followup", "cold")
    )
    assert "kept" in run("draft", "--copy-templates").output


def test_unknown_kind_and_person(demo: Kiths) -> None:
    _fails_cleanly(demo("draft", "letter", "maya"), "not a kind of draft", "reopener")
    _fails_cleanly(demo("draft", "checkin", "nobody-at-all"), "nobody called")
    _fails_cleanly(demo("draft", "checkin"), "say who")
    _fails_cleanly(demo("draft", "checkin", "maya", "--because", "x"), "not an option")
    r = demo("draft")
    assert r.exit_code == 0 and "KIND is one of" in r.output


def test_sent_records_outreach_counted_in_insights(demo: Kiths) -> None:
    def sent_in_style(style: str) -> int:
        data = json.loads(demo("insights", "--section", "replies", "--json").output)
        rows = data["replies"]["styles"]
        return next((r["sent"] for r in rows if r["style"] == style), 0)

    assert sent_in_style("reopener") == 0
    r = demo("sent", "margaret", "--style", "reopener", "--note", "the list, at last")
    assert r.exit_code == 0, r.output
    assert "Sent to Margaret Osei on 2026-11-21 (reopener); awaiting a reply." in r.output
    assert 'kith replied "Margaret Osei"' in r.output
    moment = json.loads(demo("show", "margaret", "--json").output)["timeline"][0]
    assert moment["kind"] == "message" and moment["outreach_style"] == "reopener"
    assert moment["initiated_by"] == "me" and moment["reply_state"] == "awaiting"
    assert moment["notes"] == "the list, at last"
    assert sent_in_style("reopener") == 1

    r = demo("sent", "ava", "theo", "--style", "intro", "--on", "yesterday", "--kind", "email")
    assert r.exit_code == 0, r.output
    assert r.output.count("awaiting a reply") == 2
    assert sent_in_style("intro") == 2
    assert demo("replied", "ava").exit_code == 0


def test_sent_errors_change_nothing(demo: Kiths) -> None:
    before = json.loads(demo("show", "ava", "--json").output)["moment_count"]
    _fails_cleanly(demo("sent", "ava", "nobody-at-all", "--style", "intro"), "nobody called")
    _fails_cleanly(demo("sent", "ava", "--style", "checkin", "--on", "next year"), "date")
    assert json.loads(demo("show", "ava", "--json").output)["moment_count"] == before
    r = demo("sent", "ava")
    assert r.exit_code != 0 and "--style" in r.output
