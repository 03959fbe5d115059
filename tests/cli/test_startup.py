"""`kith` commands import only what they use (the speed itself is measured in bench/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("fastapi", "onnxruntime", "numpy", "vobject", "alembic", "uvicorn", "starlette")


def imported_modules(*args: str, env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kithkin", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize(
    "command",
    [["show", "maya"], ["find", "may"], ["log", "maya", "coffee", "--energy", "1"], ["list"]],
)
def test_everyday_commands_do_not_import_heavy_modules(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "k.db"
    env = {**os.environ, "KITH_HOME": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "kithkin", "--db", str(db), "add", "Maya López"],
        check=True,
        env=env,
        capture_output=True,
    )
    loaded = imported_modules("--db", str(db), *command, env=env)
    assert "sqlalchemy" in loaded  # the check itself works
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
