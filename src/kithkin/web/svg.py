"""Inline SVG charts drawn on the server: pure functions returning :class:`Markup`.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (what a
screen reader says), a ``viewBox`` so it scales to any width, and colours given as
presentation attributes plus CSS classes (``insights.css`` refines them; the CSP
forbids ``style=""``). Every text embedded is escaped: labels are people's names.
An empty series gives a small "nothing yet" picture, never an exception.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from markupsafe import Markup, escape

__all__ = ["bar_chart", "histogram", "line_chart", "network_chart"]

#: The drawing box of the line, bar and histogram charts (in viewBox units).
WIDTH = 320
ACCENT = "#2f6f5e"
WARM = "#d98b3a"
MUTED = "#5d6660"
LINE = "#c9c2b5"


def _num(value: float) -> str:
    """A coordinate written short: ``12.5``, ``3``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _chart_id(kind: str, *parts: object) -> str:
    """A stable id for the title/desc of one chart (same chart, same id)."""
    digest = hashlib.sha1(repr((kind, parts)).encode()).hexdigest()[:10]
    return f"{kind}-{digest}"


def _frame(kind: str, label: str, desc: str, width: float, height: float, body: str) -> Markup:
    """Wrap ``body`` (already escaped SVG) in the accessible ``<svg>`` element."""
    cid = _chart_id(kind, label, desc, body)
    return Markup(
        f'<svg class="chart {kind}-chart" role="img" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{cid}-t {cid}-d" '
        f'font-family="system-ui, sans-serif" font-size="11">'
        f'<title id="{cid}-t">{escape(label)}</title>'
        f'<desc id="{cid}-d">{escape(desc)}</desc>{body}</svg>'
    )


def _empty(kind: str, label: str, message: str = "Nothing to show yet.") -> Markup:
    body = (
        f'<rect class="chart-empty-box" x="1" y="1" width="{WIDTH - 2}" height="58" rx="8" '
        f'fill="none" stroke="{LINE}" stroke-dasharray="4 4"/>'
        f'<text class="chart-empty" x="{WIDTH // 2}" y="34" text-anchor="middle" '
        f'fill="{MUTED}">{escape(message)}</text>'
    )
    return _frame(kind, label, f"{label}: {message}", WIDTH, 60, body)


def _fmt(value: float) -> str:
    return f"{value:g}" if abs(value) >= 0.01 or value == 0 else f"{value:.2g}"


def line_chart(
    points: Sequence[tuple[date, float]],
    *,
    label: str,
    y_min: float,
    y_max: float,
    y_ticks: Sequence[tuple[float, str]] = (),
) -> Markup:
    """A line over time: one dot per point, the y axis fixed to ``[y_min, y_max]``.

    Values outside the bounds are drawn at the edge. ``y_ticks`` are (value, label)
    gridlines, e.g. ``[(-2, "drains"), (0, "neutral"), (2, "fuels")]``.
    """
    pts = sorted(points, key=lambda p: p[0])
    if not pts:
        return _empty("line", label)
    height, left, right, top, bottom = 170.0, 56.0, 12.0, 12.0, 26.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    low, high = (y_min, y_max) if y_max > y_min else (y_min - 1, y_min + 1)

    def y_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return top + plot_h * (1 - (clamped - low) / (high - low))

    first, last = pts[0][0].toordinal(), pts[-1][0].toordinal()
    span = last - first

    def x_of(day: date) -> float:
        if span == 0:
            return left + plot_w / 2
        return left + plot_w * (day.toordinal() - first) / span

    parts: list[str] = [
        f'<line class="chart-axis" x1="{_num(left)}" y1="{_num(top)}" x2="{_num(left)}" '
        f'y2="{_num(top + plot_h)}" stroke="{LINE}"/>'
    ]
    for value, tick in y_ticks:
        if not low <= value <= high:
            continue
        ty = _num(y_of(value))
        parts.append(
            f'<line class="chart-gridline" x1="{_num(left)}" y1="{ty}" x2="{_num(WIDTH - right)}" '
            f'y2="{ty}" stroke="{LINE}" stroke-dasharray="2 3"/>'
            f'<text class="chart-tick" x="{_num(left - 4)}" y="{ty}" dy="3.5" text-anchor="end" '
            f'fill="{MUTED}">{escape(tick)}</text>'
        )
    coords = [(x_of(day), y_of(value)) for day, value in pts]
    if len(coords) > 1:
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
        parts.append(
            f'<polyline class="chart-line" points="{path}" fill="none" stroke="{ACCENT}" '
            f'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
        )
    for (day, value), (x, y) in zip(pts, coords, strict=True):
        parts.append(
            f'<circle class="chart-dot" cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="{ACCENT}">'
            f"<title>{escape(day.isoformat())}: {escape(_fmt(value))}</title></circle>"
        )
    base = _num(height - 8)
    parts.append(
        f'<text class="chart-tick" x="{_num(left)}" y="{base}" fill="{MUTED}">'
        f"{escape(pts[0][0].isoformat())}</text>"
    )
    if span:
        parts.append(
            f'<text class="chart-tick" x="{_num(WIDTH - right)}" y="{base}" text-anchor="end" '
            f'fill="{MUTED}">{escape(pts[-1][0].isoformat())}</text>'
        )
    desc = (
        f"{len(pts)} point{'s' if len(pts) != 1 else ''} from {pts[0][0].isoformat()} "
        f"to {pts[-1][0].isoformat()}, on a scale from {_fmt(y_min)} to {_fmt(y_max)}; "
        f"latest {_fmt(pts[-1][1])}."
    )
    return _frame("line", label, desc, WIDTH, height, "".join(parts))


def _short(text: str, most: int) -> str:
    """``text`` cut to ``most`` characters with an ellipsis (the full text goes in a tooltip)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    label: str,
    value_labels: Sequence[str] | None = None,
    max_value: float | None = None,
) -> Markup:
    """Horizontal bars, one row per (label, value), in the order given.

    Bars grow right from zero; when any value is negative the chart diverges from a
    middle line (negative bars left, in the warm colour). ``value_labels`` replace the
    numbers printed beside the bars (e.g. "22%"); ``max_value`` fixes the scale.
    """
    rows = [(name, float(value)) for name, value in items]
    if not rows:
        return _empty("bar", label)
    texts = list(value_labels) if value_labels is not None else [_fmt(v) for _, v in rows]
    texts += [_fmt(v) for _, v in rows[len(texts) :]]
    row_h, top, label_w = 22.0, 4.0, 112.0
    value_w = max(24.0, 6.2 * max(len(t) for t in texts) + 4)
    height = top * 2 + row_h * len(rows)
    diverging = any(v < 0 for _, v in rows)
    most = max_value if max_value and max_value > 0 else max(abs(v) for _, v in rows) or 1.0
    plot_w = WIDTH - label_w - value_w - 8
    zero = label_w + 6 + (plot_w / 2 if diverging else 0)
    scale = (plot_w / 2 if diverging else plot_w) / most
    parts = []
    if diverging:
        parts.append(
            f'<line class="chart-axis" x1="{_num(zero)}" y1="{_num(top)}" x2="{_num(zero)}" '
            f'y2="{_num(height - top)}" stroke="{LINE}"/>'
        )
    for i, ((name, value), text) in enumerate(zip(rows, texts, strict=False)):
        y = top + i * row_h
        mid = _num(y + row_h / 2)
        length = min(abs(value), most) * scale
        x = zero - length if value < 0 else zero
        cls, fill = ("chart-bar-neg", WARM) if value < 0 else ("chart-bar", ACCENT)
        parts.append(
            f'<g class="chart-row"><title>{escape(name)}: {escape(text)}</title>'
            f'<text class="chart-label" x="{_num(label_w)}" y="{mid}" dy="3.5" '
            f'text-anchor="end" fill="currentColor">{escape(_short(name, 20))}</text>'
            f'<rect class="{cls}" x="{_num(x)}" y="{_num(y + 4)}" width="{_num(max(length, 0.5))}" '
            f'height="{_num(row_h - 8)}" rx="2" fill="{fill}"/>'
            f'<text class="chart-value" x="{_num(WIDTH - 4)}" y="{mid}" dy="3.5" '
            f'text-anchor="end" fill="{MUTED}">{escape(text)}</text></g>'
        )
    listed = "; ".join(f"{name} {text}" for (name, _), text in zip(rows, texts, strict=False))
    desc = f"{len(rows)} bar{'s' if len(rows) != 1 else ''}: {listed}."
    return _frame("bar", label, desc, WIDTH, height, "".join(parts))


def histogram(
    bins: Sequence[tuple[str, float]],
    *,
    label: str,
    value_labels: Sequence[str] | None = None,
) -> Markup:
    """Vertical columns, one per (category, count), in the order given.

    All-zero (or no) bins give the empty picture: a distribution of nothing.
    """
    cols = [(name, max(0.0, float(value))) for name, value in bins]
    if not cols or not any(v for _, v in cols):
        return _empty("histogram", label)
    texts = list(value_labels) if value_labels is not None else [_fmt(v) for _, v in cols]
    texts += [_fmt(v) for _, v in cols[len(texts) :]]
    slanted = len(cols) > 5
    top, bottom, side = 16.0, (58.0 if slanted else 22.0), 8.0
    plot_h = 110.0
    height = top + plot_h + bottom
    slot = (WIDTH - 2 * side) / len(cols)
    most = max(v for _, v in cols)
    base = top + plot_h
    parts = [
        f'<line class="chart-axis" x1="{_num(side)}" y1="{_num(base)}" '
        f'x2="{_num(WIDTH - side)}" y2="{_num(base)}" stroke="{LINE}"/>'
    ]
    for i, ((name, value), text) in enumerate(zip(cols, texts, strict=False)):
        h = plot_h * value / most
        x = side + i * slot
        cx = _num(x + slot / 2)
        name_short = escape(_short(name, 14 if slanted else max(4, int(slot / 6.5))))
        if slanted:
            under = (
                f'<text class="chart-label" x="{cx}" y="{_num(base + 12)}" text-anchor="end" '
                f'transform="rotate(-40 {cx} {_num(base + 12)})" fill="currentColor">'
                f"{name_short}</text>"
            )
        else:
            under = (
                f'<text class="chart-label" x="{cx}" y="{_num(base + 15)}" text-anchor="middle" '
                f'fill="currentColor">{name_short}</text>'
            )
        parts.append(
            f'<g class="chart-col"><title>{escape(name)}: {escape(text)}</title>'
            f'<rect class="chart-bar" x="{_num(x + slot * 0.15)}" y="{_num(base - h)}" '
            f'width="{_num(slot * 0.7)}" height="{_num(max(h, 0.5))}" rx="2" fill="{ACCENT}"/>'
            f'<text class="chart-value" x="{cx}" y="{_num(base - h - 4)}" text-anchor="middle" '
            f'fill="{MUTED}">{escape(text)}</text>{under}</g>'
        )
    listed = "; ".join(f"{name} {text}" for (name, _), text in zip(cols, texts, strict=False))
    desc = f"{len(cols)} column{'s' if len(cols) != 1 else ''}: {listed}."
    return _frame("histogram", label, desc, WIDTH, height, "".join(parts))


#: The network drawing's box, and the margin kept for labels.
NET_W, NET_H, NET_PAD = 640.0, 460.0, 36.0
#: How each kind of link is drawn: (class, colour, dash).
EDGE_STYLES = {
    "interest": ("net-edge-interest", LINE, ""),
    "intro": ("net-edge-intro", WARM, ' stroke-dasharray="5 3"'),
}
EDGE_WORDS = {"interest": "shared interests", "intro": "introduced"}


def _label_place(
    x: float, y: float, r: float, near: Sequence[tuple[float, float]]
) -> tuple[float, float, str]:
    """Where a node's name goes: on the side away from the people it is linked to
    (away from the middle when it has none), kept inside the drawing."""
    if near:
        ax, ay = sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)
    else:
        ax, ay = NET_W / 2, NET_H / 2
    dx, dy = x - ax, y - ay
    if abs(dx) > abs(dy) * 1.5:
        lx, ly, anchor = (x + r + 3, y + 3.5, "start") if dx >= 0 else (x - r - 3, y + 3.5, "end")
    else:
        lx, ly, anchor = (x, y + r + 10, "middle") if dy >= 0 else (x, y - r - 4, "middle")
    if anchor == "middle" and x < NET_PAD + 40:
        anchor = "start"
    elif anchor == "middle" and x > NET_W - NET_PAD - 40:
        anchor = "end"
    if anchor == "start" and lx > NET_W - 100:
        lx, anchor = x - r - 3, "end"
    elif anchor == "end" and lx < 100:
        lx, anchor = x + r + 3, "start"
    return lx, ly, anchor


def network_chart(
    nodes: Sequence[Mapping[str, Any]],
    edges: Sequence[Mapping[str, Any]],
    *,
    label: str,
) -> Markup:
    """People as dots placed at their ``x``, ``y`` (0 … 1), linked by lines of two kinds.

    Each node has ``id``, ``name``, ``x``, ``y`` (and optionally ``links``, how many
    lines it has); each edge has ``source``, ``target`` (node ids) and ``kind``:
    "interest" (solid) or "intro" (dashed); a ``weight`` thickens it, ``shared`` (the
    phrases in common) goes in its tooltip.
    """
    if not nodes:
        return _empty("network", label, "Nobody is linked to anyone yet.")
    span_w, span_h = NET_W - 2 * NET_PAD, NET_H - 2 * NET_PAD - 16

    def at(n: Mapping[str, Any]) -> tuple[float, float]:
        x = min(max(float(n["x"]), 0.0), 1.0)
        y = min(max(float(n["y"]), 0.0), 1.0)
        return NET_PAD + x * span_w, NET_PAD + y * span_h

    where = {n["id"]: at(n) for n in nodes}
    names = {n["id"]: str(n["name"]) for n in nodes}
    parts = []
    drawn = 0
    neighbours: dict[Any, list[tuple[float, float]]] = {}
    for e in edges:
        if e["source"] not in where or e["target"] not in where:
            continue
        neighbours.setdefault(e["source"], []).append(where[e["target"]])
        neighbours.setdefault(e["target"], []).append(where[e["source"]])
        cls, colour, dash = EDGE_STYLES.get(str(e["kind"]), EDGE_STYLES["interest"])
        (x1, y1), (x2, y2) = where[e["source"]], where[e["target"]]
        weight = float(e.get("weight") or 1)
        what = EDGE_WORDS.get(str(e["kind"]), str(e["kind"]))
        shared = [str(s) for s in e.get("shared") or ()]
        if shared:
            what += ": " + ", ".join(shared)
        tip = f"{names[e['source']]} and {names[e['target']]}, {what}"
        parts.append(
            f'<line class="net-edge {cls}" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" '
            f'y2="{_num(y2)}" stroke="{colour}" stroke-width="{_num(min(1 + weight / 2, 3.5))}"'
            f"{dash}><title>{escape(tip)}</title></line>"
        )
        drawn += 1
    for n in nodes:
        x, y = where[n["id"]]
        links = int(n.get("links") or 0)
        r = min(4 + math.sqrt(links) * 1.5, 11)
        name = names[n["id"]]
        lx, ly, anchor = _label_place(x, y, r, neighbours.get(n["id"], []))
        parts.append(
            f'<g class="net-node"><title>{escape(name)}: {links} link{"s" if links != 1 else ""}'
            f'</title><circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{ACCENT}" '
            f'stroke="#fff" stroke-width="1"/>'
            f'<text class="net-label" x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}" '
            f'font-size="10" fill="currentColor">{escape(_short(name, 18))}</text></g>'
        )
    legend_y = NET_H - 12
    parts.append(
        f'<g class="net-legend" font-size="11">'
        f'<line class="net-edge net-edge-interest" x1="{_num(NET_PAD)}" y1="{_num(legend_y - 4)}" '
        f'x2="{_num(NET_PAD + 24)}" y2="{_num(legend_y - 4)}" stroke="{LINE}" stroke-width="2"/>'
        f'<text x="{_num(NET_PAD + 30)}" y="{_num(legend_y)}" fill="{MUTED}">'
        "shared interests</text>"
        f'<line class="net-edge net-edge-intro" x1="{_num(NET_PAD + 150)}" '
        f'y1="{_num(legend_y - 4)}" x2="{_num(NET_PAD + 174)}" y2="{_num(legend_y - 4)}" '
        f'stroke="{WARM}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{_num(NET_PAD + 180)}" y="{_num(legend_y)}" fill="{MUTED}">introduced</text></g>'
    )
    kinds = {k: sum(1 for e in edges if e["kind"] == k) for k in EDGE_STYLES}
    desc = (
        f"{len(nodes)} people and {drawn} links: {kinds['interest']} by shared interests, "
        f"{kinds['intro']} by introductions. Most linked: "
        + ", ".join(names[n["id"]] for n in nodes[:5])
        + "."
    )
    return _frame("network", label, desc, NET_W, NET_H, "".join(parts))
