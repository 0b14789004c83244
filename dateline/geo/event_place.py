"""Where an event happened: the place its own sentence names, never the agency's dateline.

"Militants overran the town of Sinjar near the Syrian border in Iraq" -> Sinjar:
a place after a locative word ("in", "at", "near", "the city of") close to the event beats
the country and the province named further on; "Baku-APA. ..." does not place the event
in Baku.
"""

from __future__ import annotations

import re

from ..model import Article, Place

__all__ = ["choose_event_place"]

LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|into|across|around|from|on|"
    r"city of|town of|village of|province of|region of|capital of|"
    r"north of|south of|east of|west of)\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|city|town|village|"
    r"border|capital)\s+(?:city\s+|town\s+)?(?:of\s+)?)?$",
    re.IGNORECASE,
)
_SPECIFICITY = {"city": 3.0, "region": 2.0, "admin1": 2.0, "country": 1.0, "continent": 0.0}
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])|\n\s*\n")


def _sentence_bounds(article: Article, start: int, end: int) -> tuple[int, int]:
    for sent in article.sentences:
        if sent.start <= start < sent.end:
            return sent.start, max(sent.end, end)
    text = article.text
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, max(0, start)):
        left = m.end()
    m = _SENTENCE_END.search(text, max(end, start))
    return left, (m.start() + 1 if m else len(text))


def _is_dateline(article: Article, place: Place) -> bool:
    """The agency's dateline city ("Baku-APA.", "BAGHDAD (Reuters) -")."""
    source_place = (article.source.place or "").casefold()
    if not source_place or place.text.casefold() != source_place:
        return False
    line_start = article.text.rfind("\n", 0, place.start) + 1
    before = article.text[line_start : place.start].strip()
    after = article.text[place.end : place.end + 3]
    return not before and bool(re.match(r"\s*[-\u2013\u2014(,]", after))


def choose_event_place(article: Article, start: int, end: int) -> Place | None:
    """The place where the event of ``article.text[start:end]`` happened.

    Args:
        article: the article with ``places`` (and ``sentences``) filled.
        start: start offset of the event's trigger or evidence span.
        end: end offset of that span.

    Returns:
        A place named in the same sentence, preferring "in/at/near X" close to the span and
        the most specific place; None when the sentence names none (the dateline city does
        not count unless the sentence names it elsewhere).
    """
    if not article.places or start < 0 or end < start:
        return None
    s_start, s_end = _sentence_bounds(article, start, end)
    # "Washington would consider ...": the town stands for a government, not a place
    metonyms = {(m.start, m.end) for m in article.mentions if m.kind == "metonym"}
    # "cooperating with Iran": a country named as a participant is not where it happened
    # unless a locative says so ("in Iran").
    participants = [(m.start, m.end) for m in article.mentions if m.actor]
    best: Place | None = None
    best_score = float("-inf")
    for place in article.places:
        if not (s_start <= place.start < s_end) or place.lat is None and place.country is None:
            continue
        if _is_dateline(article, place) or (place.start, place.end) in metonyms:
            continue
        prefix = article.text[max(s_start, place.start - 40) : place.start]
        locative = bool(LOCATIVE.search(prefix))
        named = any(a < place.end and place.start < b for a, b in participants)
        if not locative and (place.feature == "country" or named):
            continue
        score = _SPECIFICITY.get(place.feature or "city", 1.0)
        if locative:
            score += 4.0
        if start <= place.start < end:
            score += 1.0
        gap = place.start - end if place.start >= end else start - place.end
        score -= max(gap, 0) / 60.0
        if place.start >= end:
            score += 0.5  # "captured X" / "in X" usually follow the trigger
        if score > best_score:
            best, best_score = place, score
    return best
