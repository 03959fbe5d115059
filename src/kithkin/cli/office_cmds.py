"""`kith office-hours`: 2–3 people who fuel you and share interests, invited to work
side by side, with the invite's words and an .ics file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kithkin.cli.common import emit_json, json_option, kith_of

if TYPE_CHECKING:
    from kithkin.services.drafts import Draft


def _person_line(p: dict[str, Any]) -> str:
    place = p["location"] or (f"{p['timezone']} time" if p["timezone"] else "place not known")
    mail = p["email"] or "no e-mail"
    return f"  {p['person']} · {place} · {p['energy']}: {p['fuel']} · {mail}"


def _render(
    found: dict[str, Any], when: datetime, hours: float, draft: Draft, ics: Path | None
) -> None:
    group = found["group"]
    end = when + timedelta(hours=hours)
    zone = f" ({when.tzinfo})" if when.tzinfo else ""
    day = f"{when:%A} {when.day} {when:%B %Y}"
    title = click.style("Closet office hours", bold=True)
    click.echo(f"{title} · {day}, {when:%H:%M}–{end:%H:%M}{zone}")
    click.echo("Invite:")
    for p in group["people"]:
        click.echo(_person_line(p))
    click.echo(f"Why: {group['why']}")
    if not found["semantic"]:
        click.echo(click.style("  (matched by words: semantic matching is off)", dim=True))
    click.echo(f"\nTo: {', '.join(draft.to)}")
    if draft.subject:
        click.echo(f"Subject: {draft.subject}")
    click.echo(f"\n{draft.body}\n")
    findings = draft.findings
    click.echo(
        f"lint: {len(findings)} finding{'s' if len(findings) != 1 else ''}"
        if findings
        else "lint: clean"
    )
    for f in findings:
        click.echo(f"  {f.severity} {f.code}: {f.message}")
    click.echo(f"when you send it: {draft.send_hint()}")
    if ics is not None:
        invited = [p["person"] for p in group["people"] if p["email"]]
        missing = [p["person"] for p in group["people"] if not p["email"]]
        click.echo(f"\nWrote {ics}" + (f" (attendees: {', '.join(invited)})" if invited else ""))
        if missing:
            click.echo(f"  no e-mail for {', '.join(missing)}: send it to them yourself")
    if found["alternatives"]:
        click.echo("\n" + click.style("Or:", bold=True))
        for i, alt in enumerate(found["alternatives"], 1):
            names = ", ".join(p["person"] for p in alt["people"])
            click.echo(f"  {i}. {names}: {alt['why']}")


@click.command()
@click.option("--size", type=click.IntRange(2, 3), default=3, show_default=True, help="2 or 3.")
@click.option("--with", "with_people", multiple=True, metavar="NAME", help="Someone to include.")
@click.option("--on", "on_text", metavar="DATE", help="Which day (default: next Friday).")
@click.option(
    "--at", "at_text", default="14:00", show_default=True, metavar="HH:MM", help="Start time."
)
@click.option(
    "--hours",
    type=click.FloatRange(0.25, 12),
    default=3.0,
    show_default=True,
    help="How long, in hours (a quarter of an hour to 12).",
)
@click.option("--where", metavar="TEXT", help="Where: 'my kitchen island'.")
@click.option("--tz", metavar="ZONE", help="Your time zone for the .ics (default: floating).")
@click.option("--ics", "ics_path", metavar="FILE", help="Where to write the invite (.ics).")
@click.option("--no-ics", is_flag=True, help="Do not write an .ics file.")
@json_option
@click.pass_context
def office_hours(
    ctx: click.Context,
    size: int,
    with_people: tuple[str, ...],
    on_text: str | None,
    at_text: str,
    hours: float,
    where: str | None,
    tz: str | None,
    ics_path: str | None,
    no_ics: bool,
    as_json: bool,
) -> None:
    """Closet office hours: 2–3 people who fuel you and share interests with each
    other, invited to work side by side (an invite to send and an .ics file).

    kith office-hours --with rosa --on friday --at 10:00 --where "my kitchen island"
    """
    if ics_path and no_ics:
        raise click.UsageError("use either --ics or --no-ics, not both")
    from kithkin.services import office_hours as svc

    kith = kith_of(ctx)
    when = svc.read_when(kith, on_text, at_text, tz)
    default = f"office-hours-{when.date().isoformat()}.ics"
    path = None if no_ics else Path(ics_path or default).expanduser()
    found = svc.propose(kith, size, list(with_people))
    group = found["group"]
    if group is None:
        if as_json:
            emit_json({**found, "when": when, "invite": None, "ics": None})
            return
        click.echo(found["message"])
        click.echo(f"To change that, {found['hint']}")
        return
    draft = svc.invite(kith, group, when, where, hours)
    written = (
        svc.write_invite(kith, group, when, hours, where, path, text=draft.body) if path else None
    )
    if as_json:
        emit_json(
            {
                **found,
                "when": when,
                "hours": hours,
                "where": where,
                "invite": draft.as_dict(),
                "ics": str(written) if written else None,
            }
        )
        return
    _render(found, when, hours, draft, written)
