"""The README's walkthrough runs as written, in order, on a fresh database."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import Kiths

README = Path(__file__).parent.parent / "README.md"


def walkthrough() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    after = text.split("Then start your own network", 1)[1]
    block = re.search(r"```sh\n(.*?)```", after, re.S)
    assert block is not None
    joined = block.group(1).replace("\\\n", " ")
    commands = [shlex.split(line, comments=True) for line in joined.splitlines()]
    return [c for c in commands if c]


def test_the_walkthrough_runs_as_written(
    run: Kiths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # files the walkthrough writes land here
    commands = walkthrough()
    assert len(commands) > 15 and all(c[0] == "kith" for c in commands)
    for args in commands:
        result = run(*args[1:])
        assert result.exit_code == 0, (args, result.output)
    today = run("today")
    assert "Today" in today.output
    assert (tmp_path / "contacts.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 3
    assert b"BEGIN:VEVENT" in (tmp_path / "kithkin.ics").read_bytes()
