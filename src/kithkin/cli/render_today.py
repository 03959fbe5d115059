"""Today in the terminal: numbered lines, reason, then the one action."""

from __future__ import annotations

from datetime import date

import click

from kithkin.services.today import TodayItem

_MARK = {"fueller": "+", "drainer": "-"}


def render_today(items: list[TodayItem], on: date) -> None:
    """Print the list (plain click styling: no table library needed)."""
    click.echo(click.style(f"Today · {on.strftime('%A %d %B %Y')}", bold=True))
    if not items:
        click.echo("Nobody needs you today. Enjoy it.")
        return
    width = len(str(items[-1].index))
    for it in items:
        num = click.style(f"{it.index:>{width}}", bold=True)
        name = click.style(it.name, bold=True, fg="cyan")
        click.echo(f"\n{num}  {name}  {click.style(it.kind, dim=True)}")
        pad = " " * (width + 2)
        click.echo(f"{pad}{it.reason}")
        click.echo(f"{pad}{click.style('→ ' + it.action, fg='green')}")
        for extra in it.also:
            click.echo(click.style(f"{pad}also: {extra}", dim=True))
    click.echo(
        click.style(
            "\n`kith today --done N` when handled · `kith snooze N --until DATE` to pause",
            dim=True,
        )
    )
