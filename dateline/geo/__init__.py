"""Geoparsing: places named in an article (``find_places``) and where an event happened
(``choose_event_place``), from packaged gazetteer data only."""

from __future__ import annotations

from .event_place import choose_event_place
from .gazetteer import Gazetteer, PlaceCandidate, country_of_place, load_gazetteer
from .places import find_places, rank_candidates

__all__ = [
    "Gazetteer",
    "PlaceCandidate",
    "choose_event_place",
    "country_of_place",
    "find_places",
    "load_gazetteer",
    "rank_candidates",
]
