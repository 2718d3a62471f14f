"""Measures in force over time, drawn at build time as inline SVG (no script, nothing fetched).

The series is computed from the release history alone: for each release, the number of a
topic's measures whose status in that release's snapshot is `in_force`, dated by the
release's `as_of` (the last release of a day wins). It answers "how many were in force
according to what we knew at each release", which is what a release-by-release record can
say; a late-discovered measure appears from the release that found it.

The chart is a step line (a count holds until the next release changes it) with a dot per
release carrying a tooltip, inside a <figure> whose <details> holds the same numbers as a
table, for screen readers and for copying. Colours come from the theme's CSS variables
(site/stylesheets/regwatch.css), so the chart follows light and dark palettes.
"""

from __future__ import annotations

from datetime import date

from publish.history import History
from publish.render import esc, table
from publish.vocabulary import TOPIC_LABELS, in_topic

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 12, 28


def in_force_series(history: History, topic: str) -> list[tuple[str, int]]:
    """[(as_of date, number of the topic's measures in force)], one per day with a release."""
    by_day: dict[str, int] = {}
    for release in history.releases:
        by_day[release.meta["as_of"]] = sum(
            1
            for record in release.measures.values()
            if in_topic(record, topic) and record["status"] == "in_force"
        )
    return sorted(by_day.items())


def _x(day: str, first: date, span: int) -> float:
    offset = (date.fromisoformat(day) - first).days
    return LEFT + (WIDTH - LEFT - RIGHT) * (offset / span if span else 0.5)


def _y(count: int, top: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - count / top)


def _ticks(highest: int) -> list[int]:
    """At most five round ticks from 0 to at least `highest`."""
    step = max(1, -(-highest // 4))
    return list(range(0, step * -(-max(highest, 1) // step) + 1, step))


def _months(first: date, last: date) -> list[tuple[str, str]]:
    """A tick at the first of every month within the series (every third month past a
    year), labelled "2022-04"; the first date instead when no month starts in the range."""
    ticks, year, month = [], first.year, first.month
    while True:
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
        start = date(year, month, 1)
        if start > last:
            break
        ticks.append((start.isoformat(), f"{year}-{month:02d}"))
    if len(ticks) > 12:
        ticks = [t for t in ticks if int(t[1][5:]) % 3 == 1]
    return ticks or [(first.isoformat(), first.isoformat())]


def chart_svg(series: list[tuple[str, int]], title: str, ident: str) -> str:
    """The step chart of `series`, one line of SVG per element, no blank line; `ident`
    makes its element ids unique on the page."""
    first, last = date.fromisoformat(series[0][0]), date.fromisoformat(series[-1][0])
    span = (last - first).days
    ticks = _ticks(max(count for _, count in series))
    top = ticks[-1]
    parts = [
        f'<svg class="rw-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="rw-chart-{ident}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="rw-chart-{ident}">{esc(title)}</title>',
    ]
    for tick in ticks:
        y = _y(tick, top)
        parts.append(
            f'<line class="rw-chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="rw-chart-label" x="{LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{tick}</text>'
        )
    for day, label in _months(first, last):
        x = _x(day, first, span)
        parts.append(
            f'<line class="rw-chart-grid" x1="{x:.1f}" x2="{x:.1f}" '
            f'y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM + 4}"/>'
        )
        parts.append(
            f'<text class="rw-chart-label" x="{x:.1f}" y="{HEIGHT - 8}" '
            f'text-anchor="middle">{esc(label)}</text>'
        )
    path = []
    for i, (day, count) in enumerate(series):
        x, y = _x(day, first, span), _y(count, top)
        path.append(f"M{x:.1f},{y:.1f}" if i == 0 else f"H{x:.1f}V{y:.1f}")
    parts.append(f'<path class="rw-chart-line" d="{"".join(path)}"/>')
    for day, count in series:
        parts.append(
            f'<circle class="rw-chart-dot" cx="{_x(day, first, span):.1f}" '
            f'cy="{_y(count, top):.1f}" r="3"><title>{esc(day)}: {count} in force</title></circle>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def topic_chart(history: History, topic: str) -> str:
    """The figure for a topic page: the chart and, folded, its numbers."""
    series = in_force_series(history, topic)
    title = f"{TOPIC_LABELS[topic]}: measures in force, release by release"
    rows = [[esc(day), str(count)] for day, count in series]
    return "\n".join(
        [
            '<figure class="rw-figure">',
            chart_svg(series, title, topic),
            f"<figcaption>{esc(title)} (data as of each release; "
            f"latest: {series[-1][1]} on {esc(series[-1][0])}).</figcaption>",
            "</figure>",
            "<details><summary>The numbers</summary>",
            table(["Data as of", "In force"], rows),
            "</details>",
        ]
    )
