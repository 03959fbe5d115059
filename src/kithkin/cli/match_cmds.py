"""`kith me`, `kith common`, `kith similar`, `kith reindex`: interests by meaning."""

from __future__ import annotations

from typing import Any

import click

from kithkin.cli.common import console, emit_json, json_option, kith_of, person_argument


def _shared_lines(shared: list[dict[str, Any]]) -> list[str]:
    out = []
    for m in shared:
        if m["mine"] == m["theirs"]:
            out.append(f"{m['mine']}")
        else:
            out.append(f"{m['mine']}  ~  {m['theirs']}  ({m['score']:.2f})")
    return out


def _lexical_hint(semantic: bool) -> str:
    return "" if semantic else "  (matched by words: semantic matching is off)"


@click.command()
@click.option("--interest", "add", multiple=True, metavar="TEXT", help="Add one of yours.")
@click.option("--remove-interest", "remove", multiple=True, metavar="TEXT", help="Drop one.")
@json_option
@click.pass_context
def me(ctx: click.Context, add: tuple[str, ...], remove: tuple[str, ...], as_json: bool) -> None:
    """Your own interests: what `kith common` and the drafts look for in others.

    kith me --interest "ai ethics" --interest "watercolours: learning slowly"
    """
    from kithkin.services import matching

    kith = kith_of(ctx)
    mine = (
        matching.set_my_interests(kith, add, remove)
        if add or remove
        else matching.my_interests(kith)
    )
    if as_json:
        emit_json({"interests": mine})
        return
    if not mine:
        click.echo('You have not said what you love yet: kith me --interest "ai ethics"')
        return
    click.echo("Your interests:")
    for item in mine:
        note = f": {item['note']}" if item["note"] else ""
        click.echo(f"  {item['phrase']}{note}")


@click.command()
@person_argument
@json_option
@click.pass_context
def common(ctx: click.Context, person: str, as_json: bool) -> None:
    """What you share with PERSON, by meaning, with the phrases on each side."""
    from kithkin.services import matching

    found = matching.common(kith_of(ctx), person)
    if as_json:
        emit_json(found)
        return
    name = found["person"]
    if not found["yours"]:
        click.echo('Tell Kithkin what you love first: kith me --interest "ai ethics"')
        return
    if not found["theirs"]:
        click.echo(f'You know none of {name}\'s interests yet: kith edit "{name}" --interest ...')
        return
    if not found["shared"]:
        click.echo(f"Nothing in common with {name} yet, as far as Kithkin knows.")
        click.echo(f"  {name} loves: {', '.join(found['theirs'])}")
        return
    click.echo(f"You and {name} share:{_lexical_hint(found['semantic'])}")
    click.echo("  yours  ~  theirs")
    for line in _shared_lines(found["shared"]):
        click.echo(f"  {line}")


@click.command()
@person_argument
@click.option("-n", "limit", type=click.IntRange(1, 200), default=10, show_default=True)
@json_option
@click.pass_context
def similar(ctx: click.Context, person: str, limit: int, as_json: bool) -> None:
    """Who else shares PERSON's interests (rare ones count more than common ones)."""
    from kithkin.services import matching

    found = matching.similar(kith_of(ctx), person, limit)
    if as_json:
        emit_json(found)
        return
    name = found["person"]
    if not found["similar"]:
        click.echo(f"Nobody else shares {name}'s interests yet, as far as Kithkin knows.")
        return
    from kithkin.cli.table import print_table

    rows = [
        [
            str(i),
            s["person"],
            "; ".join(_shared_lines(s["shared"])) or "-",
            s["energy"],
        ]
        for i, s in enumerate(found["similar"], 1)
    ]
    click.echo(f"Who shares {name}'s interests:{_lexical_hint(found['semantic'])}")
    print_table(["#", "person", f"shared ({name}'s ~ theirs)", "energy"], rows, right=[0])


@click.command()
@click.option("--all", "everything", is_flag=True, help="Embed every phrase again.")
@click.pass_context
def reindex(ctx: click.Context, everything: bool) -> None:
    """Compute the meaning (vector) of every interest, topic and saved-item phrase that
    has none yet: after an import, or with --all after a model change."""
    from rich.progress import Progress

    from kithkin.services import saved, semantic

    kith = kith_of(ctx)
    enc = semantic.encoder(kith)
    if not enc.semantic:
        click.echo("Nothing to do: semantic matching is off, and words need no index.")
        return
    with Progress(console=console(), transient=True) as bar:
        task = bar.add_task("Embedding phrases", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        done = semantic.reindex(kith, everything=everything, progress=step)
    refreshed = saved.refresh_all(kith)
    click.echo(
        f"Embedded {done} phrase{'s' if done != 1 else ''} with {enc.name}; "
        f"matched {refreshed} saved item{'s' if refreshed != 1 else ''} to people."
    )
