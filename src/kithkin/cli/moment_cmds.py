"""`kith log`, `kith follow-ups`, `kith done`, `kith replied`."""

from __future__ import annotations

import click

from kithkin.cli.common import emit_json, json_option, kith_of, person_argument


@click.command(context_settings={"ignore_unknown_options": False})
@click.argument("words", nargs=-1, required=True)
@click.option("--on", "when", help="When it happened (default today): 'yesterday', '3 days ago'.")
@click.option("--energy", help="How it left you: -2 drained … +2 fuelled.")
@click.option("--depth", help="surface, personal or vulnerable.")
@click.option("--initiated-by", help="me, them or mutual.")
@click.option("--topic", multiple=True, help="A topic you touched (repeatable).")
@click.option("--note", help="What happened, in a sentence.")
@click.option("--follow-up", help="Something you promised.")
@click.option("--due", help="When the follow-up is due: 'friday', 'in 2 weeks'.")
@click.option("--outreach", "style", help="This was outreach in this style; awaits a reply.")
@click.pass_context
def log(
    ctx: click.Context,
    words: tuple[str, ...],
    when: str | None,
    energy: str | None,
    depth: str | None,
    initiated_by: str | None,
    topic: tuple[str, ...],
    note: str | None,
    follow_up: str | None,
    due: str | None,
    style: str | None,
) -> None:
    """Log a moment: `kith log maya coffee --energy +2 --topic "mushroom packaging"`.

    WORDS are the people (one or several) and the kind of moment, last: coffee, call,
    video, voice-note, message, email, meal, walk, event, co-working, intro, visit,
    workshop, other.
    """
    from kithkin.domain.errors import InvalidInput
    from kithkin.domain.records import MOMENT_KINDS
    from kithkin.services.moments import MomentInput, log_moment

    if len(words) < 2:
        raise InvalidInput(
            "log",
            f"say who and what kind of moment, e.g. `kith log maya coffee` "
            f"(kinds: {', '.join(MOMENT_KINDS)})",
        )
    *people, kind = words
    done = log_moment(
        kith_of(ctx),
        MomentInput(
            people=people,
            kind=kind,
            when=when,
            energy=energy,
            depth=depth,
            initiated_by=initiated_by,
            topics=topic,
            note=note,
            follow_up=follow_up,
            due=due,
            outreach_style=style,
        ),
    )
    msg = f"Logged {kind} with {', '.join(done.names)} on {done.on.isoformat()}."
    if follow_up:
        msg += f" Follow-up: {follow_up}" + (
            f" (due {done.follow_up_due})." if done.follow_up_due else "."
        )
    click.echo(msg)


@click.command(name="follow-ups")
@click.argument("person", required=False)
@click.option("--all", "include_done", is_flag=True, help="Include kept promises.")
@json_option
@click.pass_context
def follow_ups(ctx: click.Context, person: str | None, include_done: bool, as_json: bool) -> None:
    """Open promises, soonest due first."""
    from kithkin.services.moments import follow_ups as list_follow_ups

    kith = kith_of(ctx)
    rows = list_follow_ups(kith, person, include_done=include_done)
    if as_json:
        emit_json(rows)
        return
    from kithkin.cli.render_lists import render_follow_ups

    render_follow_ups(rows, kith.today)


@click.command()
@click.argument("follow_up_id", type=int)
@click.pass_context
def done(ctx: click.Context, follow_up_id: int) -> None:
    """Mark a follow-up as done (its number from `kith follow-ups`)."""
    from kithkin.services.moments import complete_follow_up

    click.echo(f"Done: {complete_follow_up(kith_of(ctx), follow_up_id)}")


@click.command()
@person_argument
@click.option("--on", "when", help="When they replied (default today).")
@click.option("--no-reply", is_flag=True, help="Record that no reply ever came.")
@click.pass_context
def replied(ctx: click.Context, person: str, when: str | None, no_reply: bool) -> None:
    """Mark the newest outreach to a person as answered (or never answered)."""
    from kithkin.services.moments import mark_replied

    name, on = mark_replied(kith_of(ctx), person, when, no_reply=no_reply)
    click.echo(f"{name}: no reply recorded." if no_reply else f"{name} replied on {on}.")
