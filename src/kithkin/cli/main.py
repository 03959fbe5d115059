"""The ``kith`` entry point: global options, the command groups, one-line errors.

Only click is imported at start-up; each command imports the services it needs, so
``kith show`` never pays for the web app, the embedding model or the vCard parser.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from kithkin import __version__

if TYPE_CHECKING:
    from kithkin.services.context import Kith


class State:
    """What the global options chose; the database opens on first use."""

    def __init__(
        self, db: str | None, demo: bool, today: date | None, account: str | None = None
    ) -> None:
        self.db = db
        self.demo = demo
        self.today = today
        self.account = account
        self._kith: Kith | None = None

    def close(self) -> None:
        """Close the database connections (a long-lived caller must not leak them)."""
        if self._kith is not None:
            for notice in self._kith.notices:  # said once per run, after the output
                click.echo(f"note: {notice}", err=True)
            self._kith.engine.dispose()
            self._kith = None

    def kith(self) -> Kith:
        """The open database (created and migrated on first use)."""
        if self._kith is None:
            from kithkin.services.context import open_kith

            if self.demo:
                from kithkin.domain.errors import KithError
                from kithkin.storage.database import DEMO_FILENAME, data_dir

                if not (data_dir() / DEMO_FILENAME).exists():
                    raise KithError("there is no demo network yet: run `kith demo` first")

            if self.account:
                self._kith = open_kith(
                    self.db,
                    demo=self.demo,
                    today=self.today,
                    account=self.account,
                    create_account=False,
                )
            else:
                self._kith = open_kith(self.db, demo=self.demo, today=self.today)
            if _interactive():
                self._kith.chooser = _choose
        return self._kith


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _choose(query: str, candidates: list[Any]) -> int | None:
    """Ask which person a query meant; None when the user gives up."""
    click.echo(f"'{query}' could mean:", err=True)
    for i, c in enumerate(candidates, 1):
        click.echo(f"  {i}. {c.name} [#{c.id}]", err=True)
    choice = click.prompt(
        "Which one? (number, empty to cancel)", default="", show_default=False, err=True
    )
    if choice.strip().isdigit() and 1 <= int(choice) <= len(candidates):
        return int(candidates[int(choice) - 1].id)
    return None


def _parse_today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-21") from None


#: Every command: its module in kithkin.cli and the attribute holding it. Modules are
#: imported only when their command runs (or help lists them), so `kith show` does not
#: pay for the code of `kith import`.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("people_cmds", "add"),
    "edit": ("people_cmds", "edit"),
    "show": ("people_cmds", "show"),
    "list": ("people_cmds", "list_cmd"),
    "find": ("people_cmds", "find"),
    "release": ("people_cmds", "release"),
    "unrelease": ("people_cmds", "unrelease"),
    "snooze": ("people_cmds", "snooze"),
    "forget": ("people_cmds", "forget"),
    "log": ("moment_cmds", "log"),
    "follow-ups": ("moment_cmds", "follow_ups"),
    "done": ("moment_cmds", "done"),
    "replied": ("moment_cmds", "replied"),
    "gave": ("record_cmds", "gave"),
    "got": ("record_cmds", "got"),
    "intro": ("record_cmds", "intro"),
    "opportunity": ("record_cmds", "opportunity"),
    "opportunities": ("record_cmds", "opportunities"),
    "save": ("record_cmds", "save"),
    "saved": ("record_cmds", "saved"),
    "db": ("db_cmds", "db"),
    "export": ("transfer_cmds", "export_cmd"),
    "import": ("transfer_cmds", "import_cmd"),
    "demo": ("demo_cmd", "demo"),
    "today": ("today_cmds", "today"),
    "digest": ("digest_cmds", "digest"),
    "insights": ("insights_cmds", "insights"),
    "lint": ("lint_cmds", "lint"),
    "me": ("match_cmds", "me"),
    "common": ("match_cmds", "common"),
    "similar": ("match_cmds", "similar"),
    "reindex": ("match_cmds", "reindex"),
    "intros": ("intros_cmds", "intros"),
    "office-hours": ("office_cmds", "office_hours"),
    "for": ("saved_cmds", "for_person"),
    "draft": ("draft_cmds", "draft"),
    "sent": ("draft_cmds", "sent"),
    "duplicates": ("merge_cmds", "duplicates"),
    "merge": ("merge_cmds", "merge"),
    "unmerge": ("merge_cmds", "unmerge"),
    "calendar": ("calendar_cmds", "calendar"),
    "serve": ("serve_cmds", "serve"),
    "user": ("user_cmds", "user"),
    "token": ("user_cmds", "token"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        from importlib import import_module

        module, attr = COMMANDS[cmd_name]
        command = getattr(import_module(f"kithkin.cli.{module}"), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", envvar=None, help="Use this SQLite file (or database URL).")
@click.option("--demo", is_flag=True, help="Use the demo database that `kith demo` builds.")
@click.option(
    "--today",
    metavar="DATE",
    callback=_parse_today,
    help="Pretend today is DATE (YYYY-MM-DD): see what tomorrow would look like.",
)
@click.option(
    "--account",
    metavar="NAME",
    envvar="KITH_ACCOUNT",
    help="Act for this account of a shared database (see `kith user`); default: your own.",
)
@click.version_option(__version__, prog_name="kith")
@click.pass_context
def cli(
    ctx: click.Context, db: str | None, demo: bool, today: date | None, account: str | None
) -> None:
    """Kithkin remembers the people in your life the way a thoughtful friend would.

    Start with `kith demo`, then `kith --demo list` and `kith --demo show maya`.
    """
    if db and demo:
        raise click.UsageError("use either --db or --demo, not both")
    ctx.obj = State(db, demo, today, account)
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> None:
    """Run ``kith``; a user's mistake ends in one line on stderr and a non-zero exit."""
    try:
        _run(argv)
    finally:
        # The interpreter's last garbage collection walks every object SQLAlchemy and
        # the command made; frozen objects are skipped. Saves ~40 ms per run.
        import gc

        gc.freeze()


def _run(argv: list[str] | None) -> None:
    from kithkin.domain.errors import KithError

    try:
        code = cli.main(args=argv, prog_name="kith", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("kith: cancelled", err=True)
        sys.exit(1)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.format_message())
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "kith"
        click.echo(f"kith: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"kith: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except KithError as exc:
        click.echo(f"kith: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a database that cannot be reached or refuses a value
        from sqlalchemy.exc import DataError, IntegrityError, OperationalError

        if isinstance(exc, (OperationalError, DataError, IntegrityError)):
            first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
            click.echo(f"kith: the database refused this (nothing was changed): {first}", err=True)
            sys.exit(1)
        raise
