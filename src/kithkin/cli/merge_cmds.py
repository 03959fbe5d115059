"""`kith duplicates / merge / unmerge`: likely duplicates, merging them, undoing it."""

from __future__ import annotations

import sys
from typing import Any

import click

from kithkin.cli.common import emit_json, json_option, kith_of

#: How each count of a merge reads, singular and plural.
_WORDS = {
    "moments": ("moment", "moments"),
    "follow_ups": ("follow-up", "follow-ups"),
    "ledger": ("ledger entry", "ledger entries"),
    "introductions": ("introduction", "introductions"),
    "opportunities": ("opportunity", "opportunities"),
    "interests": ("interest", "interests"),
    "channels": ("channel", "channels"),
    "tags": ("tag", "tags"),
    "dates": ("date", "dates"),
    "relations": ("relation", "relations"),
    "sources": ("import source", "import sources"),
    "properties": ("vCard property", "vCard properties"),
    "saved_items": ("saved-item match", "saved-item matches"),
    "saved": ("saved-item match", "saved-item matches"),
    "dismissals": ("dismissal", "dismissals"),
    "office_hours": ("office hours", "office hours"),
    "photo": ("photo", "photos"),
    "introduced": ("person they introduced", "people they introduced"),
}


def _interactive() -> bool:
    return sys.stdin.isatty()


def counted(counts: dict[str, int]) -> str:
    """Non-zero counts in words: '3 moments, 1 ledger entry'."""
    parts = []
    for key, n in counts.items():
        if n:
            one, many = _WORDS.get(key, (key.replace("_", " "), key.replace("_", " ")))
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


@click.command()
@click.option("--scan", is_flag=True, help="Look through everyone first (not only new imports).")
@click.option(
    "--dismiss",
    nargs=2,
    metavar="A B",
    default=None,
    help="Say two people are not the same person; the pair is not offered again.",
)
@json_option
@click.pass_context
def duplicates(
    ctx: click.Context, scan: bool, dismiss: tuple[str, str] | None, as_json: bool
) -> None:
    """People who may be one person twice, with the evidence and the merge command."""
    from kithkin.services import dedupe

    kith = kith_of(ctx)
    if dismiss:
        a, b = dedupe.dismiss(kith, dismiss[0], dismiss[1])
        click.echo(f"Noted: {a} and {b} are two people; they will not be offered again.")
        return
    added = dedupe.scan(kith) if scan else None
    rows = dedupe.candidates(kith)
    if as_json:
        emit_json(rows)
        return
    if added is not None:
        click.echo(f"Looked through everyone: {added} new pair{'s' if added != 1 else ''}.")
    if not rows:
        hint = "" if scan else " (`kith duplicates --scan` looks through everyone)"
        click.echo(f"No likely duplicates{hint}.")
        return
    for i, r in enumerate(rows, 1):
        a, b = r["a"], r["b"]
        click.echo(f"{i}. {a['name']} [#{a['id']}] ~ {b['name']} [#{b['id']}]")
        click.echo(f"   {', '.join(r['evidence'])}")
        click.echo(f"   {r['merge']}")
    click.echo('Not the same person? kith duplicates --dismiss "#A" "#B"')


def _value(v: Any) -> str:
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


def render_preview(p: dict[str, Any]) -> None:
    """What a merge does, in words."""
    kept, gone = p["kept"], p["absorbed"]
    click.echo(f"Keep {kept['name']} [#{kept['id']}]; absorb {gone['name']} [#{gone['id']}].")
    moved = counted(p["moved"])
    click.echo(f"  Moves to {kept['name']}: {moved or 'nothing'}.")
    shared = counted(p["already_shared"])
    if shared:
        click.echo(f"  Already theirs, kept once: {shared}.")
    if p["set_aside"]["introductions"]:
        n = p["set_aside"]["introductions"]
        click.echo(
            f"  {counted({'introductions': n})} between the two set aside"
            " (it comes back with `kith unmerge`)."
        )
    for field, value in p["fills"].items():
        click.echo(f"  Fills {field}: {_value(value)}")
    for c in p["conflicts"]:
        click.echo(f"  Keeps {c['field']}: {_value(c['kept'])} (not {_value(c['absorbed'])})")
    if p["conflicts_kept_in_notes"]:
        click.echo(f"  {gone['name']}'s differing values and notes go into the notes.")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--yes", is_flag=True, help="Merge without asking.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; change nothing.")
@json_option
@click.pass_context
def merge(ctx: click.Context, a: str, b: str, yes: bool, dry_run: bool, as_json: bool) -> None:
    """Merge B into A: A is kept with everything of both; `kith unmerge` undoes it."""
    from kithkin.domain.errors import KithError
    from kithkin.services import merge as merging

    kith = kith_of(ctx)
    plan = merging.preview(kith, a, b)
    if dry_run:
        if as_json:
            emit_json(plan)
        else:
            render_preview(plan)
        return
    kept, gone = plan["kept"], plan["absorbed"]
    if not yes:
        if not _interactive():
            raise KithError(
                f"merging {gone['name']} into {kept['name']} needs a yes: add --yes "
                "(or --dry-run to see what it would do)"
            )
        render_preview(plan)
        click.confirm("Merge?", abort=True)
    done = merging.merge(kith, f"#{kept['id']}", f"#{gone['id']}")
    if as_json:
        emit_json(done)
        return
    moved = counted(done["moved"])
    click.echo(
        f"Merged {gone['name']} into {kept['name']} [#{kept['id']}]"
        f"{': ' + moved + ' moved' if moved else ''}."
    )
    click.echo(f"Undo with: kith unmerge --merge {done['merge'][:12]}")


@click.command()
@click.argument("person", required=False)
@click.option("--merge", "merge_uid", metavar="UID", help="Undo this merge (see --list).")
@click.option("--list", "show_list", is_flag=True, help="List every merge, newest first.")
@json_option
@click.pass_context
def unmerge(
    ctx: click.Context, person: str | None, merge_uid: str | None, show_list: bool, as_json: bool
) -> None:
    """Undo the latest merge into PERSON (or --merge UID): both come back as they were."""
    from kithkin.services import merge as merging

    kith = kith_of(ctx)
    if show_list:
        rows = merging.history(kith)
        if as_json:
            emit_json(rows)
            return
        if not rows:
            click.echo("No merges yet.")
            return
        for r in rows:
            state = f"undone {_value(r['undone_at'])[:10]}" if r["undone_at"] else "in place"
            click.echo(
                f"{r['merge'][:12]}  {_value(r['merged_at'])[:10]}  "
                f"{r['absorbed']['name']} -> {r['kept']['name']} [#{r['kept']['id']}]  ({state})"
            )
        return
    if not person and not merge_uid:
        raise click.UsageError("name the person kept, or give --merge UID (see --list)")
    done = merging.unmerge(kith, person, merge_uid)
    if as_json:
        emit_json(done)
        return
    back = counted(done["back"])
    r, k = done["restored"], done["kept"]
    click.echo(
        f"Unmerged {r['name']} [#{r['id']}] from {k['name']} [#{k['id']}]"
        f"{': ' + back + ' went back' if back else ''}."
    )
