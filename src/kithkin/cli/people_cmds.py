"""`kith add / edit / show / list / find / release / unrelease / snooze / forget`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from kithkin.cli.common import emit_json, json_option, kith_of, person_argument

_FIELDS: list[tuple[str, str]] = [
    ("--pronouns", "Pronouns, e.g. she/her."),
    ("--met-how", "How you met, in your words."),
    ("--met-where", "Where you met."),
    ("--met-on", "When you met (ISO or words)."),
    ("--via", "Who introduced you (a person already here)."),
    ("--note", "Free notes about them."),
    ("--birthday", "1990-03-14, --03-14 or '14 March'."),
    ("--location", "City or place."),
    ("--timezone", "IANA time zone, e.g. Europe/Lisbon."),
    ("--generation", "Generation or age bracket, e.g. 'Gen Z'."),
    ("--field", "Their field: design, hospitality, tech ..."),
    ("--org", "Organisation (stored, never used to rank)."),
    ("--title", "Job title (stored, never used to rank)."),
    ("--cadence", "Keep-in-touch cadence: 14, 3w, 2m, monthly."),
    ("--pancake", "Pancake test: yes / no / unsure."),
    ("--nickname", "What you call them."),
]
_MULTI: list[tuple[str, str]] = [
    ("--interest", "An interest, optionally 'phrase: note' (repeatable)."),
    ("--email", "An e-mail address (repeatable)."),
    ("--phone", "A phone number (repeatable)."),
    ("--url", "A link: site, profile (repeatable)."),
    ("--handle", "A handle, e.g. @maya on Mastodon (repeatable)."),
    ("--tag", "A tag or circle (repeatable)."),
]
_REMOVE: list[tuple[str, str]] = [
    ("--remove-interest", "Remove an interest (repeatable)."),
    ("--remove-tag", "Remove a tag (repeatable)."),
    ("--remove-channel", "Remove an e-mail, phone, link or handle by value (repeatable)."),
]


def _person_options(edit: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(f: Callable[..., Any]) -> Callable[..., Any]:
        opts = [click.option(n, default=None, help=h) for n, h in _FIELDS]
        opts += [click.option(n, multiple=True, help=h) for n, h in _MULTI]
        if edit:
            opts += [click.option("--name", default=None, help="A new display name.")]
            opts += [click.option(n, multiple=True, help=h) for n, h in _REMOVE]
        for o in reversed(opts):
            f = o(f)
        return f

    return wrap


def _input(name: str | None, o: dict[str, Any]) -> Any:
    from kithkin.services.people import PersonInput

    channels = [(k, v) for k in ("email", "phone", "url", "handle") for v in o.get(k, ())]
    return PersonInput(
        name=name,
        pronouns=o["pronouns"],
        met_how=o["met_how"],
        met_where=o["met_where"],
        met_on=o["met_on"],
        via=o["via"],
        notes=o["note"],
        birthday=o["birthday"],
        location=o["location"],
        timezone=o["timezone"],
        generation=o["generation"],
        field=o["field"],
        org=o["org"],
        title=o["title"],
        cadence=o["cadence"],
        pancake=o["pancake"],
        nickname=o["nickname"],
        interests=o["interest"],
        channels=channels,
        tags=o["tag"],
        remove_interests=o.get("remove_interest", ()),
        remove_tags=o.get("remove_tag", ()),
        remove_channels=o.get("remove_channel", ()),
    )


@click.command()
@click.argument("name")
@_person_options(edit=False)
@click.pass_context
def add(ctx: click.Context, name: str, **opts: Any) -> None:
    """Add a person: `kith add "Maya López" --interest "mushroom packaging"`."""
    from kithkin.services.people import add_person, person_name

    kith = kith_of(ctx)
    pid = add_person(kith, _input(name, opts))
    click.echo(f"Added {person_name(kith, f'#{pid}')[1]} [#{pid}].")


@click.command()
@person_argument
@_person_options(edit=True)
@click.pass_context
def edit(ctx: click.Context, person: str, name: str | None, **opts: Any) -> None:
    """Change what you know about a person (an empty value clears a field)."""
    from kithkin.services.people import edit_person, person_name

    kith = kith_of(ctx)
    pid = edit_person(kith, person, _input(name, opts))
    click.echo(f"Updated {person_name(kith, f'#{pid}')[1]}.")


@click.command()
@person_argument
@click.option("--all", "show_all", is_flag=True, help="Show the whole timeline.")
@json_option
@click.pass_context
def show(ctx: click.Context, person: str, show_all: bool, as_json: bool) -> None:
    """One screen about a person: interests first, titles last."""
    from kithkin.services.profile import profile

    data = profile(kith_of(ctx), person, timeline=None if show_all else 15)
    if as_json:
        emit_json(data)
        return
    from kithkin.cli.render_person import render_profile

    render_profile(data)


@click.command(name="list")
@click.option("--tag", help="Only people with this tag.")
@click.option("--status", help="active, snoozed or released.")
@json_option
@click.pass_context
def list_cmd(ctx: click.Context, tag: str | None, status: str | None, as_json: bool) -> None:
    """Everyone, with when you last saw them."""
    from kithkin.services.people import list_people

    rows = list_people(kith_of(ctx), tag=tag.lower() if tag else None, status=status)
    if as_json:
        emit_json(rows)
        return
    from kithkin.cli.render_lists import render_people

    render_people(rows, kith_of(ctx).today)


@click.command()
@click.argument("query")
@json_option
@click.pass_context
def find(ctx: click.Context, query: str, as_json: bool) -> None:
    """Find people by any part of a name, typos forgiven."""
    from kithkin.services.people import find as find_people

    rows = find_people(kith_of(ctx), query)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(f"Nobody matches '{query}'.")
        ctx.exit(1)
    for i, r in enumerate(rows, 1):
        about = ", ".join(r["interests"][:3])
        extra = f" - {about}" if about else ""
        status = "" if r["status"] == "active" else f" ({r['status']})"
        click.echo(f"{i}. {r['name']} [#{r['id']}]{status}{extra}")


@click.command()
@person_argument
@click.option("--note", help="Why, for your future self.")
@click.pass_context
def release(ctx: click.Context, person: str, note: str | None) -> None:
    """Let someone go kindly: kept on record, out of every suggestion."""
    from kithkin.services.people import release as do_release

    name = do_release(kith_of(ctx), person, note)
    click.echo(f"Released {name}. They stay on record; `kith unrelease` brings them back.")


@click.command()
@person_argument
@click.pass_context
def unrelease(ctx: click.Context, person: str) -> None:
    """Bring a released or snoozed person back into suggestions."""
    from kithkin.services.people import reactivate

    click.echo(f"{reactivate(kith_of(ctx), person)} is active again.")


@click.command()
@person_argument
@click.option("--until", required=True, help="Date (ISO or words: 'in 3 weeks', 'friday').")
@click.pass_context
def snooze(ctx: click.Context, person: str, until: str) -> None:
    """Keep someone out of suggestions until a date.

    PERSON is a name, or the number of a line on `kith today`.
    """
    from kithkin.services.people import snooze as do_snooze

    kith = kith_of(ctx)
    if person.strip().isdigit():
        from kithkin.services.today import person_at

        person = f"#{person_at(kith, int(person))[0]}"
    name, day = do_snooze(kith, person, until)
    click.echo(f"Snoozed {name} until {day.isoformat()}.")


@click.command()
@person_argument
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def forget(ctx: click.Context, person: str, yes: bool) -> None:
    """Delete a person and everything only about them (cannot be undone)."""
    from kithkin.services.people import forget as do_forget
    from kithkin.services.people import person_name

    kith = kith_of(ctx)
    pid, name = person_name(kith, person)
    if not yes:
        if not sys.stdin.isatty():
            from kithkin.domain.errors import KithError

            raise KithError(f"forgetting {name} cannot be undone: add --yes to confirm")
        click.confirm(f"Forget {name} and every record only about them?", abort=True)
    do_forget(kith, f"#{pid}")
    click.echo(f"Forgot {name}.")
