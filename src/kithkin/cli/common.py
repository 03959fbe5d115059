"""Helpers every command module shares: the open database, JSON output, the console."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from kithkin.services.context import Kith


def kith_of(ctx: click.Context) -> Kith:
    """The open database for this run."""
    state = ctx.find_root().obj
    return state.kith()


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    """Data as indented JSON (dates as ISO text)."""
    return json.dumps(data, default=_default, ensure_ascii=False, indent=2)


def emit_json(data: Any) -> None:
    """Print data as JSON on stdout."""
    click.echo(to_json(data))


def console() -> Console:
    """A Rich console on stdout (imported only by commands that draw)."""
    from rich.console import Console

    return Console(highlight=False)


def complete_person(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of people's names from the current database."""
    from click.shell_completion import CompletionItem

    from kithkin.cli.main import State
    from kithkin.services.people import list_people

    root = ctx.find_root()
    state = (
        root.obj
        if isinstance(root.obj, State)
        else State(root.params.get("db"), bool(root.params.get("demo")), None)
    )
    try:
        names = [p["name"] for p in list_people(state.kith())]
    except Exception:  # completion must never break the shell
        return []
    finally:
        state.close()
    low = incomplete.lower()
    return [CompletionItem(n) for n in names if low in n.lower()][:50]


person_argument = click.argument("person", shell_complete=complete_person)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def pair_words(mine: str, theirs: str) -> str:
    """One shared interest in words: the phrase once, or 'mine ~ theirs' by meaning."""
    return mine if mine == theirs else f"{mine} ~ {theirs}"
