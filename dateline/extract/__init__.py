"""Raw document -> Article: clean text, title, publication time with offset, source and via."""

from .article import to_article
from .wire import read_wire_text

__all__ = ["read_wire_text", "to_article"]
