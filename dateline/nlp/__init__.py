"""The spaCy pipeline: loaded once per process by name, run in batches."""

from .pipeline import entities_of, load_nlp, parse_texts, sentences_of

__all__ = ["entities_of", "load_nlp", "parse_texts", "sentences_of"]
