"""`kith user` and `kith token`: accounts for a shared server, tokens for scripts."""

from __future__ import annotations

import sys

import click

from kithkin.cli.common import emit_json, json_option


def _engine(ctx: click.Context):  # type: ignore[no-untyped-def]
    return ctx.find_root().obj.kith().engine


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise click.UsageError("no terminal to ask for a password: use --password-stdin")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


password_stdin = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)


@click.group()
def user() -> None:
    """Accounts that can log in to `kith serve`."""


@user.command("add")
@click.argument("name")
@password_stdin
@click.pass_context
def user_add(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Add an account NAME that logs in with a password (asked twice).

    `kith user add local` gives a password to the account the CLI itself uses, so your
    own data can be reached through a server that requires logging in.
    """
    from kithkin.services import accounts

    engine = _engine(ctx)
    accounts.check_name(name)
    created = accounts.add_user(engine, name, _password(password_stdin))
    click.echo(f"{'added' if created else 'gave a password to'} {name}")


@user.command("passwd")
@click.argument("name")
@password_stdin
@click.pass_context
def user_passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (their open sessions end)."""
    from kithkin.services import accounts

    accounts.set_password(_engine(ctx), name, _password(password_stdin))
    click.echo(f"new password set for {name}")


@user.command("list")
@json_option
@click.pass_context
def user_list(ctx: click.Context, as_json: bool) -> None:
    """Every account, and whether it can log in."""
    from kithkin.services import accounts

    found = accounts.users(_engine(ctx))
    if as_json:
        emit_json(found)
        return
    for u in found:
        can = "can log in" if u["can_log_in"] else "no password (CLI only)"
        click.echo(f"{u['name']}\t{can}")


@user.command("remove")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def user_remove(ctx: click.Context, name: str, yes: bool) -> None:
    """Delete account NAME and every record it holds."""
    from kithkin.services import accounts

    engine = _engine(ctx)
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("this deletes everything of the account: add --yes")
        click.confirm(f"Delete {name} and all their people and moments?", abort=True)
    accounts.remove_user(engine, name)
    click.echo(f"removed {name}")


@click.group()
def token() -> None:
    """API tokens for scripts: `Authorization: Bearer <token>` on /api/v1."""


@token.command("add")
@click.argument("label")
@click.option("--user", "name", default="local", show_default=True, help="Account it acts for.")
@click.pass_context
def token_add(ctx: click.Context, label: str, name: str) -> None:
    """Make a token called LABEL; it is shown once, so keep it."""
    from kithkin.services import accounts

    click.echo(accounts.add_token(_engine(ctx), name, label))


@token.command("list")
@click.option("--user", "name", default="local", show_default=True)
@json_option
@click.pass_context
def token_list(ctx: click.Context, name: str, as_json: bool) -> None:
    """The account's tokens (their names and when they were last used)."""
    from kithkin.services import accounts

    found = accounts.tokens(_engine(ctx), name)
    if as_json:
        emit_json(found)
        return
    for t in found:
        used = t["last_used_at"].isoformat(" ") if t["last_used_at"] else "never used"
        click.echo(f"{t['name']}\tcreated {t['created_at'].date().isoformat()}\t{used}")


@token.command("revoke")
@click.argument("label")
@click.option("--user", "name", default="local", show_default=True)
@click.pass_context
def token_revoke(ctx: click.Context, label: str, name: str) -> None:
    """Revoke the token called LABEL."""
    from kithkin.services import accounts

    accounts.revoke_token(_engine(ctx), name, label)
    click.echo(f"revoked {label}")
