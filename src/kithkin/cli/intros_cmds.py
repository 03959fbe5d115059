"""`kith intros`: pairs of people who should meet, and why."""

from __future__ import annotations

from typing import Any

import click

from kithkin.cli.common import emit_json, json_option, kith_of, pair_words


def _shared(shared: list[dict[str, Any]]) -> str:
    return "; ".join(pair_words(m["mine"], m["theirs"]) for m in shared)


@click.command()
@click.option("-n", "limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option(
    "--propose",
    "propose",
    type=int,
    metavar="N",
    help="Record suggestion N as a proposed double opt-in intro and draft a note to each side.",
)
@json_option
@click.pass_context
def intros(ctx: click.Context, limit: int, propose: int | None, as_json: bool) -> None:
    """Who should meet: pairs of people who don't know each other yet and share an
    interest by meaning, best match first (rare shared interests first).

    Released and snoozed people and those who drain you are left out; titles never
    count. Introductions are double opt-in: `--propose N` records suggestion N and
    drafts a note asking each side first; `kith intro agree ID NAME` when they say yes.
    """
    from kithkin.services import matching

    kith = kith_of(ctx)
    found = matching.intro_suggestions(kith, max(limit, propose or 0))
    suggestions = found["suggestions"]
    if propose is not None:
        _propose(ctx, suggestions, propose, as_json)
        return
    suggestions = suggestions[:limit]
    if as_json:
        emit_json(found)
        return
    if not suggestions:
        click.echo(
            "No introductions to suggest yet: add interests to people "
            "(kith edit NAME --interest ...)."
        )
        return
    from kithkin.cli.table import print_table

    if not found["semantic"]:
        click.echo("(matched by words: semantic matching is off)")
    rows = [
        [str(i), s["a"]["person"], s["b"]["person"], _shared(s["shared"])]
        for i, s in enumerate(suggestions, 1)
    ]
    print_table(["#", "introduce", "to", "because they share"], rows, right=[0])
    click.echo("\nAsk each side first: kith intros --propose N")


def _propose(ctx: click.Context, suggestions: list[dict[str, Any]], n: int, as_json: bool) -> None:
    from kithkin.domain.errors import InvalidInput
    from kithkin.services import drafts

    if not 1 <= n <= len(suggestions):
        raise InvalidInput("suggestion", f"there is no suggestion {n} (1 to {len(suggestions)})")
    s = suggestions[n - 1]
    people = [f"#{s['a']['person_id']}", f"#{s['b']['person_id']}"]
    # drafted first, recorded only once both notes exist (one service, as the web app uses)
    note = drafts.draft(kith_of(ctx), "intro", people, reason=s["why"], propose=True)
    if as_json:
        emit_json({"intro_id": note.intro_id, "draft": drafts.as_dict(note)})
        return
    click.echo(f"Proposed intro #{note.intro_id}: {s['why']}.")
    from kithkin.cli.draft_cmds import render_draft

    render_draft(note)
    click.echo(
        f"\nWhen one says yes: kith intro agree {note.intro_id} NAME; "
        f"both yes: kith intro made {note.intro_id}"
    )
