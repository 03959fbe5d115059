"""`kith for PERSON`: what you saved that fits them."""

from __future__ import annotations

import click

from kithkin.cli.common import emit_json, json_option, kith_of, pair_words, person_argument


@click.command("for")
@person_argument
@json_option
@click.pass_context
def for_person(ctx: click.Context, person: str, as_json: bool) -> None:
    """What you saved that PERSON would love, best fit first: send one, no reason needed."""
    from kithkin.services import saved

    found = saved.for_person(kith_of(ctx), person)
    if as_json:
        emit_json(found)
        return
    name = found["person"]
    if not found["items"]:
        click.echo(f"Nothing you saved fits {name}'s interests yet.")
        return
    click.echo(f"Saved things {name} would love:")
    for item in found["items"]:
        m = item["shared"][0]
        why = pair_words(m["topic"], m["interest"])
        sent = f"  (sent {item['sent_on'].isoformat()})" if item["sent_on"] else ""
        click.echo(f"  #{item['item_id']}  {item['title']}")
        click.echo(f"        {why}{sent}")
