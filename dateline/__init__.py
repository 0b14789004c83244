"""dateline: who did and said what, to whom, when and where, according to whom.

>>> import dateline
>>> article = dateline.process("examples/minsk-ceasefire.txt")
>>> [(e.type, e.modality, e.date) for e in article.events]
>>> with dateline.open_store("dateline.db") as store:
...     store.add_articles([article])
"""

__version__ = "0.1.0"  # before the imports: submodules read it

import logging

from .config import Settings, load_settings
from .errors import DatelineError, InputError, StoreError
from .model import Article, Event, Statement
from .run import iter_articles, process
from .store import open_store

__all__ = [
    "Article", "DatelineError", "Event", "InputError", "Settings", "Statement", "StoreError",
    "iter_articles", "load_settings", "open_store", "process",
]
logging.getLogger(__name__).addHandler(logging.NullHandler())
