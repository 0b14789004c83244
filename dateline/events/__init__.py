"""PLOVER event coding: who did what to whom, with modality, date, place and evidence.

The stage function is :func:`code_events` (run after the time, actors, geo and quotes
stages); :func:`explain` accounts for one event; :func:`code_sentences` codes sentences
one by one for ``dateline code --sentences``. The trigger lexicon and the PLOVER type table
are data files in ``dateline/events/data/``.
"""

from __future__ import annotations

from .coder import EventCoder, code_events, event_id
from .explain import explain
from .sentences import code_sentences

__all__ = ["EventCoder", "code_events", "code_sentences", "event_id", "explain"]
