"""`kith demo`: build the sample network in its own database."""

from __future__ import annotations

import click


@click.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Build a sample network from the seeds' stories, in a database of its own."""
    from kithkin.demo import build_demo

    state = ctx.find_root().obj
    if state.db:
        raise click.UsageError("the demo always goes into its own database; drop --db")
    path, counts = build_demo(today=state.today)
    click.echo(
        f"Built the demo network in {path}: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + "."
    )
    click.echo("Your own data is untouched. Look around with --demo:")
    for cmd in (
        "kith --demo today",
        "kith --demo digest",
        "kith --demo insights",
        "kith --demo list",
        "kith --demo show rosa",
        "kith --demo show margaret",
        "kith --demo opportunities",
        "kith --demo similar maya",
        "kith --demo intros",
        "kith --demo draft reopener margaret",
    ):
        click.echo(f"  {cmd}")
