"""Raw document -> Article: clean text, title, publication time with offset, source and via."""

from .article import to_article
from .wire import read_wire_text

__all__ = ["to_article", "read_wire_text"]
