"""PLOVER event coding over the spaCy parse: the ``events`` stage of the pipeline.

For each sentence: find triggers (lexicon), let frame triggers absorb the triggers they
govern ("agreed to provide aid" is one AGREE), read modality, apply PLOVER's rules
(willingness and future cooperation are AGREE; announced retreats are CONCEDE), find actor
and recipient, then date, place and reporting speaker. Each event records what produced it.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import Article, Event, Location, Participant
from .arguments import Roles, roles_of, subject_of
from .clauses import clause_path, clause_span, reporting_verb
from .grounding import date_for, location_of, place_for, statement_for
from .lexicon import type_info
from .modality import ModalityReading, read_modality
from .participants import ParticipantResolver
from .plover_rules import (
    COOPERATIVE,
    RETREATING,
    Coding,
    announced_intent,
    complement_mode,
    frame_coding,
    plover_reduction,
)
from .scope import background_reason, governor_of
from .triggers import Trigger, find_triggers

__all__ = ["MAX_EVENTS_PER_SENTENCE", "EventCoder", "code_events", "event_id"]

log = logging.getLogger(__name__)

_TAKING = frozenset({"ASSAULT", "COERCE", "RETREAT", "PROTEST"})
_SPEECH_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)

MAX_EVENTS_PER_SENTENCE = 6


def _has_unless(tok: Token) -> bool:
    """Has the trigger an "unless ..." clause ("will withdraw unless ...")?"""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in tok.children
    )


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN")


class EventCoder:
    """Code the events of one parsed article.

    Args:
        article: the article, with the earlier stages' fields filled in.
        doc: the spaCy parse of ``article.text``.
    """

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.resolver = ParticipantResolver(article, on=_day(article))

    def code(self) -> list[Event]:
        """All events of the article, in text order."""
        events: list[Event] = []
        for sent in self.doc.sents:
            try:
                events.extend(self.code_sentence(sent))
            except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
                log.debug("events: sentence at %d skipped: %s", sent.start_char, e)
        return events

    # -- one sentence
    def code_sentence(self, sent: Span) -> list[Event]:
        """Events of one sentence."""
        triggers = find_triggers(sent)
        if not triggers:
            return []
        by_token = {t.token.i: t for t in triggers}
        inner: dict[int, Trigger] = {}
        absorbed: set[int] = set()
        for trig in triggers:
            gov = governor_of(trig, by_token)
            if gov is not None:
                absorbed.add(trig.token.i)
                inner.setdefault(gov.token.i, trig)
        for trig in triggers:
            if trig.token.i not in absorbed and background_reason(trig) is not None:
                absorbed.add(trig.token.i)
        events: list[Event] = []
        seen: set[tuple[Any, ...]] = set()
        for trig in triggers:
            if trig.token.i in absorbed:
                continue
            event = self.code_trigger(trig, inner.get(trig.token.i), sent)
            if event is None:
                continue
            key = (
                event.type,
                event.modality,
                tuple(sorted(p.actor or p.country or p.text for p in event.actor)),
                tuple(sorted(p.actor or p.country or p.text for p in event.recipient)),
            )
            if key in seen:
                continue
            seen.add(key)
            events.append(event)
            if len(events) >= MAX_EVENTS_PER_SENTENCE:
                break
        return events

    def code_trigger(self, trig: Trigger, inner: Trigger | None, sent: Span) -> Event | None:
        """One event from a trigger (and the trigger its frame absorbed), or None."""
        entry = trig.entry
        if entry.needs_complement and inner is None:
            return None
        if entry.lemma == "must":
            return self._must_request(trig, inner, sent)
        inner_coding = None
        inner_negated = False
        if inner is not None:
            inner_negated = read_modality(inner.token).modality == "negated"
            inner_coding = Coding(
                inner.entry.type,
                list(inner.entry.mode),
                list(inner.entry.context),
                inner.entry.cameo,
            )
            if inner.entry.frame and inner.entry.frame != "absorb":
                inner_coding = frame_coding(inner.entry, None)
        coding = frame_coding(entry, inner_coding)
        if entry.frame == "intent" and inner_coding is not None and inner_negated:
            if inner_coding.type in COOPERATIVE | RETREATING | {"AGREE"}:
                coding = Coding(
                    "REJECT",
                    complement_mode("reject", inner_coding.type, inner_coding.mode),
                    coding.context,
                    None,
                    ["promise not to cooperate or yield is REJECT"],
                )
            else:
                coding = Coding(
                    "AGREE", [], coding.context, None, ["promise not to act against is AGREE"]
                )
        reading = read_modality(trig.token, is_agree=coding.type == "AGREE")
        if reading.modality in ("future", "hypothetical") and _has_unless(trig.token):
            coding = Coding(
                "THREATEN",
                complement_mode("threat", coding.type, coding.mode),
                coding.context,
                None,
                coding.rules + ["an act promised 'unless' the other side yields is THREATEN"],
            )
            reading = ModalityReading("asserted", False, reading.cues)
        coding, reading = plover_reduction(coding, reading)
        roles = roles_of(trig, inner)
        actors, actor_how = self._participants(roles.actor)
        coding, reading = self._announced(trig, roles, actors, coding, reading)
        recipients, recipient_how = self._participants(roles.recipient, other=actors)
        own = {p.country for p in actors if p.country}
        if roles.from_trigger and own and recipients and {p.country for p in recipients} <= own:
            recipients = []  # "sent U.S. troops": the troops are the actor's own
        if (
            not actors
            and not recipients
            and (coding.type in _SPEECH_TYPES or reading.modality != "asserted")
        ):
            return None  # nobody said or would do it: nothing worth a record
        if coding.type == "CONSULT" and "phone" in coding.mode and recipients:
            # manual 2.4.2: no host or visitor in a call, so every party is an actor
            actors, recipients = actors + recipients, []
            coding.rules.append("a call has no host: all parties are actors")
        actor_ids = {p.actor or p.country for p in actors if p.actor or p.country}
        recipients = [
            p
            for p in recipients
            if not (p.actor or p.country) or (p.actor or p.country) not in actor_ids
        ]
        return self._event(
            trig, inner, sent, coding, reading, roles, actors, recipients, actor_how, recipient_how
        )

    def _foreign(self, part: Participant) -> bool:
        """Does the participant name another state or side ("this country", "its neighbour")?"""
        words = part.text.lower().split()
        return bool(words) and words[-1].strip("()") in self.resolver.cues.foreign_nouns

    def _object_place(self, trig: Trigger, roles: Roles) -> tuple[Location | None, str]:
        """The town or city an attack, capture or withdrawal was aimed at, when it is one."""
        for word in roles.recipient[:2]:
            first, last = self.resolver.phrase_bounds(word)
            start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)
            for place in self.article.places:
                inside = start <= place.start and place.end <= end
                if (
                    inside
                    and place.feature not in ("country", "continent")
                    and (place.lat is not None or place.country)
                ):
                    return location_of(place), f"place named by the object '{word.text}'"
        return None, ""

    def _own_word(self, trig: Trigger, roles: Roles, actors: list[Participant]) -> bool:
        """Is the event reported by its own actor ("Iran said it would ...")?"""
        speech = reporting_verb(trig.token)
        if speech is None:
            return False
        if roles.actor and roles.actor[0].pos_ == "PRON":
            return True
        subj = next((c for c in speech.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        said, _ = self.resolver.resolve(subj)
        return bool(
            {p.country for p in said if p.country} & {p.country for p in actors if p.country}
        )

    def _announced(
        self,
        trig: Trigger,
        roles: Roles,
        actors: list[Participant],
        coding: Coding,
        reading: ModalityReading,
    ) -> tuple[Coding, ModalityReading]:
        """Announced hostile acts are THREATEN; announced refusals to cooperate are REJECT."""
        return announced_intent(coding, reading, lambda: self._own_word(trig, roles, actors))

    def _must_request(self, trig: Trigger, inner: Trigger | None, sent: Span) -> Event | None:
        """ "X said Y must do Z": a demand by the speaker X of Y (REQUEST)."""
        verb = trig.token.head
        speech = reporting_verb(verb)
        top = clause_path(verb)[-1]
        if speech is None and top.dep_ == "ccomp" and top.head.i != top.i:
            speech = top.head
        if speech is None or verb.i == trig.token.i:
            return None
        inner_coding = None
        if inner is not None:
            inner_coding = Coding(
                inner.entry.type,
                list(inner.entry.mode),
                list(inner.entry.context),
                inner.entry.cameo,
            )
        coding = frame_coding(trig.entry, inner_coding)
        coding.rules.append("'must' in a reported clause is a demand by the speaker")
        negated = any(c.dep_ == "neg" for c in speech.children)
        reading = ModalityReading(
            "negated" if negated else "asserted", False, ["not"] if negated else []
        )
        subj, srule = subject_of(speech)
        target, trule = subject_of(verb)
        roles = Roles(
            [subj] if subj is not None else [],
            [target] if target is not None else [],
            f"{srule} of '{speech.text}'" if subj is not None else "",
            f"{trule} of '{verb.text}'" if target is not None else "",
        )
        actors, actor_how = self._participants(roles.actor)
        recipients, recipient_how = self._participants(roles.recipient)
        return self._event(
            trig, inner, sent, coding, reading, roles, actors, recipients, actor_how, recipient_how
        )

    # -- arguments
    def _participants(
        self, words: list[Token], *, other: list[Participant] | None = None
    ) -> tuple[list[Participant], str]:
        """Participants of the first candidate word that names an actor (not the other side)."""
        fallback: tuple[list[Participant], str] = ([], "")
        taken = {p.country for p in other or [] if p.country}
        for word in words[:4]:
            parts, how = self.resolver.resolve(word)
            known = [p for p in parts if p.actor or p.country]
            if known and not (taken and all(p.country in taken for p in known)):
                return parts, f"'{word.text}' ({how})"
            if parts and not fallback[0]:
                fallback = (parts, f"'{word.text}' ({how})")
        return fallback

    # -- the record
    def _event(
        self,
        trig: Trigger,
        inner: Trigger | None,
        sent: Span,
        coding: Coding,
        reading: ModalityReading,
        roles: Roles,
        actors: list[Participant],
        recipients: list[Participant],
        actor_how: str,
        recipient_how: str,
    ) -> Event:
        article = self.article
        tok = trig.token
        start, end = trig.start, trig.end
        clause = clause_span(tok)
        statement = statement_for(article, start, end)
        speech = reporting_verb(tok)
        report_clause = clause_span(speech) if speech is not None else None
        dating = date_for(
            article,
            self.doc,
            trigger=(start, end),
            clause=clause,
            statement=statement,
            report_clause=report_clause,
        )
        if reading.modality == "historical" and dating.source == "published":
            # "had previously seized": some time before the report, not on its day
            dating.date, dating.enddate = None, dating.date
            dating.rule = "historical, undated: before the publication day"
        location, place_rule = (
            self._object_place(trig, roles) if coding.type in _TAKING else (None, "")
        )
        if location is None:
            location, place_rule = place_for(article, trigger=(start, end), clause=clause)
        context_country = location.country if location else None
        for side, other in ((actors, recipients), (recipients, actors)):
            for p in side:
                if not (p.actor or p.country) and not self._foreign(p):
                    fill = context_country or next((x.country for x in other if x.country), None)
                    if fill:
                        p.country = fill
        implicit = ""
        implicit_actor = ""
        if coding.type == "ASSAULT" and not actors and location is not None and location.country:
            actors = [Participant(text=location.name or location.country, country=location.country)]
            implicit_actor = "implicit: unidentified attackers in the country where it happened"
        if coding.type == "PROTEST" and not recipients:
            country = context_country or next((p.country for p in actors if p.country), None)
            if country:
                recipients = [
                    Participant(
                        text=location.name or country if location else country, country=country
                    )
                ]
                implicit = "implicit: the authorities where the protest took place"
        elif (
            coding.type == "MOBILIZE"
            and not recipients
            and location is not None
            and location.country
            and location.country not in {p.country for p in actors}
        ):
            recipients = [
                Participant(text=location.name or location.country, country=location.country)
            ]
            implicit = "implicit: the country forces were moved into"
        elif (
            coding.type in ("COERCE", "CONCEDE")
            and not recipients
            and location is not None
            and location.country
        ):
            recipients = [
                Participant(text=location.name or location.country, country=location.country)
            ]
            implicit = "implicit: the people of the place where it was imposed or eased"
        said_by, said_rule = self._speaker(statement, speech)
        info = type_info(coding.type, coding.mode[0] if coding.mode else None)
        cameo = coding.cameo or info.cameo
        evidence = _evidence(article, sent.start_char, sent.end_char, start)
        trigger_span = article.span(start, end)
        confidence = 0.45 + 0.2 * bool(actors and (actors[0].actor or actors[0].country))
        confidence += 0.1 * bool(recipients) + 0.1 * (not _is_nominal(tok))
        confidence -= 0.1 * bool(reading.cues)
        produced_by: dict[str, Any] = {
            "coder": "dateline.events",
            "rule": "nominal trigger" if _is_nominal(tok) else "verbal trigger",
            "lexicon": trig.entry.as_record(),
            "trigger": tok.text,
            "complement": (
                {"text": inner.token.text, "lexicon": inner.entry.as_record()}
                if inner is not None
                else None
            ),
            "plover_rules": coding.rules,
            "actor_rule": implicit_actor
            or (f"{roles.actor_rule}: {actor_how}" if actors else roles.actor_rule),
            "recipient_rule": implicit
            or (f"{roles.recipient_rule}: {recipient_how}" if recipients else ""),
            "modality_cues": reading.cues,
            "date_rule": dating.rule,
            "place_rule": place_rule,
            "said_by_rule": said_rule,
        }
        return Event(
            id=event_id(article.id, start, end),
            type=coding.type,
            mode=coding.mode,  # type: ignore[arg-type]
            context=coding.context,
            modality=reading.modality,  # type: ignore[arg-type]
            actor=actors,
            recipient=recipients,
            date=dating.date,
            enddate=dating.enddate,
            date_source=dating.source,
            location=location,
            evidence=evidence,
            said_by=said_by,
            cameo=cameo,
            quad_code=info.quad,
            event_scale=info.score,
            confidence=round(max(0.05, min(0.95, confidence)), 2),
            trigger=trigger_span,
            produced_by=produced_by,
        )

    def _speaker(self, statement: Any, speech: Token | None) -> tuple[str | None, str]:
        if statement is not None and statement.speaker is not None and statement.speaker.actor:
            return statement.speaker.actor, "speaker of the statement holding the event"
        if speech is None:
            return None, ""
        subj = next((c for c in speech.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None, ""
        parts, _ = self.resolver.resolve(subj)
        if parts and parts[0].actor:
            return parts[0].actor, f"subject of the speech verb '{speech.text}'"
        return None, ""


def _day(article: Article) -> date | None:
    when = article.published_datetime()
    return when.date() if isinstance(when, datetime) else when


def event_id(article_id: str, start: int, end: int) -> str:
    """A stable event id: a hash of the article id and the trigger's offsets."""
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def code_events(article: Article, doc: Doc) -> Article:
    """Fill ``article.events`` with the PLOVER events of the article.

    Args:
        article: the article; the time, actors, geo and quotes stages have run before.
        doc: the spaCy parse of ``article.text``.

    Returns:
        The same article with ``events`` filled (empty when nothing is found).
    """
    try:
        article.events = EventCoder(article, doc).code()
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
        log.debug("events: article %s not coded: %s", article.id, e)
        article.events = []
    return article


def _evidence(article: Article, s_start: int, s_end: int, trigger: int) -> Span:
    """The trigger's sentence, within its paragraph (a sentence split may straddle a paragraph
    break) and without surrounding whitespace."""
    text = article.text
    para_start = text.rfind("\n\n", s_start, trigger)
    if para_start != -1:
        s_start = para_start + 2
    para_end = text.find("\n\n", trigger, s_end)
    if para_end != -1:
        s_end = para_end
    chunk = text[s_start:s_end]
    lead = len(chunk) - len(chunk.lstrip())
    return article.span(s_start + lead, s_start + len(chunk.rstrip()))
