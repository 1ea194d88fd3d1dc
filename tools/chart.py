"""A small hand-written SVG bar chart for the evaluation report (no plotting library needed).

Each group is one figure (e.g. "es held-out topic accuracy") with one bar per system and the
bar's 95 % interval as a whisker: overlapping whiskers say the gap may be chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from tools.metrics import Rate

COLOURS = ("#1b6ca8", "#e08a2c", "#7a7a7a", "#3c9d5d")
BAR, GAP, GROUP_GAP = 22, 4, 30
LEFT, TOP, HEIGHT, BOTTOM = 44, 36, 200, 58


@dataclass(frozen=True)
class Group:
    label: str
    rates: Sequence[Rate]  # one per system, in the legend's order


def bar_chart(title: str, systems: Sequence[str], groups: Sequence[Group]) -> str:
    """SVG text: groups of bars from 0 to 1 with Wilson whiskers, a legend and a title."""
    width_per_group = len(systems) * (BAR + GAP) + GROUP_GAP
    width = LEFT + len(groups) * width_per_group + 20
    height = TOP + HEIGHT + BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    parts += _axis(width)
    for index, group in enumerate(groups):
        x0 = LEFT + 10 + index * width_per_group
        for offset, rate in enumerate(group.rates):
            parts += _bar(x0 + offset * (BAR + GAP), rate, COLOURS[offset % len(COLOURS)])
        centre = x0 + (len(group.rates) * (BAR + GAP)) / 2
        parts.append(
            f'<text x="{centre:.0f}" y="{TOP + HEIGHT + 16}" text-anchor="middle">'
            f"{escape(group.label)}</text>"
        )
    parts += _legend(systems, TOP + HEIGHT + 36)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _y(value: float) -> float:
    return TOP + HEIGHT * (1 - value)


def _axis(width: int) -> list[str]:
    lines = []
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = _y(tick)
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        lines.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:.2f}</text>')
    return lines


def _bar(x: float, rate: Rate, colour: str) -> list[str]:
    value, interval = rate.value, rate.interval()
    if value is None or interval is None:
        return [
            f'<text x="{x + BAR / 2:.0f}" y="{_y(0) - 4:.0f}" text-anchor="middle">&#8211;</text>'
        ]
    low, high = interval
    centre = x + BAR / 2
    return [
        f'<rect x="{x:.0f}" y="{_y(value):.1f}" width="{BAR}" height="{HEIGHT * value:.1f}" '
        f'fill="{colour}"><title>{rate}</title></rect>',
        f'<line x1="{centre:.1f}" y1="{_y(low):.1f}" x2="{centre:.1f}" y2="{_y(high):.1f}" '
        'stroke="black"/>',
        f'<line x1="{centre - 4:.1f}" y1="{_y(high):.1f}" x2="{centre + 4:.1f}" '
        f'y2="{_y(high):.1f}" stroke="black"/>',
        f'<line x1="{centre - 4:.1f}" y1="{_y(low):.1f}" x2="{centre + 4:.1f}" '
        f'y2="{_y(low):.1f}" stroke="black"/>',
    ]


def _legend(systems: Sequence[str], y: int) -> list[str]:
    parts, x = [], LEFT
    for index, system in enumerate(systems):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}">{escape(system)}</text>')
        x += 24 + 7 * len(system)
    return parts
