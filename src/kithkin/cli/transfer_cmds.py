"""`kith export` and `kith import`."""

from __future__ import annotations

from pathlib import Path

import click

from kithkin.cli.common import kith_of

FORMATS = ("json",)


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of stdout.",
)
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export everything, losslessly (JSON keeps every record and field)."""
    from kithkin.services.transfer import dumps, export_document, write_atomically

    text = dumps(export_document(kith_of(ctx)))
    if output:
        write_atomically(output, text)
        click.echo(f"Exported to {output}.", err=True)
    else:
        click.echo(text, nl=False)


@click.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Force the format.")
@click.pass_context
def import_cmd(ctx: click.Context, file: Path, fmt: str | None) -> None:
    """Import a file: all of it or, on any problem, nothing."""
    from kithkin.domain.errors import KithError
    from kithkin.services.transfer import import_json_file

    if fmt is None and file.suffix.lower() != ".json":
        raise KithError(
            f"{file}: cannot tell the format; Kithkin reads .json exports (--format json)"
        )
    added = import_json_file(kith_of(ctx), file)
    summary = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in added.items()) or "nothing new"
    click.echo(f"Imported {file}: {summary}.")
