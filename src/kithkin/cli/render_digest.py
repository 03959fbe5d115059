"""The weekly digest as terminal text (one screen, ~100 columns) or as Markdown.

Both read the same :class:`kithkin.domain.digest.Digest`; neither decides anything.
Long sections show their first ``SHOW`` items and say how many more there are.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

import click

from kithkin.domain.digest import Digest, Nudge, PromiseLine
from kithkin.domain.summaries import sparkline

#: Items shown per list before "and N more".
SHOW = 6
#: Text width.
WIDTH = 100
#: Words put before a reason where the reason alone does not name what it is.
_KIND_LABEL = {"kindness": "kindness owed"}
#: What an empty section says.
BALANCED = "Nothing out of balance: giving and getting, even."
NOBODY_DRIFTING = "Nobody close is drifting away."
NOTHING_AHEAD = "Nothing due: no birthdays, no check-ins. A week for whoever you like."
QUIET = "A quiet week: nothing logged. Rest counts too."
NO_PROMISES = "No promise kept, lapsed or due this week."
FOOTER = "`kith today` for today's list · `kith digest --format markdown` to e-mail this"

T = TypeVar("T")
#: Keeps a name (or a date) on one line when text is wrapped; printed as a space.
NBSP = "\u00a0"


def _span(d: Digest) -> str:
    start, end = d.week.start, d.week.end
    return f"{start.strftime('%a %d %b')} – {end.strftime('%a %d %b %Y')}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


def _energy_words(d: Digest) -> str:
    e = d.energy
    if not e.rated:
        return "no moment rated this week"
    text = (
        f"{_signed(e.energy_in)} in, {_signed(e.energy_out)} out, net {_signed(e.net)} "
        f"over {_plural(e.rated, 'rated moment')}"
    )
    return text


def _who(people: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{name} ({_signed(n)})" for name, n in people)


def _strip(values: Sequence[int | None]) -> str:
    """Each day's net energy as a sparkline block (−2 … +2), '·' on a day with none rated."""
    return "".join("·" if v is None else sparkline([v]) for v in values)


def _exchanges(d: Digest, gave: bool) -> str:
    items = d.given if gave else d.received
    if not items:
        return "nothing logged"
    return ", ".join(f"{x.kind} {'to' if gave else 'from'} {x.name}" for x in items)


def _short_day(on: date, today: date) -> str:
    return "today" if on == today else on.strftime("%a %d %b")


def _capped(items: Sequence[T], show: int = SHOW) -> tuple[Sequence[T], int]:
    return items[:show], max(0, len(items) - show)


# --- text ------------------------------------------------------------------------------


def _wrap(text: str, indent: int, first: str = "") -> list[str]:
    lines = textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first or " " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
    )
    return [line.replace(NBSP, " ") for line in lines] or [first.rstrip()]


def _heading(title: str) -> str:
    return click.style(title, bold=True)


def _row(
    label: str, text: str, width: int, *, style: Callable[[str], str] | None = None
) -> list[str]:
    """'  label    text', wrapped under the text, the label styled."""
    pad = "  " + label.ljust(width) + "  "
    lines = _wrap(text, len(pad), pad)
    if style:
        lines[0] = lines[0].replace(label, style(label), 1)
    return lines


def _name(text: str) -> str:
    return click.style(text, fg="cyan", bold=True)


def _dim(text: str) -> str:
    return click.style(text, dim=True)


def _more(n: int, where: str, indent: int = 2) -> list[str]:
    return [_dim(" " * indent + f"… and {n} more ({where})")] if n else []


def _text_behind(d: Digest) -> list[str]:
    out = [_heading("The week behind")]
    if d.quiet:
        out.append(f"  {QUIET}")
        return out
    if d.contacts:
        shown, more = _capped(d.contacts, 10)
        people = ", ".join(
            f"{c.name} ({', '.join(c.kinds)}{f' ×{c.moments}' if c.moments > 1 else ''})"
            for c in shown
        )
        if more:
            people += f", and {more} more"
        head = f"{_plural(len(d.contacts), 'person', 'people')} in {_plural(d.moments, 'moment')}"
        out += _row("In touch", f"{head}: {people}", 9)
    e = d.energy
    energy = _energy_words(d)
    if e.rated:
        first, last = d.week.start.strftime("%a"), d.week.end.strftime("%a")
        energy += f"   {_dim(first)} {_strip(e.daily)} {_dim(last)}"
    out += _row("Energy", energy, 9)
    if e.fuelled_by:
        out += _row("", "fuelled by " + _who([(p.name, p.energy) for p in e.fuelled_by]), 9)
    if e.drained_by:
        out += _row("", "drained by " + _who([(p.name, p.energy) for p in e.drained_by]), 9)
    out += _row("Gave", _exchanges(d, True), 9)
    out += _row("Received", _exchanges(d, False), 9)
    if d.replies:
        out += _row("Replies", "; ".join(f"{r.name} {r.words}" for r in d.replies), 9)
    return out


_PROMISE_COLOUR = {"kept": "green", "lapsed": "yellow", "due": "blue"}
_PROMISE_MORE = (
    ("kept", "kith follow-ups --all"),
    ("lapsed", "kith follow-ups"),
    ("due", "kith follow-ups"),
)


def _promise_text(p: PromiseLine, width: int) -> list[str]:
    fresh = ", this week" if p.this_week else ""
    text = f"{p.name.ljust(width)}  {p.text} ({p.words}{fresh})"
    lines = _row(p.state, text, 6, style=lambda s: click.style(s, fg=_PROMISE_COLOUR[p.state]))
    lines[0] = lines[0].replace(p.name, _name(p.name), 1)
    return lines


def _text_promises(d: Digest) -> list[str]:
    out = [_heading("Promises")]
    pr = d.promises
    every = [*pr.kept, *pr.lapsed, *pr.due]
    if not every:
        return [*out, f"  {NO_PROMISES}"]
    width = min(20, max(len(p.name) for p in every))
    for state, where in _PROMISE_MORE:
        shown, more = _capped(getattr(pr, state))
        for p in shown:
            out += _promise_text(p, width)
        out += _more(more, where)
    return out


def _text_nudges(title: str, items: Sequence[Nudge], empty: str) -> list[str]:
    out = [_heading(title)]
    if not items:
        return [*out, f"  {empty}"]
    shown, more = _capped(items)
    width = min(20, max(len(n.name) for n in shown))
    for n in shown:
        words = f"{_KIND_LABEL[n.kind]}: {n.words}" if n.kind in _KIND_LABEL else n.words
        lines = _row(n.name, words, width, style=_name)
        out += lines
        out += [_dim(x) for x in _wrap("→ " + n.action, width + 4)]
    out += _more(more, "kith today -n 50")
    return out


def _names(items: Sequence[tuple[str, str]], limit: int = 8, glue: str = " ") -> str:
    """'Kai Nguyen (today), Inês Castillo (Sun 22 Nov)'; ``glue`` joins the words of
    one item (NBSP keeps each item on one line when wrapped)."""
    shown, more = _capped(items, limit)
    text = ", ".join(
        (f"{name} ({when})" if when else name).replace(" ", glue) for name, when in shown
    )
    return text + (f", and {more} more" if more else "")


def _text_ahead(d: Digest) -> list[str]:
    out = [_heading("The week ahead")]
    today = d.week.end
    if d.birthdays:
        text = "; ".join(f"{b.name}, {b.words}" for b in d.birthdays)
        out += _row("Birthdays", text, 10)
    coming = [c for c in d.check_ins if c.due_on is not None and c.due_on >= today]
    overdue = [c for c in d.check_ins if c.due_on is None or c.due_on < today]
    if coming:
        items = [(c.name, _short_day(c.due_on, today)) for c in coming if c.due_on]
        out += _row("Check-ins", _names(items, glue=NBSP), 10)
    if overdue:
        out += _row("Overdue", _names([(c.name, "") for c in overdue], glue=NBSP), 10)
    for i, n in enumerate(d.waiting):
        out += _row("" if i else "No reply", f"{n.name}: {n.words}", 10)
    if len(out) == 1:
        out.append(f"  {NOTHING_AHEAD}")
    return out


def render_text(d: Digest) -> None:
    """Print the digest for the terminal."""
    sections = [
        [_heading(f"Your week · {_span(d)}")],
        _text_behind(d),
        _text_promises(d),
        _text_nudges("Give and take", d.reciprocity, BALANCED),
        _text_nudges("Drifting", d.drifting, NOBODY_DRIFTING),
        _text_ahead(d),
        [_dim(FOOTER)],
    ]
    click.echo("\n\n".join("\n".join(s) for s in sections))


# --- markdown --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def md(text: str) -> str:
    """User text made literal in Markdown (every special character escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_words(text: str) -> str:
    """Kithkin's own words in Markdown: `code spans` kept, everything else literal."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: treat all of it as text
        return md(text)
    return "".join(f"`{p}`" if i % 2 else md(p) for i, p in enumerate(parts))


def _md_list(items: Sequence[str], more: int = 0, where: str = "") -> list[str]:
    out = [f"- {x}" for x in items]
    if more:
        out.append(f"- …and {more} more (`{where}`)")
    return out


def _md_behind(d: Digest) -> list[str]:
    out = ["## The week behind", ""]
    if d.quiet:
        return [*out, QUIET]
    items = []
    if d.contacts:
        shown, more = _capped(d.contacts, 10)
        people = ", ".join(
            f"{md(c.name)} ({md(', '.join(c.kinds))}{f' ×{c.moments}' if c.moments > 1 else ''})"
            for c in shown
        )
        if more:
            people += f", and {more} more"
        who = _plural(len(d.contacts), "person", "people")
        items.append(f"**In touch with {who}** in {_plural(d.moments, 'moment')}: {people}")
    energy = f"**Energy:** {md(_energy_words(d))}"
    e = d.energy
    if e.fuelled_by:
        energy += "; fuelled by " + md(_who([(p.name, p.energy) for p in e.fuelled_by]))
    if e.drained_by:
        energy += "; drained by " + md(_who([(p.name, p.energy) for p in e.drained_by]))
    items.append(energy)
    items.append(f"**Gave:** {md(_exchanges(d, True))}")
    items.append(f"**Received:** {md(_exchanges(d, False))}")
    if d.replies:
        items.append(
            "**Replies:** " + "; ".join(f"{md(r.name)} {md_words(r.words)}" for r in d.replies)
        )
    return out + _md_list(items)


def _md_promise(p: PromiseLine) -> str:
    fresh = ", this week" if p.this_week else ""
    label = {"kept": "Kept", "lapsed": "Lapsed", "due": "Due"}[p.state]
    return f"**{label}:** {md(p.name)}: {md(p.text)} ({md(p.words)}{fresh})"


def _md_promises(d: Digest) -> list[str]:
    out = ["## Promises", ""]
    pr = d.promises
    if not (pr.kept or pr.lapsed or pr.due):
        return [*out, NO_PROMISES]
    for state, where in _PROMISE_MORE:
        shown, more = _capped(getattr(pr, state))
        out += _md_list([_md_promise(p) for p in shown], more, where)
    return out


def _md_nudges(title: str, items: Sequence[Nudge], empty: str) -> list[str]:
    out = [f"## {title}", ""]
    if not items:
        return [*out, empty]
    shown, more = _capped(items)
    for n in shown:
        words = f"{_KIND_LABEL[n.kind]}: {n.words}" if n.kind in _KIND_LABEL else n.words
        out.append(f"- **{md(n.name)}:** {md_words(words)}")
        out.append(f"  - → {md_words(n.action)}")
    if more:
        out.append(f"- …and {more} more (`kith today -n 50`)")
    return out


def _md_ahead(d: Digest) -> list[str]:
    out = ["## The week ahead", ""]
    today = d.week.end
    items = []
    if d.birthdays:
        items.append(
            "**Birthdays:** " + "; ".join(f"{md(b.name)}, {md(b.words)}" for b in d.birthdays)
        )
    coming = [
        (c.name, _short_day(c.due_on, today)) for c in d.check_ins if c.due_on and c.due_on >= today
    ]
    overdue = [(c.name, "") for c in d.check_ins if c.due_on is None or c.due_on < today]
    if coming:
        items.append(f"**Check-ins due:** {md(_names(coming))}")
    if overdue:
        items.append(f"**Check-ins overdue:** {md(_names(overdue))}")
    if d.waiting:
        waits = "".join(f"\n  - {md(n.name)}: {md_words(n.words)}" for n in d.waiting)
        items.append(f"**Still waiting for a reply:**{waits}")
    if not items:
        return [*out, NOTHING_AHEAD]
    return out + _md_list(items)


def render_markdown(d: Digest) -> str:
    """The digest as Markdown, ready to e-mail to yourself (no colour codes)."""
    blocks = [
        [f"# Your week: {_span(d)}"],
        _md_behind(d),
        _md_promises(d),
        _md_nudges("Give and take", d.reciprocity, BALANCED),
        _md_nudges("Drifting", d.drifting, NOBODY_DRIFTING),
        _md_ahead(d),
        ["---", "", "*Made by Kithkin on your own machine. Nothing left it.*"],
    ]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"
