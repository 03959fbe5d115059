"""The server-drawn SVG charts: valid XML, escaped text, the right marks, empty states."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from markupsafe import Markup

from kithkin.web import svg

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & Co'
D0 = date(2026, 1, 1)


def parse(markup: Markup) -> ET.Element:
    assert isinstance(markup, Markup)
    root = ET.fromstring(str(markup))
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox") or "")
    assert "style" not in str(markup)  # the CSP forbids style attributes
    return root


def title_and_desc(root: ET.Element) -> tuple[str, str]:
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    ids = (root.get("aria-labelledby") or "").split()
    assert ids == [title.get("id"), desc.get("id")]
    return title.text or "", desc.text or ""


def texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter() if el.tag in (f"{NS}text", f"{NS}title")]


def test_line_chart_one_dot_per_point_within_the_axis_bounds() -> None:
    points = [(D0 + timedelta(days=30 * i), v) for i, v in enumerate([-2, 0, 1.5, 2, -1])]
    root = parse(
        svg.line_chart(points, label="Energy", y_min=-2, y_max=2, y_ticks=[(0, "neutral")])
    )
    dots = root.findall(f".//{NS}circle")
    assert len(dots) == 5
    ys = [float(c.get("cy") or "nan") for c in dots]
    xs = [float(c.get("cx") or "nan") for c in dots]
    assert xs == sorted(xs) and len(set(xs)) == 5  # in date order, spread over time
    # -2 at the bottom, +2 at the top, 0 in the middle of the two
    assert ys[0] == max(ys) and ys[3] == min(ys)
    assert ys[1] == pytest.approx((ys[0] + ys[3]) / 2)
    polyline = root.find(f".//{NS}polyline")
    assert polyline is not None and len((polyline.get("points") or "").split()) == 5
    title, desc = title_and_desc(root)
    assert title == "Energy" and "5 points" in desc and "latest -1" in desc
    assert "neutral" in texts(root)


def test_line_chart_values_outside_the_bounds_stay_inside_the_drawing() -> None:
    inside = parse(
        svg.line_chart([(D0, 2.0), (D0 + timedelta(1), -2.0)], label="x", y_min=-2, y_max=2)
    )
    outside = parse(
        svg.line_chart([(D0, 9.0), (D0 + timedelta(1), -9.0)], label="x", y_min=-2, y_max=2)
    )
    cy = [[c.get("cy") for c in r.findall(f".//{NS}circle")] for r in (inside, outside)]
    assert cy[0] == cy[1]


def test_a_single_point_and_a_flat_scale_do_not_break() -> None:
    root = parse(svg.line_chart([(D0, 1.0)], label="one", y_min=1, y_max=1))
    assert len(root.findall(f".//{NS}circle")) == 1
    assert root.find(f".//{NS}polyline") is None


@pytest.mark.parametrize(
    "chart",
    [
        lambda label: svg.line_chart([], label=label, y_min=0, y_max=1),
        lambda label: svg.bar_chart([], label=label),
        lambda label: svg.histogram([], label=label),
        lambda label: svg.histogram([("a", 0), ("b", 0)], label=label),
        lambda label: svg.network_chart([], [], label=label),
    ],
)
def test_empty_series_give_an_empty_state_picture(chart) -> None:  # type: ignore[no-untyped-def]
    root = parse(chart(HOSTILE))
    title, _ = title_and_desc(root)
    assert title == HOSTILE
    assert not root.findall(f".//{NS}circle") and not root.findall(
        f".//{NS}rect[@class='chart-bar']"
    )
    assert any("Nothing" in t or "Nobody" in t for t in texts(root))


def test_hostile_labels_are_escaped_everywhere() -> None:
    charts = [
        svg.line_chart([(D0, 1.0)], label=HOSTILE, y_min=0, y_max=2, y_ticks=[(1, HOSTILE)]),
        svg.bar_chart([(HOSTILE, 3.0)], label=HOSTILE, value_labels=[HOSTILE]),
        svg.histogram([(HOSTILE, 3.0)], label=HOSTILE),
        svg.network_chart(
            [
                {"id": 1, "name": HOSTILE, "x": 0.1, "y": 0.1},
                {"id": 2, "name": "B", "x": 1, "y": 1},
            ],
            [{"source": 1, "target": 2, "kind": "interest", "shared": [HOSTILE]}],
            label=HOSTILE,
        ),
    ]
    for markup in charts:
        assert "<script>" not in str(markup)
        assert "&lt;script&gt;" in str(markup)
        root = parse(markup)  # still well-formed XML
        assert not root.findall(f".//{NS}script")
        assert any(HOSTILE in t for t in texts(root))


def test_bar_chart_lengths_follow_the_values_and_negatives_go_left() -> None:
    root = parse(svg.bar_chart([("a", 4), ("b", 2), ("c", -2)], label="bars"))
    pos = root.findall(f".//{NS}rect[@class='chart-bar']")
    neg = root.findall(f".//{NS}rect[@class='chart-bar-neg']")
    assert len(pos) == 2 and len(neg) == 1
    widths = [float(r.get("width") or 0) for r in [*pos, *neg]]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] == pytest.approx(widths[1])
    zero = float(pos[0].get("x") or 0)
    assert float(neg[0].get("x") or 0) + widths[2] == pytest.approx(zero)
    assert "a" in texts(root) and "-2" in texts(root)


def test_bar_chart_max_value_fixes_the_scale() -> None:
    half = parse(svg.bar_chart([("rate", 50)], label="r", max_value=100))
    full = parse(svg.bar_chart([("rate", 100)], label="r", max_value=100))
    w = [float(r.find(f".//{NS}rect").get("width") or 0) for r in (half, full)]  # type: ignore[union-attr]
    assert w[0] == pytest.approx(w[1] / 2)


def test_histogram_one_column_per_bin_heights_in_proportion() -> None:
    bins = [("deep", 8), ("warm", 4), ("light", 0), ("faint", 2)]
    root = parse(svg.histogram(bins, label="Depth"))
    cols = root.findall(f".//{NS}rect")
    assert len(cols) == 4
    heights = [float(c.get("height") or 0) for c in cols]
    assert heights[0] == pytest.approx(2 * heights[1]) and heights[1] == pytest.approx(
        2 * heights[3]
    )
    assert {"deep", "warm", "light", "faint"} <= set(texts(root))
    many = parse(svg.histogram([(f"field {i}", i + 1) for i in range(10)], label="Fields"))
    assert len(many.findall(f".//{NS}rect")) == 10


def test_network_draws_every_node_and_both_kinds_of_edge() -> None:
    nodes = [
        {"id": 1, "name": "Maya", "x": 0.0, "y": 0.0, "links": 2},
        {"id": 2, "name": "Kai", "x": 1.0, "y": 0.5, "links": 1},
        {"id": 3, "name": "Ben", "x": 0.5, "y": 1.0, "links": 1},
    ]
    edges = [
        {"source": 1, "target": 2, "kind": "interest", "weight": 2, "shared": ["climbing"]},
        {"source": 1, "target": 3, "kind": "intro", "weight": 1},
        {"source": 1, "target": 99, "kind": "intro"},  # not in the picture: skipped
    ]
    root = parse(svg.network_chart(nodes, edges, label="Network"))
    assert len(root.findall(f".//{NS}circle")) == 3
    lines = root.findall(f".//{NS}line")
    kinds = [ln.get("class") for ln in lines if "net-edge" in (ln.get("class") or "")]
    assert kinds.count("net-edge net-edge-interest") == 2  # one edge + the legend
    assert kinds.count("net-edge net-edge-intro") == 2
    words = texts(root)
    assert {"Maya", "Kai", "Ben"} <= set(words)
    assert any("climbing" in w for w in words)
    _, desc = title_and_desc(root)
    assert "3 people and 2 links" in desc
    xs = [float(c.get("cx") or 0) for c in root.findall(f".//{NS}circle")]
    width = float((root.get("viewBox") or "").split()[2])
    assert all(0 < x < width for x in xs)
