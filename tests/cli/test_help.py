"""Every command explains itself; `kith` alone shows the overview."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from kithkin.cli.main import cli


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    out = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
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
        found = cmd.get_command(click.Context(cmd), part)
        assert found is not None
        cmd = found
    assert cmd.help and len(cmd.help.split()) >= 4, path
    r = click.testing.CliRunner().invoke(cli, [*path, "--help"], prog_name="kith")
    assert r.exit_code == 0 and "Usage: kith" in r.output


def test_every_command_defined_is_reachable() -> None:
    from importlib import import_module

    from kithkin.cli.main import COMMANDS

    reachable = {(m, a) for m, a in COMMANDS.values()}
    for module in {m for m, _ in COMMANDS.values()}:
        mod = import_module(f"kithkin.cli.{module}")
        nested = {
            id(c)
            for v in vars(mod).values()
            if isinstance(v, click.Group)
            for c in v.commands.values()
        }
        defined = {
            (module, name)
            for name, value in vars(mod).items()
            if isinstance(value, click.Command) and id(value) not in nested
        }
        assert defined <= reachable, defined - reachable
