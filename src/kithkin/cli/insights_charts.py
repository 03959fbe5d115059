"""Drawing primitives for Insights in the terminal: bars, sparklines, quiet tables, hints.

Imported only by ``kith insights`` (``render_insights`` and ``render_insights_network``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from kithkin.domain.summaries import SPARK

Out = dict[str, Any]
#: The widest the report grows, however wide the terminal.
MAX_WIDTH = 100
#: Eighths of a block, for bars drawn to a fraction of a cell.
_EIGHTHS = " ▏▎▍▌▋▊▉"
HINT = "dim italic"


def bar(fraction: float, width: int) -> str:
    """A bar ``fraction`` (0 … 1) of ``width`` cells long, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def spark_floats(values: Sequence[float | None], min_span: float = 0.0) -> str:
    """Floats as blocks from their lowest to their highest, the range widened around its
    middle to at least ``min_span`` (so noise does not look like a swing); a missing
    value is '·'."""
    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    if high - low < min_span:
        middle = (high + low) / 2
        low, high = middle - min_span / 2, middle + min_span / 2
    out = []
    for v in values:
        if v is None:
            out.append("·")
        elif high == low:
            out.append(SPARK[len(SPARK) // 2])
        else:
            out.append(SPARK[round((v - low) / (high - low) * (len(SPARK) - 1))])
    return "".join(out)


def percent(x: float | None) -> str:
    """0.217 → '22%'; None → '–'."""
    return "–" if x is None else f"{x:.0%}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def and_list(names: Sequence[str]) -> str:
    items = list(names)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def table(*columns: str, right: Sequence[int] = (), header: bool = True) -> Table:
    """A borderless table; ``right`` holds the indexes of right-aligned columns."""
    t = Table(
        box=None, pad_edge=False, header_style="bold dim", padding=(0, 2, 0, 0), show_header=header
    )
    for i, name in enumerate(columns):
        t.add_column(name, justify="right" if i in right else "left", no_wrap=i == 0)
    return t


def heading(c: Console, title: str) -> None:
    c.print()
    c.print(Rule(Text(title, style="bold"), align="left", style="dim"))


def hint(c: Console, text: str | Text, style: str = HINT) -> None:
    """An indented line; wrapped lines keep the indent."""
    line = Text(text, style=style) if isinstance(text, str) else text
    c.print(Padding(line, (0, 0, 0, 2), expand=False))


def indented(c: Console, renderable: Any) -> None:
    """A table or text, two cells in."""
    c.print(Padding(renderable, (0, 0, 0, 2), expand=False))


def more(c: Console, n: int, what: str) -> None:
    if n:
        hint(c, f"+ {n} more {what} (--top N shows more)")
