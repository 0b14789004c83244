"""Closed word classes the actor stage reads titles and places with.

These are grammar, not world knowledge (which lives in ``data/``): the words a title before
a name is made of, and the prepositions after which a town is a place rather than an actor.
"""

from __future__ import annotations

__all__ = ["LOCATIVE_WORDS", "TITLE_WORDS"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "Deputy Foreign Minister", "White House spokesman", "Lt. Gen.", "Ayatollah", "former".
TITLE_WORDS = _words(
    """
    president vice deputy prime minister secretary state foreign affairs defence defense
    interior finance justice chief spokesman spokeswoman spokesperson press general
    lieutenant lt gen maj major col colonel brig brigadier admiral commander leader king
    queen prince princess emir sheikh sultan crown chancellor premier governor mayor senator
    sen rep representative congressman congresswoman lawmaker ambassador envoy special
    adviser advisor aide negotiator official diplomat chairman chairwoman chair head
    director supreme ayatollah cleric imam archbishop pope cardinal bishop rabbi judge
    attorney prosecutor speaker opposition party former acting interim then late top senior
    white house national security council assistant under permanent un united nations high
    commissioner executive officer ceo founder mr mrs ms dr elect candidate incumbent
    """
)

# After these a town is where something happens ("talks in Paris"), not who acts.
LOCATIVE_WORDS = _words(
    """
    in at near outside inside across around throughout into from to toward towards through
    within of
    """
)
