"""A human-readable account of how one event was coded, for ``dateline explain EVENT_ID``."""

from __future__ import annotations

from ..model import Event, Participant

__all__ = ["explain"]


def _side(parts: list[Participant]) -> str:
    if not parts:
        return "none"
    out = []
    for p in parts:
        known = ", ".join(x for x in (p.actor, p.country, p.sector, p.code) if x)
        out.append(f"{p.text!r}" + (f" [{known}]" if known else " [unresolved]"))
    return "; ".join(out)


def explain(event: Event) -> str:
    """Explain an event: its trigger, lexicon row, rules, and the words behind each field.

    Args:
        event: an event produced by :func:`dateline.events.code_events`.

    Returns:
        Several lines of plain text.
    """
    pb = event.produced_by or {}
    lex = pb.get("lexicon") or {}
    lines = [
        f"event {event.id}: {event.type} ({event.modality})"
        + (f" mode {'/'.join(event.mode)}" if event.mode else "")
        + (f" context {'/'.join(event.context)}" if event.context else "")
    ]
    if event.evidence is not None:
        lines.append(
            f"  sentence: {event.evidence.text!r} [{event.evidence.start}:{event.evidence.end}]"
        )
    if event.trigger is not None:
        lines.append(
            f"  trigger: {event.trigger.text!r} at {event.trigger.start}-{event.trigger.end}"
            f" ({pb.get('rule', 'unknown rule')})"
        )
    if lex:
        lines.append(
            f"  lexicon: {lex.get('file', 'triggers.tsv')} line {lex.get('line')}: "
            f"{lex.get('pattern')!r} {lex.get('pos')} -> {lex.get('type')}"
            + (f" (frame {lex['frame']})" if lex.get("frame") else "")
        )
    comp = pb.get("complement")
    if comp:
        clex = comp.get("lexicon") or {}
        lines.append(
            f"  complement: {comp.get('text')!r} -> {clex.get('type')} "
            f"(line {clex.get('line')}), absorbed into this event"
        )
    for rule in pb.get("plover_rules") or []:
        lines.append(f"  PLOVER rule: {rule}")
    lines.append(f"  actor: {_side(event.actor)} <- {pb.get('actor_rule') or 'no actor found'}")
    lines.append(
        f"  recipient: {_side(event.recipient)} <- {pb.get('recipient_rule') or 'none found'}"
    )
    cues = pb.get("modality_cues") or []
    lines.append(
        f"  modality: {event.modality} <- "
        + (", ".join(repr(c) for c in cues) if cues else "no modal, negation or tense cue")
    )
    lines.append(
        f"  date: {event.date or 'unknown'}"
        + (f" to {event.enddate}" if event.enddate else "")
        + f" ({event.date_source or 'none'}; {pb.get('date_rule') or '-'})"
    )
    if event.location is not None:
        lines.append(
            f"  place: {event.location.name} ({event.location.country}) <- {pb.get('place_rule')}"
        )
    if event.said_by:
        lines.append(f"  said by: {event.said_by} <- {pb.get('said_by_rule')}")
    lines.append(
        f"  CAMEO {event.cameo}, quad class {event.quad_code}, score {event.event_scale}, "
        f"confidence {event.confidence}"
    )
    return "\n".join(lines)
