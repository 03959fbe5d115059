"""`kith digest`: the week in one screen, as text, Markdown or JSON."""

from __future__ import annotations

import click

from kithkin.cli.common import emit_json, json_option, kith_of


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    help="text for the terminal (the default) or markdown to e-mail to yourself.",
)
@click.option(
    "--date",
    "on_text",
    metavar="DATE",
    help="The week ending on DATE instead of today: 'last saturday', 2026-11-14.",
)
@json_option
@click.pass_context
def digest(ctx: click.Context, fmt: str | None, on_text: str | None, as_json: bool) -> None:
    """The week in one screen: who you saw, energy in and out, promises kept and lapsed,
    who gives without getting, who is drifting, and the week ahead (birthdays, check-ins).

    A weekly digest instead of one nag per person. The week is the seven days ending
    today; `kith digest --format markdown > week.md` makes one to e-mail to yourself.
    """
    if as_json and fmt:
        raise click.UsageError("use either --json or --format, not both")
    from kithkin.services import digest as svc

    kith = kith_of(ctx)
    on = None
    if on_text is not None:
        from kithkin.services.inputs import read_date

        on = read_date("date", on_text, kith.today, prefer="past")
    week = svc.digest(kith, on)
    if as_json:
        emit_json(svc.as_dict(week))
        return
    from kithkin.cli.render_digest import render_markdown, render_text

    if fmt == "markdown":
        click.echo(render_markdown(week), nl=False)
    else:
        render_text(week)
