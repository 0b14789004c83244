"""PLOVER's coding rules: what a frame makes of its complement, and what intended acts become.

- a willingness, offer or promise is AGREE (manual 3.1; CAMEO 03x), a promise to act
  against someone is THREATEN, a promise not to cooperate is REJECT;
- what is requested, refused or threatened gives the REQUEST/REJECT/THREATEN mode;
- cooperation (CONSULT, SUPPORT, COOPERATE, AID) and retreats that are only planned or
  possible are intents: AGREE (manual 3.1, CAMEO 035 "express intent to yield");
- hostile acts the actor announces it will or would carry out are THREATEN (manual 2.3);
  cooperation it announces it will not give is REJECT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .lexicon import TriggerEntry, type_info
from .modality import ModalityReading

__all__ = [
    "CONFLICT_ACTS",
    "COOPERATIVE",
    "RETREATING",
    "Coding",
    "announced_intent",
    "complement_mode",
    "frame_coding",
    "plover_reduction",
]

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
RETREATING = frozenset({"RETREAT", "CONCEDE"})
CONFLICT_ACTS = frozenset({"ASSAULT", "COERCE", "PROTEST"})
_COMMITTED = frozenset(
    {
        "will",
        "shall",
        "'ll",
        "wo",
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intended",
        "prepare",
        "prepares",
        "prepared",
        "preparing",
    }
)
_FAILED = frozenset({"fail", "fails", "failed", "failing", "refuse", "refused"})
_WILL_WOULD = frozenset({"will", "would", "wo", "'ll", "'d", "shall"})
_MODAL_AUX = _WILL_WOULD | {"could", "may", "might", "can", "ca"}


@dataclass
class Coding:
    """The type, mode and context an event ends up with, and the rules applied on the way."""

    type: str
    mode: list[str]
    context: list[str]
    cameo: str | None
    rules: list[str] = field(default_factory=list)


def complement_mode(frame: str, inner: str, inner_mode: list[str]) -> list[str]:
    """PLOVER mode of a REQUEST/REJECT/THREATEN from what is requested, refused, threatened."""
    if frame in ("request", "reject"):
        if inner in ("AID", "COOPERATE", "SUPPORT"):
            return ["assist"]
        if inner in RETREATING:
            return ["yield"]
        if inner in ("CONSULT", "AGREE"):
            return ["meet"]
        return ["change"] if frame == "request" and inner else []
    if frame == "threat":
        if inner in ("ASSAULT", "MOBILIZE"):
            return ["violence"]
        if inner == "SANCTION":
            return ["relations"] if "withdraw" in inner_mode else ["restrict"]
        if inner == "COERCE":
            for mode, out in (("arrest", "arrest"), ("deport", "expel"), ("seize", "territory")):
                if mode in inner_mode:
                    return [out]
            return ["restrict"]
        if inner in ("REJECT", "PROTEST"):
            return ["relations"]
    return []


def frame_coding(entry: TriggerEntry, inner: Coding | None) -> Coding:
    """Type, mode and context of a trigger given the trigger it governs (its complement)."""
    coding = Coding(entry.type, list(entry.mode), list(entry.context), entry.cameo)
    frame = entry.frame
    if inner is None or not frame or frame == "absorb":
        return coding
    coding.context = list(dict.fromkeys(coding.context + inner.context))
    if frame == "intent":
        quad = type_info(inner.type).quad
        if quad >= 3 and inner.type not in ("REQUEST", "REJECT", "ACCUSE"):
            coding.type, coding.cameo = "THREATEN", None
            coding.mode = complement_mode("threat", inner.type, inner.mode)
            coding.rules.append("intent to act against someone is THREATEN")
        else:
            coding.type, coding.mode = "AGREE", []
            coding.rules.append("willingness, offer or promise is AGREE")
        return coding
    coding.mode = coding.mode or complement_mode(frame, inner.type, inner.mode)
    return coding


def plover_reduction(coding: Coding, reading: ModalityReading) -> tuple[Coding, ModalityReading]:
    """PLOVER's rules for events that are intended rather than done (manual 3.1, 3.4)."""
    if reading.modality not in ("future", "hypothetical") or reading.conditional:
        return coding, reading
    if coding.type in COOPERATIVE:
        coding.rules.append(f"{coding.type} not yet done ({reading.modality}) is AGREE")
        coding.type, coding.mode, coding.cameo = "AGREE", [], None
        return coding, ModalityReading("asserted", False, reading.cues)
    if coding.type == "RETREAT" and reading.modality == "future" and "resign" not in coding.mode:
        coding.rules.append("announced RETREAT is intent to yield: AGREE (CAMEO 035)")
        coding.type, coding.mode, coding.cameo = "AGREE", [], None
        return coding, ModalityReading("asserted", False, reading.cues)
    return coding, reading


def announced_intent(
    coding: Coding, reading: ModalityReading, own_word: Callable[[], bool]
) -> tuple[Coding, ModalityReading]:
    """Announced hostile acts are THREATEN; announced refusals to cooperate are REJECT.

    Args:
        coding: the event's coding so far.
        reading: its modality.
        own_word: tells (lazily) whether the actor itself reports the act.
    """
    modal = [c for c in reading.cues if c.lower() in _WILL_WOULD or c.lower() in _FAILED]
    if coding.type in CONFLICT_ACTS and reading.modality in ("future", "hypothetical"):
        planned = (
            reading.modality == "future"
            and not reading.conditional
            and any(c.lower() in _COMMITTED for c in reading.cues)
        )
        modal_aux = any(c.lower() in _MODAL_AUX for c in reading.cues)
        if planned or ((modal_aux or reading.conditional) and own_word()):
            mode = complement_mode("threat", coding.type, coding.mode)
            rule = f"{coding.type} announced ({reading.modality}) is THREATEN"
            return (
                Coding("THREATEN", mode, coding.context, None, coding.rules + [rule]),
                ModalityReading("asserted", False, reading.cues),
            )
    if (
        reading.modality == "negated"
        and modal
        and coding.type in COOPERATIVE | RETREATING | {"AGREE"}
    ):
        mode = complement_mode("reject", coding.type, coding.mode)
        rule = f"{coding.type} announced as not going to happen is REJECT"
        return (
            Coding("REJECT", mode, coding.context, None, coding.rules + [rule]),
            ModalityReading("asserted", False, reading.cues),
        )
    return coding, reading
