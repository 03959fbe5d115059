"""`kith gave / got / intro / opportunity / opportunities / save / saved`."""

from __future__ import annotations

import click

from kithkin.cli.common import emit_json, json_option, kith_of, pair_words, person_argument


def _ledger_command(direction: str, name: str, doc: str) -> click.Command:
    @click.command(name=name, help=doc)
    @person_argument
    @click.argument("kind")
    @click.option("--size", default="small", show_default=True, help="small, medium or large.")
    @click.option("--on", "when", help="When (default today).")
    @click.option("--note", help="What exactly.")
    @click.pass_context
    def cmd(
        ctx: click.Context, person: str, kind: str, size: str, when: str | None, note: str | None
    ) -> None:
        from kithkin.services.records import add_ledger

        who = add_ledger(kith_of(ctx), person, direction, kind, size=size, when=when, note=note)
        verb = "Gave" if direction == "gave" else "Received"
        click.echo(f"{verb} {kind} ({size}) {'to' if direction == 'gave' else 'from'} {who}.")

    return cmd


gave = _ledger_command(
    "gave",
    "gave",
    "Record something you gave: `kith gave maya intro --note 'to the eco-resort people'`.\n\n"
    "KIND: intro, advice, help, gift, referral, article, time, skill-swap, mini-collab, other.",
)
got = _ledger_command(
    "received",
    "got",
    "Record something you received: `kith got priya referral --size large`.\n\n"
    "KIND: intro, advice, help, gift, referral, article, time, skill-swap, mini-collab, other.",
)

_INTRO_ACTIONS = ("agree", "made", "decline", "outcome", "list")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, required=True)
@click.option("--reason", help="Why these two should meet (with a new intro).")
@json_option
@click.pass_context
def intro(ctx: click.Context, args: tuple[str, ...], reason: str | None, as_json: bool) -> None:
    """Double opt-in introductions.

    \b
    kith intro A B --reason "..."   propose: ask each side first
    kith intro agree ID PERSON      one side said yes
    kith intro made ID              both agreed; you introduced them
    kith intro decline ID           one side said no (that is fine)
    kith intro outcome ID TEXT      what came of it
    kith intro list [PERSON]        where each stands
    """
    from kithkin.domain.errors import InvalidInput
    from kithkin.services import records

    kith = kith_of(ctx)
    action = args[0].lower()
    if action == "list":
        rows = records.list_intros(kith, args[1] if len(args) > 1 else None)
        if as_json:
            emit_json(rows)
        else:
            from kithkin.cli.render_lists import render_intros

            render_intros(rows)
        return
    if action in _INTRO_ACTIONS:
        if len(args) < 2 or not args[1].lstrip("#").isdigit():
            raise InvalidInput("intro", f"`kith intro {action}` needs the intro's number")
        iid = int(args[1].lstrip("#"))
        rest = " ".join(args[2:]) or None
        if action == "agree" and not rest:
            raise InvalidInput("intro", "say who agreed: `kith intro agree ID PERSON`")
        row = records.advance_intro(
            kith,
            iid,
            action,
            who=rest if action == "agree" else None,
            outcome=rest if action in ("outcome", "decline") else None,
        )
        click.echo(f"Intro #{iid} {row['a_name']} ↔ {row['b_name']}: {row['status']}.")
        return
    if len(args) != 2:
        raise InvalidInput("intro", "name two people: `kith intro maya sam --reason ...`")
    row = records.propose_intro(kith, args[0], args[1], reason)
    click.echo(
        f"Intro #{row['id']} proposed: {row['a_name']} ↔ {row['b_name']}. Ask each first; "
        f"then `kith intro agree {row['id']} NAME`."
    )


@click.command()
@click.argument("title")
@click.option("--kind", required=True, help="job, client, collaboration, idea, friend, other.")
@click.option("--via", multiple=True, help="The chain of people it came through, in order.")
@click.option("--on", "when", help="When it came (default today).")
@click.option("--value", help="What it meant to you, 1-5.")
@click.option("--note", help="A note.")
@click.pass_context
def opportunity(
    ctx: click.Context,
    title: str,
    kind: str,
    via: tuple[str, ...],
    when: str | None,
    value: str | None,
    note: str | None,
) -> None:
    """Record where an opportunity really came from: `--via barista --via "priya"`."""
    from kithkin.services.records import add_opportunity

    row = add_opportunity(kith_of(ctx), title, kind, via, when=when, value=value, note=note)
    chain = " → ".join(row["chain"]) or "nobody recorded"
    click.echo(f"Recorded {row['kind']} '{row['title']}' via {chain}.")


@click.command()
@json_option
@click.pass_context
def opportunities(ctx: click.Context, as_json: bool) -> None:
    """Opportunities and the people they came through."""
    from kithkin.services.records import list_opportunities

    rows = list_opportunities(kith_of(ctx))
    if as_json:
        emit_json(rows)
        return
    from kithkin.cli.render_lists import render_opportunities

    render_opportunities(rows)


@click.command()
@click.argument("content")
@click.option("--topic", multiple=True, help="What it is about (repeatable).")
@click.option("--kind", help="link, note or meme (guessed when omitted).")
@click.option("--on", "when", help="When you saved it (default today).")
@click.pass_context
def save(
    ctx: click.Context, content: str, topic: tuple[str, ...], kind: str | None, when: str | None
) -> None:
    """Save a link, a note or a meme to send someone, no reason needed."""
    from kithkin.services.records import save_item

    item = save_item(kith_of(ctx), content, topic, kind=kind, when=when)
    about = f" about {', '.join(item['topics'])}" if item["topics"] else ""
    click.echo(f"Saved {item['kind']} #{item['id']}{about}.")
    if item["fits"]:
        click.echo("Who'd love it (send it, no reason needed):")
        for f in item["fits"]:
            why = pair_words(f["topic"], f["interest"])
            click.echo(f"  {f['person']}: {why}")
    elif item["topics"]:
        click.echo("Nobody's interests match it yet.")
    else:
        click.echo("Give it a --topic and Kithkin will say who'd love it.")


@click.command()
@json_option
@click.pass_context
def saved(ctx: click.Context, as_json: bool) -> None:
    """Everything you saved, newest first."""
    from kithkin.services.records import list_saved

    rows = list_saved(kith_of(ctx))
    if as_json:
        emit_json(rows)
        return
    from kithkin.cli.render_lists import render_saved

    render_saved(rows)
