"""`kith calendar`: birthdays, check-ins due, follow-ups due and office hours as .ics."""

from __future__ import annotations

from pathlib import Path

import click

from kithkin.cli.common import kith_of

KINDS = ("birthdays", "check-ins", "follow-ups", "office-hours")


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--only",
    "only",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only these kinds of events (repeatable); all of them by default.",
)
@click.pass_context
def calendar(ctx: click.Context, file: Path | None, only: tuple[str, ...]) -> None:
    """Write an iCalendar file (RFC 5545) for any calendar app: birthdays as yearly
    events, check-ins due in the next 90 days, follow-ups due, and office hours.
    Each event keeps its UID, so importing a newer file updates events instead of
    duplicating them. Without FILE, the calendar goes to stdout.

    \b
    kith calendar ~/kithkin.ics
    kith calendar --only birthdays birthdays.ics
    """
    from kithkin.services import calendar as svc

    kith = kith_of(ctx)
    kinds = tuple(only) or KINDS
    if file is None:
        click.echo(svc.calendar_bytes(kith, kinds).decode("utf-8"), nl=False)
        return
    n = svc.write_calendar(kith, file, kinds)
    click.echo(f"Wrote {n} event{'s' if n != 1 else ''} to {file}.")
