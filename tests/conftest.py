"""Shared fixtures: the real pinned spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest

from dateline.config import Settings
from dateline.nlp import load_nlp


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    return load_nlp(settings.spacy_model)
