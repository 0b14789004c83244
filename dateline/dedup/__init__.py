"""Story deduplication (MinHash LSH over shingles) and event merging across articles."""

from .events import EventKey, event_key, locations_compatible
from .stories import StoryFingerprint, fingerprint, same_story

__all__ = ["EventKey", "StoryFingerprint", "event_key", "fingerprint", "locations_compatible", "same_story"]
