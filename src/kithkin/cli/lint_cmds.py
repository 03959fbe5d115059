"""`kith lint`: check a message before you send it, and say why each finding matters.

It never opens the database and imports only click and the pure lint, so it starts fast
enough to run on every draft from an editor or a script.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kithkin.domain.errors import KithError

if TYPE_CHECKING:
    from kithkin.domain.lint import Finding


class UnreadableMessage(KithError):
    """The message could not be read: a missing, unreadable, binary or empty file."""

    #: 3, so scripts can tell "could not read it" from warnings (1) and errors (2).
    exit_code = 3


def read_message(source: str | None) -> str:
    """The text of FILE, or of stdin for None or "-"; one clear error naming it otherwise."""
    if source is None or source == "-":
        name = "stdin"
        if sys.stdin.isatty():
            click.echo("Type or paste the message, then Ctrl-D on a new line:", err=True)
        data = sys.stdin.buffer.read()
    else:
        name = source
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UnreadableMessage(f"{name}: no such file") from None
        except IsADirectoryError:
            raise UnreadableMessage(f"{name}: is a folder, not a message file") from None
        except PermissionError:
            raise UnreadableMessage(f"{name}: permission denied") from None
        except OSError as exc:
            raise UnreadableMessage(f"{name}: cannot be read ({exc.strerror})") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows)
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if b"\x00" in data:
        raise UnreadableMessage(f"{name}: looks like a binary file, not a text message")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableMessage(
            f"{name}: is not UTF-8 text (undecodable byte at position {exc.start})"
        ) from None
    if not text.strip():
        raise UnreadableMessage(f"{name}: the message is empty, so there is nothing to check")
    return text


@click.command()
@click.argument("source", metavar="[FILE|-]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--follow-up",
    "--not-first",
    "follow_up",
    is_flag=True,
    help="Not a first contact: skip the checks only a first message needs.",
)
@click.pass_context
def lint(ctx: click.Context, source: str | None, as_json: bool, follow_up: bool) -> None:
    """Check a message before you send it: no naked greeting, the reason up front, their
    interests and work before yours, the time you ask of them, no "pick your brain".

    Reads FILE, or standard input with `-` or no argument. Each finding comes with the
    principle behind it. Exit code: 0 clean, 1 warnings, 2 errors, 3 the message could
    not be read. `pbpaste | kith lint` or `kith lint draft.txt --follow-up`.
    """
    from kithkin.domain import lint as rules

    text = read_message(source)
    findings = rules.lint(text, first_contact=not follow_up)
    code = rules.exit_code(findings)
    if as_json:
        from kithkin.cli.common import emit_json

        emit_json(
            {
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity,
                        "message": f.message,
                        "principle": f.principle,
                        "excerpt": f.excerpt,
                    }
                    for f in findings
                ],
                "exit_code": code,
                "words": rules.word_count(text),
            }
        )
    elif not findings:
        click.echo("Clean: nothing to fix.")
    else:
        width = max(len(f.code) for f in findings)
        for f in findings:
            click.echo(f"{f.severity:<7}  {f.code:<{width}}  {f.message}")
            if f.excerpt:
                click.echo(f"    in: “{f.excerpt}”")
            click.echo(f"    why: {f.principle}")
        click.echo(_summary(findings))
    ctx.exit(code)


def _summary(findings: list[Finding]) -> str:
    """'1 error, 2 warnings.' (info findings counted too)."""
    counts = [
        (sum(f.severity == sev for f in findings), sev) for sev in ("error", "warning", "info")
    ]
    return (
        ", ".join(f"{n} {sev}{'' if n == 1 or sev == 'info' else 's'}" for n, sev in counts if n)
        + "."
    )
