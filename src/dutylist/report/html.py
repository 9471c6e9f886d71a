"""What every HTML output shares: visible control characters and inline SVG charts.

Charts are drawn here as SVG markup (no JavaScript, nothing from the network), so an HTML
report is one self-contained file that prints like the workbook it mirrors.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

# C0 and C1 controls (tab and line feed kept: they lay out text), DEL, and the bidi
# controls that can reorder what a reader sees (spec section 10)
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]"
)


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (`\\x1b`), never acted on."""
    # isprintable() is a C loop that is true for nearly all catalog text (CJK included):
    # the pattern runs only on the rare string that holds a control or a special space
    if text.isprintable() or not _CONTROL.search(text):
        return text
    return _CONTROL.sub(
        lambda m: (
            f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF else f"\\x{ord(m.group()):02x}"
        ),
        text,
    )


PALETTE = (
    "#1f4e8c",
    "#c0392b",
    "#7f8c8d",
    "#e67e22",
    "#27ae60",
    "#8e44ad",
    "#16a085",
    "#d35400",
    "#2c3e50",
    "#b7950b",
    "#6c3483",
    "#117864",
    "#922b21",
    "#5d6d7e",
)


def _ticks(top: int) -> list[int]:
    """Integer axis ticks: counts of items are never fractions."""
    if top <= 0:
        return [0]
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        step = candidate
        if top / candidate <= 8:
            break
    else:
        step = max(1, top // 8)
    return list(range(0, top + step, step))


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    width: int = 760,
    colours: Sequence[str] = PALETTE,
) -> str:
    """A horizontal stacked bar chart as SVG markup: one bar per category (a department),
    one colour per series (a change class), with a legend and integer ticks."""
    bar, gap, label_w, top_pad = 18, 8, 170, 28
    legend_h = 22 * ((len(series) + 5) // 6)
    height = top_pad + len(categories) * (bar + gap) + 30 + legend_h
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    ticks = _ticks(max(totals, default=0))
    span = max(ticks[-1], 1)
    plot_w = width - label_w - 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(visible(title))}</title>",
    ]
    axis_y = top_pad + len(categories) * (bar + gap)
    for tick in ticks:
        x = label_w + plot_w * tick / span
        out.append(
            f'<line x1="{x:.1f}" y1="{top_pad - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" fill="#333">{tick}</text>'
        )
    for row, name in enumerate(categories):
        y = top_pad + row * (bar + gap)
        out.append(
            f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end" fill="#111">{escape(visible(name))}</text>'
        )
        x = float(label_w)
        for index, (label, values) in enumerate(series):
            value = values[row]
            if not value:
                continue
            w = plot_w * value / span
            colour = colours[index % len(colours)]
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{escape(visible(name))} {escape(label)}: {value}</title></rect>"
            )
            x += w
    legend_y = axis_y + 30
    for index, (label, _) in enumerate(series):
        col, line = index % 6, index // 6
        x, y = label_w + col * 95, legend_y + line * 22
        colour = colours[index % len(colours)]
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="{y}" fill="#111">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


@functools.cache
def environment() -> Any:
    """The Jinja2 environment of the site and the HTML reports: autoescape on (catalog
    text is untrusted), every printed string through `visible`, unknown names an error.
    One per process: it keeps the compiled templates, which cost more to compile than a
    small site costs to render."""
    import jinja2
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        # Markup is what our own templates made from values that already passed here
        # (a cached table row): only other strings are shown safely
        if isinstance(value, str) and not isinstance(value, Markup):
            return visible(value)
        return value

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates are package files: no stat() per page
    )
