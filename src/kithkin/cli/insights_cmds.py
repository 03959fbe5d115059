"""`kith insights`: the shape of your network, and where its value really came from."""

from __future__ import annotations

import click

from kithkin.cli.common import emit_json, json_option, kith_of
from kithkin.domain.insights import SECTIONS


@click.command()
@click.option(
    "--section",
    "sections",
    multiple=True,
    type=click.Choice(SECTIONS),
    help="Show only this section (repeatable).",
)
@click.option(
    "-n",
    "--top",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many people each list shows.",
)
@json_option
@click.pass_context
def insights(ctx: click.Context, sections: tuple[str, ...], top: int, as_json: bool) -> None:
    """What your network looks like: who fuels and drains you, what went each way, how
    deep it goes, where opportunities really came from, titles vs. value, reply rates
    by outreach style, introductions and what came of them, where you met people, and
    how diverse your network is.

    `kith insights --section energy` shows one section; `--json` prints every figure.
    """
    from kithkin.services.insights import insights as build

    data = build(kith_of(ctx), sections, top=top)
    if as_json:
        emit_json(data)
        return
    from kithkin.cli.render_insights import render_insights

    render_insights(data, [s for s in SECTIONS if s in data])
