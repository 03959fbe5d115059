"""`kith db path / upgrade / backup / restore`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kithkin.cli.common import emit_json, json_option, kith_of


@click.group()
def db() -> None:
    """Where your data lives, upgrades, backups."""


@db.command()
@json_option
@click.pass_context
def path(ctx: click.Context, as_json: bool) -> None:
    """Print where the database is."""
    from kithkin.storage.database import resolve_url, sqlite_path

    state = ctx.find_root().obj
    url = resolve_url(state.db, demo=state.demo)
    file = sqlite_path(url)
    if as_json:
        emit_json({"url": url, "path": str(file) if file else None})
        return
    if file:
        click.echo(str(file))
    else:
        from sqlalchemy.engine import make_url

        click.echo(make_url(url).render_as_string(hide_password=True))


@db.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Bring the database schema up to date (also happens on first use)."""
    from kithkin.storage.database import SCHEMA_HEAD, current_revision

    kith = kith_of(ctx)
    click.echo(f"Schema at revision {current_revision(kith.engine) or SCHEMA_HEAD} (newest).")


@db.command(name="backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_cmd(ctx: click.Context, file: Path) -> None:
    """Write a consistent copy of the database to FILE, even while it is in use."""
    from kithkin.services.backup import backup

    kind = backup(kith_of(ctx), file)
    click.echo(
        f"Backed up to {file}" + (" (JSON export of this account)." if kind == "json" else ".")
    )


@db.command(name="restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def restore_cmd(ctx: click.Context, file: Path, yes: bool) -> None:
    """Replace the database with a backup (the current one is kept beside it)."""
    from kithkin.services.backup import restore

    if not yes:
        if not sys.stdin.isatty():
            from kithkin.domain.errors import KithError

            raise KithError("restoring replaces your data: add --yes to confirm")
        click.confirm("Replace the current database with this backup?", abort=True)
    saved = restore(kith_of(ctx), file)
    click.echo(f"Restored from {file}. What was there before is kept at {saved}.")
