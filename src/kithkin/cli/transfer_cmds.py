"""`kith export` and `kith import`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kithkin.cli.common import emit_json, kith_of

if TYPE_CHECKING:
    from kithkin.services.importing import ImportReport

EXPORT_FORMATS = ("json", "vcard", "vdir", "csv")
IMPORT_FORMATS = ("vcard", "linkedin", "google", "json")
_SUFFIX = {".vcf": "vcard", ".vcard": "vcard", ".csv": "csv", ".json": "json"}


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal (none when output is piped)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield step


@click.command(name="export")
@click.argument("dest", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="json (lossless, the default), vcard (one 4.0 file), vdir (a folder, one card "
    "per person) or csv. Guessed from DEST's suffix when not given.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Same as DEST: write here (atomically) instead of stdout.",
)
@click.pass_context
def export_cmd(ctx: click.Context, dest: Path | None, fmt: str | None, output: Path | None) -> None:
    """Export everyone: JSON keeps every record and field; vCard, vdir and CSV are for
    other tools (Kithkin's own fields travel in vCards as X-KITHKIN-* properties).

    \b
    kith export backup.json
    kith export --format vcard contacts.vcf
    kith export --format vdir ~/.contacts/kithkin
    kith export --format csv people.csv
    """
    from kithkin.domain.errors import KithError
    from kithkin.services import exporting

    target = dest or output
    fmt = fmt or (_SUFFIX.get(target.suffix.lower()) if target else None) or "json"
    kith = kith_of(ctx)
    if target is None:
        if fmt == "vdir":
            raise KithError("a vdir export needs a folder: kith export --format vdir DIR")
        if fmt == "json":
            from kithkin.services.transfer import dumps, export_document

            click.echo(dumps(export_document(kith)), nl=False)
        elif fmt == "vcard":
            click.echo(exporting.vcard_text(kith), nl=False)
        else:
            click.echo(exporting.csv_text(kith), nl=False)
        return
    with _progress("Writing cards") as step:
        n = exporting.export_to(kith, fmt, target, step)
    what = "cards" if fmt == "vdir" else fmt.upper() if fmt != "vcard" else "vCard"
    click.echo(f"Exported {n} {'person' if n == 1 else 'people'} to {target} ({what}).", err=True)


@click.command(name="import")
@click.argument("path", metavar="FILE-OR-FOLDER", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    help="Force the format (else it is detected from the content).",
)
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Import the records that can be read and report the others "
    "(by default one bad record stops the whole import).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def import_cmd(
    ctx: click.Context, path: Path, fmt: str | None, skip_bad: bool, as_json: bool
) -> None:
    """Import contacts: a vCard file (2.1, 3.0, 4.0) or vdir folder, LinkedIn
    Connections.csv, Google Contacts CSV, or Kithkin's JSON. All of it or, on any
    problem, nothing. Importing the same file again adds no one twice; people with the
    same e-mail, phone or profile link merge; likely duplicates wait in `kith duplicates`.
    """
    from kithkin.services.importing import import_path

    kith = kith_of(ctx)
    with _progress("Reading") as step:
        report = import_path(kith, path, fmt, skip_bad=skip_bad, progress=step)
    if as_json:
        emit_json(report.as_dict())
        return
    if report.format == "json":
        summary = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in report.records.items())
        click.echo(f"Imported {path}: {summary or 'nothing new'}.")
        return
    click.echo(_summary(report))


def _summary(report: ImportReport) -> str:
    names = {"vcard": "vCard", "linkedin": "LinkedIn", "google": "Google Contacts"}
    parts = []
    if report.added:
        parts.append(f"{report.added} new {'person' if report.added == 1 else 'people'}")
    if report.merged:
        n = len(report.merged)
        parts.append(f"{n} merged by a shared e-mail, phone or link")
    if report.updated:
        parts.append(
            f"{report.updated} known {'person' if report.updated == 1 else 'people'} filled in"
        )
    if report.unchanged:
        parts.append(f"{report.unchanged} already here")
    lines = [
        f"Imported {report.file} ({names.get(report.format, report.format)}): "
        + (", ".join(parts) or "no one")
        + "."
    ]
    for m in report.merged[:10]:
        lines.append(f"  {m['name']} → {m['into']} ({m['why']})")
    if len(report.merged) > 10:
        lines.append(f"  … and {len(report.merged) - 10} more")
    if report.duplicates:
        n = report.duplicates
        lines.append(f"{n} possible duplicate{'s' if n != 1 else ''} to review: kith duplicates")
    if report.problems:
        n = len(report.problems)
        lines.append(f"Skipped {n} record{'s' if n != 1 else ''} that could not be read:")
        lines += [f"  {p}" for p in report.problems[:20]]
        if n > 20:
            lines.append(f"  … and {n - 20} more (--json lists them all)")
    return "\n".join(lines)
