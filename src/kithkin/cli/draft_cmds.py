"""`kith draft KIND PERSON` and `kith sent PERSON --style STYLE`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from kithkin.cli.common import complete_person, emit_json, json_option, kith_of

if TYPE_CHECKING:
    from kithkin.domain.lint import Finding
    from kithkin.services.drafts import Draft


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _lint_lines(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["lint: clean"]
    n = len(findings)
    lines = [f"lint: {n} finding{'s' if n != 1 else ''}"]
    for f in findings:
        lines.append(f"  {f.severity} {f.code}: {f.message}")
        if f.excerpt:
            lines.append(f"    “{f.excerpt}”")
        if f.principle:
            lines.append(f"    ({f.principle})")
    return lines


def render_draft(found: Draft, plain: bool = False) -> None:
    """Print a draft: who it's to, the subject, the message, its lint, and how to
    record it as sent (with ``plain``, only the message text)."""
    if plain:
        click.echo("\n\n".join(b for _, b in found.notes) if found.notes else found.body)
        return
    if found.notes is not None:
        per = found.note_findings or [[] for _ in found.notes]
        for (to, body), findings in zip(found.notes, per, strict=True):
            click.echo(f"To {to}:")
            if found.subject:
                click.echo(f"Subject: {found.subject}")
            click.echo(f"\n{body}\n")
            for line in _lint_lines(findings):
                click.echo(line)
            click.echo("")
    else:
        click.echo(f"To: {', '.join(found.to)}")
        if found.subject:
            click.echo(f"Subject: {found.subject}")
        click.echo(f"\n{found.body}\n")
        for line in _lint_lines(found.findings):
            click.echo(line)
    for remark in found.remarks:
        click.echo(remark)
    them = "them" if len(found.to) > 1 else "it"
    click.echo(f"when you send {them}: {found.send_hint()}")


def _list_templates() -> None:
    from kithkin.services.drafts import KIND_HELP, KINDS, package_dir, template_paths, user_dir

    paths = template_paths()
    click.echo("Draft templates (yours win over the defaults):")
    for kind in KINDS:
        mine = paths[kind].parent != package_dir()
        click.echo(f"  {kind:<13} {'yours  ' if mine else 'default'}  {paths[kind]}")
        click.echo(f"  {'':<13} {KIND_HELP[kind]}")
    click.echo(f"To change one, put a file of the same name in {user_dir()}")
    click.echo("(`kith draft --copy-templates` copies the defaults there to edit).")


@click.command()
@click.argument("kind", required=False, metavar="KIND")
@click.argument("people", nargs=-1, shell_complete=complete_person, metavar="PERSON...")
@click.option("--with", "others", multiple=True, metavar="NAME", help="office-hours: invite too.")
@click.option("--on", metavar="DATE", help="office-hours: the day ('saturday', 2026-11-28).")
@click.option("--at", metavar="HH:MM", help="office-hours: the time of day.")
@click.option("--where", metavar="TEXT", help="office-hours: the place ('my kitchen island').")
@click.option(
    "--hours", type=click.FloatRange(0, 12, min_open=True), help="office-hours: how long (2)."
)
@click.option("--because", metavar="TEXT", help="cold: what genuinely interests you in their work.")
@click.option("--reason", metavar="TEXT", help="intro: why these two should meet.")
@click.option("--propose", is_flag=True, help="intro: also record it as a proposed intro.")
@click.option(
    "--minutes",
    type=click.IntRange(1, 480),
    help="The time you ask for (reopener 30, intro 20, cold 15).",
)
@click.option("--plain", is_flag=True, help="Print only the message text (to pipe or copy).")
@click.option("--strict", is_flag=True, help="Exit non-zero when lint finds anything.")
@click.option("--templates", "list_templates", is_flag=True, help="Show the template files used.")
@click.option(
    "--copy-templates",
    is_flag=True,
    help="Copy the default templates into your data folder to edit (keeps your edits).",
)
@json_option
@click.pass_context
def draft(
    ctx: click.Context,
    kind: str | None,
    people: tuple[str, ...],
    others: tuple[str, ...],
    on: str | None,
    at: str | None,
    where: str | None,
    hours: float | None,
    because: str | None,
    reason: str | None,
    propose: bool,
    minutes: int | None,
    plain: bool,
    strict: bool,
    list_templates: bool,
    copy_templates: bool,
    as_json: bool,
) -> None:
    """Draft an honest message to someone, checked by `kith lint` before you see it.

    \b
    KIND is one of:
      reopener      own a lapsed promise or a long silence, reopen with an interest
      checkin       no reason, no ask: something saved they'd love, or a question
      intro         double opt-in: one note to each of A and B, each asked first
      office-hours  invite 2-3 people to work side by side: --with, --on, --at, --where
      followup      thanks after your last moment, a detail, any promise you made
      cold          first contact: starts with what genuinely interests you in
                    their work (--because, or you are asked); no answer, no draft

    \b
    kith draft reopener margaret
    kith draft intro ava theo --propose
    kith draft office-hours maya --with dana --with kai --on saturday --at 10:00
    kith draft cold jordan --because "your paper on consent in recommender systems"

    Drafts come from templates you can rewrite: `kith draft --templates` shows the
    files, `kith draft --copy-templates` copies them into your data folder, where
    your versions win. When you send a draft, record it with `kith sent NAME --style
    KIND` so `kith insights --section replies` shows which styles get answers.
    """
    from kithkin.domain.errors import InvalidInput, KithError
    from kithkin.services import drafts

    if copy_templates:
        for path, copied in drafts.copy_templates():
            click.echo(f"{'copied ' if copied else 'kept   '} {path}")
        click.echo("Edit them; `kith draft --templates` shows which file each kind uses.")
        return
    if list_templates:
        _list_templates()
        return
    if kind is None:
        click.echo(ctx.get_help())
        return
    kind = drafts.check_kind(kind)
    if not people:
        raise InvalidInput("person", f"say who the {kind} is for: kith draft {kind} NAME")
    kith = kith_of(ctx)
    if kind == "cold" and because is None:
        from kithkin.services.people import person_name

        _, name = person_name(kith, people[0])
        question = f"What, genuinely, interests you about {name}'s work?"
        if not _stdin_is_tty():
            raise KithError(
                f"cold outreach starts with an intention check - {question} "
                'Answer it with --because "..." (nothing was drafted)'
            )
        because = click.prompt(question, default="", show_default=False, err=True)
    when = drafts.when_of(kith, on, at) if (on or at) else None
    found = drafts.draft(
        kith,
        kind,
        [*people, *others],
        because=because,
        reason=reason,
        when=when,
        where=where,
        minutes=minutes,
        hours=hours,
        propose=propose,
    )
    if as_json:
        emit_json(found.as_dict())
    else:
        render_draft(found, plain)
    if strict:
        from kithkin.domain.lint import exit_code

        code = exit_code(found.findings)
        if code:
            ctx.exit(code)


@click.command()
@click.argument(
    "people", nargs=-1, required=True, shell_complete=complete_person, metavar="PERSON..."
)
@click.option(
    "--style",
    required=True,
    metavar="STYLE",
    help="How you wrote it: reopener, checkin, intro, office-hours, followup, cold, or "
    "your own word.",
)
@click.option("--on", "when", metavar="DATE", help="When you sent it (default today).")
@click.option("--note", metavar="TEXT", help="What you said, in a line.")
@click.option(
    "--kind",
    default="message",
    show_default=True,
    help="How it went out: message, email, voice-note, call, ...",
)
@click.pass_context
def sent(
    ctx: click.Context,
    people: tuple[str, ...],
    style: str,
    when: str | None,
    note: str | None,
    kind: str,
) -> None:
    """Record that you sent outreach to PERSON (or several), awaiting a reply.

    Each person gets a moment you started, in this style, so `kith insights --section
    replies` can show which styles get answers. When they answer: `kith replied NAME`.

    \b
    kith sent margaret --style reopener
    kith sent ava theo --style intro --on yesterday
    """
    from kithkin.services.drafts import quote_name, record_sent

    logged = record_sent(kith_of(ctx), people, style, when=when, note=note, kind=kind)
    for done in logged:
        click.echo(
            f"Sent to {', '.join(done.names)} on {done.on.isoformat()} "
            f"({style.strip().lower()}); awaiting a reply."
        )
    if len(logged) == 1:
        click.echo(f"When they answer: kith replied {quote_name(logged[0].names[0])}")
    else:
        click.echo("As each one answers: kith replied NAME")
