"""Behaviour of the event coder on small texts we wrote."""

from __future__ import annotations

from dateline.events import code_events, explain
from dateline.events.coder import event_id
from dateline.events.triggers import MAX_SENTENCE_TOKENS
from dateline.model import Article, Span, SpeakerSpan, Statement, TimeExpression


def _types(article: Article) -> list[tuple[str, str]]:
    return [(e.type, e.modality) for e in article.events]


def test_code_events_willingness_to_cooperate_is_agree(code) -> None:
    article = code("Norway would be open to cooperating with Sweden on border patrols, the minister said.")
    assert ("AGREE", "asserted") in _types(article)
    assert not any(e.type == "COOPERATE" for e in article.events)
    agree = next(e for e in article.events if e.type == "AGREE")
    assert agree.actor[0].country == "NOR"
    assert agree.recipient[0].country == "SWE"


def test_code_events_may_consider_working_with_is_agree(code) -> None:
    article = code("Turkey may consider working with Iraq against the smugglers.")
    assert _types(article) == [("AGREE", "asserted")]


def test_code_events_considered_airstrikes_are_not_asserted(code) -> None:
    article = code("The government said it was weighing several options, including airstrikes.")
    assert not any(e.type == "ASSAULT" and e.modality == "asserted" for e in article.events)


def test_code_events_would_not_send_troops_is_negated(code) -> None:
    article = code("The president said he would not send American troops to the region.")
    assert all(e.modality != "asserted" for e in article.events if e.type == "MOBILIZE")
    assert ("MOBILIZE", "negated") in _types(article)


def test_code_events_not_talking_is_negated_consult(code) -> None:
    article = code("A spokesman said Serbia was not talking to Kosovo about the border.")
    assert ("CONSULT", "negated") in _types(article)


def test_code_events_past_perfect_is_historical(code) -> None:
    article = code("The rebels had previously seized the town of Kidal.")
    assert ("COERCE", "historical") in _types(article)


def test_code_events_will_is_future(code) -> None:
    article = code("Russia will expel three British diplomats.")
    assert ("SANCTION", "future") in _types(article)


def test_code_events_conditional_is_hypothetical(code) -> None:
    article = code("If the talks fail, Israel could strike the border posts.")
    assert ("ASSAULT", "hypothetical") in _types(article)


def test_code_events_passive_agent_is_actor(code) -> None:
    article = code("The convoy was attacked by Russian troops near the border.")
    event = next(e for e in article.events if e.type == "ASSAULT")
    assert event.actor and event.actor[0].country == "RUS"


def test_code_events_coordinated_modifiers_give_two_actors(code) -> None:
    article = code("U.S. and Iranian officials met in Geneva last week.")
    event = next(e for e in article.events if e.type == "CONSULT")
    assert {p.country for p in event.actor} == {"USA", "IRN"}


def test_code_events_frame_absorbs_its_complement(code) -> None:
    article = code("Egypt threatened to shell the border towns of Sudan.")
    assert [e.type for e in article.events] == ["THREATEN"]
    assert article.events[0].mode == ["violence"]


def test_code_events_must_in_report_is_request(code) -> None:
    article = code("The German minister said Turkey must release the journalist.")
    event = next(e for e in article.events if e.type == "REQUEST")
    assert event.actor[0].country == "DEU"
    assert event.recipient[0].country == "TUR"


def test_code_events_reported_event_takes_statement_speaker_and_date(code) -> None:
    text = "Kerry said Iran had sent troops to Iraq."
    content = text.index("Iran")
    statement = Statement(
        speaker=SpeakerSpan(text="Kerry", start=0, end=5, actor="john-kerry"),
        content=Span(text=text[content:-1], start=content, end=len(text) - 1),
        date="2024-05-03",
    )
    article = code(text, statements=[statement])
    event = next(e for e in article.events if e.type == "MOBILIZE")
    assert event.said_by == "john-kerry"
    assert event.date == "2024-05-03" and event.date_source == "statement"


def test_code_events_date_from_clause_time_expression(code) -> None:
    text = "Turkish troops shelled the village on Friday."
    when = text.index("on Friday")
    times = [
        TimeExpression(text="on Friday", start=when, end=when + 9, type="DATE", value="2024-05-03")
    ]
    article = code(text, times=times)
    event = article.events[0]
    assert event.date == "2024-05-03" and event.date_source == "text"


def test_code_events_no_date_in_text_uses_publication_day(code) -> None:
    article = code("Turkish troops shelled the village.", published="2024-05-06T10:00:00+02:00")
    assert article.events[0].date == "2024-05-06"
    assert article.events[0].date_source == "published"


def test_code_events_fills_cameo_quad_scale_and_evidence(code) -> None:
    text = "Police arrested twelve protesters in Cairo. Nothing else happened."
    article = code(text)
    event = article.events[0]
    assert event.type == "COERCE" and event.cameo == "173" and event.quad_code == 4
    assert event.event_scale is not None and event.event_scale < 0
    assert event.evidence.text == "Police arrested twelve protesters in Cairo."
    assert text[event.trigger.start : event.trigger.end] == "arrested"
    assert event.produced_by["lexicon"]["pattern"] == "arrest"


def test_event_id_is_stable_and_depends_on_offsets() -> None:
    assert event_id("a1", 3, 9) == event_id("a1", 3, 9)
    assert event_id("a1", 3, 9) != event_id("a1", 4, 9)
    assert event_id("a1", 3, 9) != event_id("a2", 3, 9)


def test_code_events_run_on_sentence_emits_nothing(code) -> None:
    text = " ".join(["Troops attacked the village and"] * (MAX_SENTENCE_TOKENS // 5 + 5)) + " left."
    assert code(text).events == []


def test_code_events_all_caps_and_tables_emit_nothing(code) -> None:
    assert code("REBELS ATTACK CAPITAL AS TROOPS FLEE NORTH").events == []
    assert (
        code("Arrests 12 14 18 | Attacks 3 4 5 | Talks 1 1 1 | Sanctions 2 2 2 | 7 8 9").events
        == []
    )


def test_code_events_empty_text_is_fine(nlp) -> None:
    article = code_events(Article(id="x", text=""), nlp(""))
    assert article.events == []


def test_code_events_examines_bounded_tokens(code, monkeypatch) -> None:
    from dateline.events import triggers

    calls = {"n": 0}
    real = triggers.match_token

    def counting(tok, lexicon=None):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return real(tok, lexicon)

    monkeypatch.setattr(triggers, "match_token", counting)
    sentence = "Soldiers attacked the town and police arrested the leaders. "
    code(sentence * 40)
    assert calls["n"] <= 40 * 12


def test_explain_names_trigger_rule_and_modality(code) -> None:
    article = code("Russia did not attack the port, the ministry said.")
    text = explain(article.events[0])
    assert "attack" in text and "negated" in text and "triggers.tsv" in text
    assert "actor:" in text and "date:" in text


def test_code_events_announced_attack_is_threaten(code) -> None:
    article = code("Iran said it would attack Israeli ships if the blockade continued.")
    assert ("THREATEN", "asserted") in _types(article)
    assert not any(e.type == "ASSAULT" and e.modality == "asserted" for e in article.events)


def test_code_events_will_not_accept_is_reject(code) -> None:
    article = code("Jordan said it will not accept any more refugees from Syria.")
    assert [e.type for e in article.events] == ["REJECT"]


def test_code_events_protest_demand_is_one_protest(code) -> None:
    article = code("Thousands of Kenyan students marched in Nairobi demanding lower fees.")
    assert [e.type for e in article.events] == ["PROTEST"]
    assert article.events[0].actor[0].country == "KEN"


def test_code_events_participle_modifier_is_not_an_event(code) -> None:
    article = code("Police arrested members of the banned Kenyan party.")
    assert [e.type for e in article.events] == ["COERCE"]


def test_code_events_relative_clause_about_a_thing_is_background(code) -> None:
    article = code("Iran demanded the return of a ship that was seized by British forces.")
    assert [e.type for e in article.events] == ["REQUEST"]


def test_code_events_phone_call_parties_are_all_actors(code) -> None:
    article = code("The Turkish president telephoned the Russian president on Friday.")
    event = next(e for e in article.events if e.type == "CONSULT")
    assert {p.country for p in event.actor} == {"TUR", "RUS"}
    assert event.recipient == []


def test_code_events_refused_to_meet_is_reject_with_meet_mode(code) -> None:
    article = code("Israel refused to meet the Palestinian delegation.")
    event = article.events[0]
    assert event.type == "REJECT" and event.mode == ["meet"]
    assert event.recipient[0].country == "PSE"


def test_code_events_question_is_not_asserted(code) -> None:
    article = code("Will Russia withdraw its troops from the border?")
    assert article.events and all(
        e.modality != "asserted" or e.type == "AGREE" for e in article.events
    )
    assert not any(e.type == "RETREAT" and e.modality == "asserted" for e in article.events)


def test_code_events_distant_preposition_does_not_make_a_pattern(code) -> None:
    article = code("On Twitter, the Kenyan senator called the plan a disgrace.")
    assert not any(e.type == "REQUEST" for e in article.events)


def test_code_events_undated_historical_event_ends_before_publication(code) -> None:
    article = code("The rebels had previously seized the town of Kidal.", published="2024-05-06")
    event = next(e for e in article.events if e.modality == "historical")
    assert event.date is None and event.enddate == "2024-05-06"
