"""Run the reading stages over articles: NLP, then time, actors, places, statements, events.

Every stage is one function ``stage(article, doc) -> Article`` that fills fields of the
article from the spaCy ``doc`` of ``article.text`` and what earlier stages filled in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from importlib import import_module

from spacy.tokens import Doc

from . import __version__
from .config import Settings
from .model import Article
from .nlp import entities_of, load_nlp, parse_texts, sentences_of

log = logging.getLogger(__name__)

Stage = Callable[[Article, Doc], Article]

# name -> "module:function"; the order is the order they run in.
STAGES: dict[str, str] = {
    "time": "dateline.time:find_times",
    "actors": "dateline.actors:resolve_actors",
    "geo": "dateline.geo:find_places",
    "quotes": "dateline.quotes:find_statements",
    "events": "dateline.events:code_events",
}


def load_stage(name: str) -> Stage:
    """Import one stage function by its name in :data:`STAGES`."""
    module, _, func = STAGES[name].partition(":")
    return getattr(import_module(module), func)


class Pipeline:
    """The reading stages with the spaCy pipeline loaded once.

    Args:
        settings: which spaCy model, batch size and stages to run.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.spacy_model, speedups=self.settings.nlp_speedups)
        self.stages: list[tuple[str, Stage]] = [
            (name, load_stage(name)) for name in STAGES if name in self.settings.stages
        ]
        if self.settings.actor_files or self.settings.actor_dictionaries:
            self._use_user_knowledge()

    def _use_user_knowledge(self) -> None:
        """Resolve actors with the packaged knowledge base plus the user's files and dictionaries."""
        from .actors.kb import DATA_DIR, load_kb

        kb = load_kb(
            [str(DATA_DIR), *self.settings.actor_files],
            extra_dictionaries=list(self.settings.actor_dictionaries),
        )
        self.stages = [
            (name, partial(stage, kb=kb) if name == "actors" else stage) for name, stage in self.stages
        ]

    def analyse(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse the articles' texts in batches and run every stage; yields in input order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._analyse_batch(batch)
                batch = []
        if batch:
            yield from self._analyse_batch(batch)

    def analyse_one(self, article: Article) -> Article:
        """:meth:`analyse` for a single article."""
        return next(iter(self._analyse_batch([article])))

    def _analyse_batch(self, batch: list[Article]) -> list[Article]:
        limit = self.settings.max_text_chars
        texts = [a.text[:limit] for a in batch]
        docs = parse_texts(self.nlp, texts, batch_size=self.settings.batch_size)
        analysis = {
            "dateline": __version__,
            "spacy_model": f"{self.nlp.meta.get('lang', '')}_{self.nlp.meta.get('name', '')}-{self.nlp.meta.get('version', '')}",
            "stages": [name for name, _ in self.stages],
        }
        for article, doc in zip(batch, docs, strict=True):
            article.analysis = dict(analysis)
            article.sentences = sentences_of(doc)
            article.entities = entities_of(doc)
            for name, stage in self.stages:
                try:
                    article = stage(article, doc)
                except Exception as e:
                    log.warning("stage %s failed on %s: %s", name, article.input or article.id, e, exc_info=True)
                    warnings = list(getattr(article, "warnings", None) or [])
                    warnings.append(f"stage {name} failed: {type(e).__name__}: {e}")
                    article.warnings = warnings  # type: ignore[attr-defined]
        return batch
