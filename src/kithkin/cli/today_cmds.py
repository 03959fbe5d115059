"""`kith today`: who to reach out to and why; `--done N` acts on a line."""

from __future__ import annotations

import click

from kithkin.cli.common import emit_json, json_option, kith_of


@click.command()
@click.option(
    "--date",
    "on_text",
    metavar="DATE",
    help="See the list for another day: 'tomorrow', 'friday', 2026-12-01.",
)
@click.option("-n", "--limit", type=click.IntRange(1, 500), help="How many lines (default 7).")
@click.option(
    "--done", "done_index", type=int, metavar="N", help="Act on line N: kept / set aside."
)
@json_option
@click.pass_context
def today(
    ctx: click.Context,
    on_text: str | None,
    limit: int | None,
    done_index: int | None,
    as_json: bool,
) -> None:
    """Who to reach out to today, and why: one ranked list with one action each.

    `kith today --done 3` marks line 3's promise kept or sets its reason aside for a
    while; `kith snooze 2 --until 'in 3 weeks'` snoozes the person on line 2.
    """
    from kithkin.services import today as svc

    kith = kith_of(ctx)
    on = None
    if on_text is not None:
        from kithkin.services.inputs import read_date

        on = read_date("date", on_text, kith.today, prefer="future")
    if done_index is not None:
        click.echo(svc.done(kith, done_index, on))
    lines = svc.today(kith, on, limit)
    if as_json:
        emit_json([item.as_dict() for item in lines])
        return
    from kithkin.cli.render_today import render_today

    render_today(lines, on or kith.today)
