"""Shell completion offers commands and people's names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def complete(words: str, env_extra: dict[str, str]) -> list[str]:
    env = {
        **os.environ,
        **env_extra,
        "_KITH_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    code = "from kithkin.cli.main import cli; cli(prog_name='kith')"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    ).stdout
    return [line.split(",", 1)[1] for line in out.splitlines() if "," in line]


def test_completes_commands_and_names(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    subprocess.run(
        [sys.executable, "-m", "kithkin", "--db", db, "add", "Maya López"],
        check=True,
        capture_output=True,
    )
    assert "follow-ups" in complete("kith fol", {})
    assert complete(f"kith --db {db} show ma", {}) == ["Maya López"]
