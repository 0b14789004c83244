"""Hand-written SVG, drawn by the server (no JavaScript), every label escaped: the weekly
cooperation-conflict line of a dyad, bars by event type, and the map of event locations
(country shapes from the packaged Natural Earth file, equirectangular: x = lon + 180,
y = 90 - lat)."""

from __future__ import annotations

import json
import logging
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .vendor_map import WORLD_FILE

__all__ = ["load_world", "map_svg", "score_line_svg", "type_bars_svg"]

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 34
SCORE_MIN, SCORE_MAX = -10.0, 10.0  # the PLOVER/Goldstein scale


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT)


def _y(score: float) -> float:
    score = max(SCORE_MIN, min(SCORE_MAX, score))
    return TOP + (SCORE_MAX - score) / (SCORE_MAX - SCORE_MIN) * (HEIGHT - TOP - BOTTOM)


def score_line_svg(weeks: list[dict[str, Any]], *, title: str = "") -> Markup:
    """A line of the weekly mean score (-10 conflict .. +10 cooperation), one dot a week.

    Args:
        weeks: rows of :func:`~dateline.serve.reads.weekly_series` (``week``, ``score``, ``n``).
        title: the chart's accessible name.
    """
    points = [(date.fromisoformat(w["week"]), float(w["score"]), int(w["n"]))
              for w in weeks if w.get("score") is not None]
    parts = [(f'<svg class="chart line-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
              f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'),
             f"<title>{escape(title)}</title>"]
    for score in (-10, -5, 0, 5, 10):
        y = _y(score)
        cls = "axis zero" if score == 0 else "grid"
        parts.append(f'<line class="{cls}" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{score:+d}</text>')
    parts.append(f'<text class="tick" x="{LEFT + 4}" y="{TOP + 10}">cooperation</text>')
    parts.append(f'<text class="tick" x="{LEFT + 4}" y="{HEIGHT - BOTTOM - 4}">conflict</text>')
    if points:
        first, last = points[0][0], points[-1][0]
        if first == last:
            first = date.fromordinal(first.toordinal() - 7)
            last = date.fromordinal(last.toordinal() + 7)
        coords = [(_x(d, first, last), _y(s), d, s, n) for d, s, n in points]
        for run in _consecutive(coords):  # weeks without events break the line
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in run)
            parts.append(f'<polyline class="series" points="{line}"/>')
        for x, y, d, s, n in coords:
            r = min(2.5 + n ** 0.5, 9)
            parts.append(f'<circle class="dot {"coop" if s >= 0 else "conf"}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                         f"<title>week of {d.isoformat()}: mean {s:+.1f} over {n} events</title></circle>")
        ticks = _ticks(first, last)
        for i, d in enumerate(ticks):
            x = _x(d, first, last)
            anchor = "start" if i == 0 else "end" if i == len(ticks) - 1 else "middle"
            parts.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}">'
                         f"{d.isoformat()[:7]}</text>")
    else:
        parts.append(f'<text class="empty" x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
                     "no asserted events between these two</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _consecutive(coords: list[tuple[float, float, date, float, int]]) -> list[list[tuple[float, float, date, float, int]]]:
    """Runs of two or more points a week apart."""
    runs: list[list[tuple[float, float, date, float, int]]] = []
    for point in coords:
        if runs and (point[2] - runs[-1][-1][2]).days <= 7:
            runs[-1].append(point)
        else:
            runs.append([point])
    return [run for run in runs if len(run) > 1]


def _ticks(first: date, last: date, count: int = 6) -> list[date]:
    span = (last - first).days
    if span <= 0:
        return [first]
    return [date.fromordinal(first.toordinal() + round(span * i / (count - 1))) for i in range(count)]


def type_bars_svg(counts: dict[str, int], *, title: str = "") -> Markup:
    """Horizontal bars: events by PLOVER type, largest first, each with its count.

    Args:
        counts: type -> number of events.
        title: the chart's accessible name.
    """
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    bar_h, gap, label_w = 18, 6, 96
    height = max(len(rows), 1) * (bar_h + gap) + 10
    top = max((n for _, n in rows), default=1) or 1
    parts = [(f'<svg class="chart bar-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
              f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'),
             f"<title>{escape(title)}</title>"]
    for i, (kind, n) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        w = max(n / top * (WIDTH - label_w - 60), 1)
        parts.append(f'<text class="tick" x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(kind)}</text>')
        parts.append(f'<rect class="bar t-{escape(kind.lower())}" x="{label_w}" y="{y}" width="{w:.1f}" '
                     f'height="{bar_h}"><title>{escape(kind)}: {n}</title></rect>')
        parts.append(f'<text class="tick" x="{label_w + w + 6:.1f}" y="{y + 13}">{n}</text>')
    if not rows:
        parts.append(f'<text class="empty" x="{WIDTH / 2}" y="20" text-anchor="middle">no events</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_world() -> dict[str, str]:
    """ISO alpha-3 -> SVG path of the country (empty when the shapes file is missing)."""
    try:
        data = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
        return dict(data.get("countries") or {})
    except (OSError, ValueError) as e:
        log.warning("no map shapes (%s): the map shows the places alone", e)
        return {}


def _view(points: list[tuple[float, float]], fit: bool) -> tuple[float, float, float, float]:
    """The viewBox: the whole world, or the places' bounding box with a margin (2:1)."""
    if not fit or not points:
        return 0.0, 0.0, 360.0, 180.0
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    w = max(max(xs) - min(xs), 30.0) * 1.3
    h = max(max(ys) - min(ys), 15.0) * 1.3
    w, h = max(w, h * 2), max(h, w / 2)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x0 = min(max(cx - w / 2, 0.0), max(360.0 - w, 0.0))
    y0 = min(max(cy - h / 2, 0.0), max(180.0 - h, 0.0))
    return x0, y0, min(w, 360.0), min(h, 180.0)


def map_svg(locations: list[dict[str, Any]], *, fit: bool = True, highlight: set[str] | None = None,
            link: str = "/events?place=") -> Markup:
    """The map: every country, countries in ``highlight`` shaded, a circle per location.

    Args:
        locations: rows with ``name``, ``country``, ``lat``, ``lon``, ``n`` (events there).
        fit: zoom to the places; else the whole world.
        highlight: ISO alpha-3 codes to shade (e.g. the two sides of a dyad).
        link: URL prefix a circle links to, followed by the place's name.
    """
    world = load_world()
    places = []
    for loc in locations:
        try:
            lat, lon = float(loc["lat"]), float(loc["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            places.append((lon + 180.0, 90.0 - lat, loc))
    x0, y0, w, h = _view([(x, y) for x, y, _ in places], fit)
    scale = w / 360.0
    parts = [(f'<svg class="map" viewBox="{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}" role="img" '
              'xmlns="http://www.w3.org/2000/svg" aria-label="map of event locations">'),
             f'<rect class="sea" x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}"/>']
    stroke = 0.3 * scale
    parts.append(f'<g class="countries" stroke-width="{stroke:.3f}">')
    for code, path in world.items():
        cls = "land hot" if highlight and code in highlight else "land"
        parts.append(f'<path class="{cls}" d="{path}"><title>{escape(code)}</title></path>')
    parts.append("</g>")
    top = max((int(p[2].get("n") or 1) for p in places), default=1)
    parts.append('<g class="places">')
    for x, y, loc in sorted(places, key=lambda p: -int(p[2].get("n") or 1)):
        n = int(loc.get("n") or 1)
        r = (1.2 + 3.5 * (n / top) ** 0.5) * max(scale, 0.08)
        name = str(loc.get("name") or "")
        label = f"{name}{', ' + str(loc['country']) if loc.get('country') else ''}: {n} event{'s' if n != 1 else ''}"
        parts.append(f'<a href="{escape(link + quote(name))}"><circle class="place" cx="{x:.2f}" cy="{y:.2f}" '
                     f'r="{r:.2f}" stroke-width="{stroke:.3f}"><title>{escape(label)}</title></circle></a>')
    parts.append("</g></svg>")
    return Markup("".join(parts))
