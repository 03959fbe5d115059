"""`kith lint` through the real entry point: exit codes, JSON, stdin and files, mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import Kiths, _entry

GOOD = (
    "Hi Maya, I read your piece on mushroom packaging and thought of the talk you gave. "
    "Would you have 15 minutes next week to tell me what surprised you most?"
)
WARNED = (
    "Hi Maya, I read your piece on mushroom packaging and loved the bit about wine glasses. "
    "Would you be up for a coffee sometime to swap notes?"
)
NAKED = "Hello!"


def kith(*args: str, input: str | bytes | None = None) -> Result:
    """`kith ARGS` without --db: lint must never need a database."""
    return CliRunner().invoke(_entry, list(args), input=input, catch_exceptions=False)


def one_error_line(result: Result, *needles: str) -> str:
    assert "Traceback" not in result.output
    assert result.exit_code not in (0, 1, 2), result.output  # not a lint verdict
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kith: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert result.stdout == ""
    return lines[0]


def test_a_clean_message_exits_0(run: Kiths) -> None:
    result = run("lint", "-", input=GOOD)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Clean: nothing to fix."


def test_warnings_exit_1_with_the_principle(run: Kiths) -> None:
    result = run("lint", input=WARNED)  # no argument: stdin
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["warning", "no-time-bound"]
    assert any(line.startswith("    why: ") and "fifteen minutes" in line for line in lines)
    assert lines[-1] == "1 warning."


def test_errors_exit_2_and_come_first(run: Kiths) -> None:
    text = "Hi Maya, I saw your profile. Could we hop on a call?"
    result = run("lint", "-", input=text)
    assert result.exit_code == 2, result.output
    rows = [line.split()[:2] for line in result.stdout.splitlines() if not line.startswith(" ")]
    severities = [r[0] for r in rows[:-1]]
    assert severities == sorted(severities, key=["error", "warning"].index)
    assert ["error", "pick-your-brain"] in rows and ["error", "ask-without-interest"] in rows
    assert "    why: " in result.stdout and result.stdout.rstrip().endswith("warnings.")


def test_a_naked_greeting_is_reported_with_its_principle(run: Kiths) -> None:
    result = run("lint", input=NAKED)
    assert result.exit_code == 2
    first, *rest = result.stdout.splitlines()
    assert first.split()[:2] == ["error", "naked-greeting"]
    assert "    why: A bare greeting makes them do the work of asking why you wrote" in rest[1]


def test_json_has_findings_exit_code_and_words(run: Kiths) -> None:
    result = run("lint", "--json", "-", input=WARNED)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "exit_code", "words"}
    assert data["exit_code"] == 1 and data["words"] == len(WARNED.split()) == 27
    (finding,) = data["findings"]
    assert set(finding) == {"code", "severity", "message", "principle", "excerpt"}
    assert finding["code"] == "no-time-bound" and finding["severity"] == "warning"
    assert "coffee" in finding["excerpt"]
    clean = json.loads(run("lint", "--json", input=GOOD).stdout)
    assert clean == {"findings": [], "exit_code": 0, "words": len(GOOD.split())}


def test_a_file_argument(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Bonjour !\n", encoding="utf-8")
    result = kith("lint", str(draft))
    assert result.exit_code == 2 and "naked-greeting" in result.stdout
    draft.write_text("\ufeff" + GOOD, encoding="utf-8")  # a byte-order mark is fine
    assert kith("lint", str(draft)).exit_code == 0
    draft.write_text(GOOD, encoding="utf-16")  # as Windows editors save it, with its BOM
    assert kith("lint", str(draft)).exit_code == 0


def test_follow_up_turns_off_first_contact_checks(tmp_path: Path) -> None:
    text = (
        "Hi Kenji, I'm looking for my first role in data. Could you refer me to your hiring "
        "manager? A two-line email would be plenty."
    )
    assert kith("lint", "-", input=text).exit_code == 2  # ask-without-interest
    for flag in ("--follow-up", "--not-first"):
        result = kith("lint", flag, "-", input=text)
        assert result.exit_code == 0, result.output


def test_a_missing_file_is_one_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    line = one_error_line(kith("lint", str(missing)), str(missing), "no such file")
    assert line == f"kith: {missing}: no such file"


def test_a_binary_file_is_one_clear_line(tmp_path: Path) -> None:
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    one_error_line(kith("lint", str(blob)), str(blob), "binary")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Hola, ¿qué tal?".encode("latin-1"))
    one_error_line(kith("lint", str(latin1)), str(latin1), "not UTF-8")


def test_a_folder_and_an_empty_message_are_clear_errors(tmp_path: Path) -> None:
    one_error_line(kith("lint", str(tmp_path)), str(tmp_path), "folder")
    one_error_line(kith("lint", "-", input="  \n"), "stdin", "empty")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    one_error_line(kith("lint", str(empty)), str(empty), "empty")


def test_lint_never_creates_a_database(tmp_path: Path) -> None:
    home = Path(os.environ["KITH_HOME"])
    for args in (["lint", "-"], ["lint", "--json", "-"], ["lint", "--follow-up"]):
        kith(*args, input=WARNED)
    kith("lint", str(tmp_path / "missing.txt"))
    assert not (home / "kith.db").exists()
    assert not home.exists() or not any(home.iterdir())


def test_lint_runs_as_a_subprocess_without_heavy_imports(tmp_path: Path) -> None:
    """The real console path: stdin piped, the verdict in the exit code, nothing heavy."""
    env = {**os.environ, "KITH_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kithkin", "lint", "-"],
        input=NAKED.encode(),
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert b"naked-greeting" in done.stdout
    loaded = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.decode().splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "kithkin" in loaded  # the check itself works
    assert not loaded & {"sqlalchemy", "rich", "alembic", "platformdirs", "rapidfuzz"}
    assert not (tmp_path / "home").exists()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_names_the_exit_codes(flag: str) -> None:
    result = kith("lint", flag)
    assert result.exit_code == 0
    assert "0 clean, 1 warnings, 2 errors" in result.stdout
