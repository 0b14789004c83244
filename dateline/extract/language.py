"""Language of an article's text (ISO 639-1), by py3langid's packaged model."""

from __future__ import annotations

import py3langid


def detect_language(text: str) -> str | None:
    """The text's language code, or None for text too short to tell."""
    sample = text[:5000]
    if len(sample.split()) < 3:
        return None
    lang, _ = py3langid.classify(sample)
    return str(lang)
