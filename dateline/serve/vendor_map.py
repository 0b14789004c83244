"""Build the offline world shapes of the map from the npm package ``world-atlas`` (Natural Earth).

The web app draws its map server-side as SVG from ``static/world-110m.json``: one SVG path per
country (ISO 3166-1 alpha-3), in an equirectangular projection where x = lon + 180 and
y = 90 - lat (a 360 x 180 plane). This module turns the package's TopoJSON into that file::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m dateline.serve.vendor_map package/countries-110m.json

It runs at build time only; the app just reads the JSON it writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

WORLD_FILE = Path(__file__).parent / "static" / "world-110m.json"


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (lon, lat) points (delta-decoded, de-quantised)."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        points: list[tuple[float, float]] = []
        x = y = 0.0
        for pos in arc:
            if transform:
                x += pos[0]
                y += pos[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(pos[0]), float(pos[1])))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One polygon ring from its arc indexes (a negative index means the arc reversed)."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def ring_path(points: list[tuple[float, float]]) -> str:
    """An SVG sub-path of a ring in the 360 x 180 plane, one decimal, repeated points dropped.

    A ring that crosses the antimeridian is unwrapped (longitudes kept continuous, so part of
    it lies beyond the plane and the viewBox clips it) instead of drawing a line across the map.
    """
    out: list[str] = []
    last = None
    shift = 0.0
    previous: float | None = None
    for lon, lat in points:
        if previous is not None and abs(lon + shift - previous) > 180:
            shift += 360.0 if previous > lon + shift else -360.0
        lon += shift
        previous = lon
        xy = (round(lon + 180, 1), round(90 - lat, 1))
        if xy == last:
            continue
        out.append(f"{xy[0]:g},{xy[1]:g}")
        last = xy
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def country_paths(topology: dict[str, Any]) -> dict[str, str]:
    """ISO alpha-3 (or the shape's name when it has no code) -> SVG path data."""
    import pycountry

    arcs = decode_arcs(topology)
    out: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        path = "".join(ring_path(ring_points(ring, arcs)) for poly in polygons for ring in poly)
        numeric = str(geometry.get("id") or "")
        country = pycountry.countries.get(numeric=numeric) if numeric.isdigit() else None
        key = country.alpha_3 if country else (geometry.get("properties") or {}).get("name", numeric)
        if key == "ATA":  # Antarctica: no events, and a ring around the pole has no flat shape
            continue
        out[key] = out.get(key, "") + path
    return out


def main(argv: list[str] | None = None) -> int:
    """Write :data:`WORLD_FILE` from a world-atlas ``countries-*.json``."""
    ap = argparse.ArgumentParser(description="Build the map shapes from world-atlas TopoJSON.")
    ap.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    ap.add_argument("-o", "--out", type=Path, default=WORLD_FILE)
    args = ap.parse_args(argv)
    paths = country_paths(json.loads(args.topojson.read_text(encoding="utf-8")))
    data = {"source": "Natural Earth via the npm package world-atlas (public domain)",
            "projection": "equirectangular: x = lon + 180, y = 90 - lat", "countries": paths}
    args.out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    sys.stderr.write(f"wrote {len(paths)} shapes to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
