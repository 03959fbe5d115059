"""Tables for lists: people, follow-ups, introductions, opportunities, saved items."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.table import Table

from kithkin.cli.common import console
from kithkin.domain.dates import humanize_delta


def render_people(rows: list[dict[str, Any]], today: date) -> None:
    """Everyone, with last seen and tags (plain columns: fast for thousands of people)."""
    import click

    from kithkin.cli.table import print_table

    table = [
        [
            str(r["id"]),
            r["name"],
            humanize_delta(r["last_seen"], today) if r["last_seen"] else "never",
            str(r["moments"]),
            "" if r["status"] == "active" else r["status"],
            " ".join(r["tags"]),
        ]
        for r in rows
    ]
    print_table(
        ["#", "name", "last seen", "moments", "status", "tags"],
        table,
        right=(0, 3),
        dim_columns=(2,),
    )
    click.echo(click.style(f"{len(rows)} people", dim=True))


def render_follow_ups(rows: list[dict[str, Any]], today: date) -> None:
    """Promises, overdue in red."""
    t = Table(box=None, pad_edge=False)
    for col in ("#", "person", "promise", "due"):
        t.add_column(col)
    for r in rows:
        due = f"{r['due']} ({humanize_delta(r['due'], today)})" if r["due"] else "-"
        if r["done"]:
            due = f"done {r['done']}"
        style = "red" if r["overdue"] else None
        t.add_row(str(r["id"]), r["person"], r["text"], due, style=style)
    console().print(t if rows else "[dim]No open follow-ups. Promises kept.[/dim]")


def render_intros(rows: list[dict[str, Any]]) -> None:
    """Introductions and where each stands."""
    t = Table(box=None, pad_edge=False)
    for col in ("#", "between", "status", "since", "why / outcome"):
        t.add_column(col)
    for r in rows:
        agreed = [
            n for n, d in ((r["a_name"], r["a_agreed_on"]), (r["b_name"], r["b_agreed_on"])) if d
        ]
        status = r["status"]
        if status == "proposed" and agreed:
            status = f"proposed ({', '.join(agreed)} agreed)"
        t.add_row(
            str(r["id"]),
            f"{r['a_name']} ↔ {r['b_name']}",
            status,
            str(r["proposed_on"]),
            r["outcome"] or r["reason"] or "",
        )
    console().print(t if rows else "[dim]No introductions yet: `kith intro A B`.[/dim]")


def render_opportunities(rows: list[dict[str, Any]]) -> None:
    """Opportunities and the chain of people behind each."""
    t = Table(box=None, pad_edge=False)
    for col in ("date", "kind", "opportunity", "value", "came through"):
        t.add_column(col)
    for r in rows:
        value = "★" * r["value"] if r["value"] else ""
        t.add_row(str(r["occurred_on"]), r["kind"], r["title"], value, " → ".join(r["chain"]))
    console().print(t if rows else "[dim]No opportunities recorded yet.[/dim]")


def render_saved(rows: list[dict[str, Any]]) -> None:
    """Saved links, notes and memes with their topics."""
    t = Table(box=None, pad_edge=False)
    for col in ("#", "saved", "kind", "item", "topics"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            str(r["id"]),
            str(r["saved_on"]),
            r["kind"],
            r["url"] or r["text"] or "",
            ", ".join(r["topics"]),
        )
    console().print(t if rows else "[dim]Nothing saved yet: `kith save URL --topic ...`.[/dim]")
