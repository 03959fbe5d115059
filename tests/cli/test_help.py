"""Every command explains itself; `kith` alone shows the overview."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from kithkin.cli.main import cli


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(all_commands(cmd, (*prefix, name)))
    return out


def test_kith_alone_prints_the_overview() -> None:
    r = subprocess.run([sys.executable, "-m", "kithkin"], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout.startswith("Usage: kith")
    assert "kith demo" in r.stdout


@pytest.mark.parametrize("path", all_commands(cli), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    cmd: click.Command = cli
    for part in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[part]
    assert cmd.help and len(cmd.help.split()) >= 4, path
    r = click.testing.CliRunner().invoke(cli, [*path, "--help"], prog_name="kith")
    assert r.exit_code == 0 and "Usage: kith" in r.output
