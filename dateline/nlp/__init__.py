"""The spaCy pipeline: loaded once per process by name, run in batches."""

from .pipeline import load_nlp, parse_texts, sentences_of, entities_of

__all__ = ["load_nlp", "parse_texts", "sentences_of", "entities_of"]
