"""The statements stage on small texts: constructions, speakers, addressees, dates."""

from __future__ import annotations

from dateline.model import Article, Mention, Statement, TimeExpression
from dateline.quotes import find_statements

PUBLISHED = "2021-03-08T10:00:00+01:00"  # a Monday


def _read(nlp, text: str, **fields) -> list[Statement]:
    article = Article(id="t", text=text, published=fields.pop("published", PUBLISHED), **fields)
    return find_statements(article, nlp(text)).statements


def _one(statements: list[Statement], needle: str) -> Statement:
    found = [s for s in statements if needle in s.content.text]
    assert found, f"no statement with {needle!r} in {[s.content.text for s in statements]}"
    return found[0]


def _offsets_ok(text: str, statements: list[Statement]) -> None:
    for s in statements:
        for span in (s.speaker, s.cue, s.addressee, s.content, s.context):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_find_statements_reported_speech_content_is_complement(nlp) -> None:
    text = "The harbour master said the ferry would not sail until the storm passed."
    st = _read(nlp, text)
    s = _one(st, "ferry")
    assert s.kind == "indirect"
    assert s.content.text == "the ferry would not sail until the storm passed"
    assert s.speaker is not None and s.speaker.text == "The harbour master"
    assert s.cue is not None and s.cue.text == "said"


def test_find_statements_reported_speech_keeps_that(nlp) -> None:
    text = "Senator Maria Alvarez argued that the tax would hurt small farms."
    s = _one(_read(nlp, text), "tax")
    assert s.content.text.startswith("that the tax")
    assert s.speaker is not None and "Alvarez" in s.speaker.text


def test_find_statements_direct_quote_before_cue(nlp) -> None:
    text = "“We will open the archive to researchers,” Director Paul Weiss said."
    s = _one(_read(nlp, text), "archive")
    assert s.kind == "direct"
    assert s.content.text == "“We will open the archive to researchers,”"
    assert s.speaker is not None and "Weiss" in s.speaker.text


def test_find_statements_inverted_cue_with_time(nlp) -> None:
    text = '"The talks were useful and frank," said Lena Ortmann on Tuesday.'
    s = _one(_read(nlp, text), "talks")
    assert s.kind == "direct"
    assert s.speaker is not None and s.speaker.text == "Lena Ortmann"


def test_find_statements_colon_introduced_quote(nlp) -> None:
    text = 'The spokesman for the airline said: "All flights to the island are cancelled today."'
    s = _one(_read(nlp, text), "flights")
    assert s.kind == "direct"
    assert s.content.text.startswith('"All flights')
    assert s.speaker is not None and "spokesman" in s.speaker.text


def test_find_statements_quote_after_cue_and_comma(nlp) -> None:
    text = "Gordon Reyes told the council, “The pipes under Elm Street are a hundred years old.”"
    s = _one(_read(nlp, text), "pipes")
    assert s.kind == "direct"
    assert s.addressee is not None and s.addressee.text == "the council"


def test_find_statements_mixed_quote(nlp) -> None:
    text = 'The minister said the report was "a careful and honest piece of work" and thanked its authors.'
    s = _one(_read(nlp, text), "careful and honest")
    assert s.kind == "mixed"
    assert s.content.text.startswith("the report was")


def test_find_statements_according_to_at_end(nlp) -> None:
    text = "The factory will close in June, according to the regional union."
    s = _one(_read(nlp, text), "factory")
    assert s.content.text == "The factory will close in June"
    assert s.speaker is not None and "union" in s.speaker.text
    assert s.cue is not None and s.cue.text == "according to"


def test_find_statements_according_to_at_start(nlp) -> None:
    text = "According to court papers, the builder owed the city two million dollars."
    s = _one(_read(nlp, text), "builder")
    assert s.content.text == "the builder owed the city two million dollars"
    assert s.speaker is not None and s.speaker.text == "court papers"


def test_find_statements_pronoun_speaker_resolves_to_last_person(nlp) -> None:
    text = (
        "Mayor Ingrid Holm visited the flooded district on Sunday.\n\n"
        "“The water came in less than an hour,” she said."
    )
    s = _one(_read(nlp, text), "water")
    assert s.speaker is not None and s.speaker.text == "she"
    assert s.speaker.antecedent.text.endswith("Holm")


def test_find_statements_pronoun_takes_previous_speaker(nlp) -> None:
    text = (
        "Coach Daniel Brandt said the team needed rest.\n\n"
        "“We played four games in nine days against Porto and Lyon,” he said."
    )
    s = _one(_read(nlp, text), "four games")
    assert s.speaker is not None and s.speaker.text == "he"
    assert "Brandt" in s.speaker.antecedent.text


def test_find_statements_speaker_actor_from_mentions(nlp) -> None:
    text = "Prime Minister Kofi Mensah said the budget was balanced."
    start = text.index("Kofi Mensah")
    mention = Mention(text="Kofi Mensah", start=start, end=start + 11, actor="kofi-mensah")
    s = _one(_read(nlp, text, mentions=[mention]), "budget")
    assert s.speaker is not None and s.speaker.actor == "kofi-mensah"


def test_find_statements_pronoun_actor_from_antecedent(nlp) -> None:
    text = "Kofi Mensah arrived in Accra late on Sunday.\n\n“I am glad to be home,” he said."
    mention = Mention(text="Kofi Mensah", start=0, end=11, actor="kofi-mensah")
    s = _one(_read(nlp, text, mentions=[mention]), "glad")
    assert s.speaker is not None and s.speaker.actor == "kofi-mensah"


def test_find_statements_actor_stays_none_without_actors_stage(nlp) -> None:
    text = "Prime Minister Kofi Mensah said the budget was balanced."
    s = _one(_read(nlp, text), "budget")
    assert s.speaker is not None and s.speaker.actor is None


def test_find_statements_addressee_of_told(nlp) -> None:
    text = "“The border stays open,” the interior minister told Radio Nord."
    s = _one(_read(nlp, text), "border")
    assert s.addressee is not None and s.addressee.text == "Radio Nord"


def test_find_statements_addressee_from_interview_with(nlp) -> None:
    text = "The general said in an interview with Channel Four that the troops would stay."
    s = _one(_read(nlp, text), "troops")
    assert s.addressee is not None and "Channel Four" in s.addressee.text


def test_find_statements_addressee_said_to(nlp) -> None:
    text = "The governor said to reporters that the vote would be held in May."
    s = _one(_read(nlp, text), "vote")
    assert s.addressee is not None and s.addressee.text == "reporters"


def test_find_statements_asked_whether_frame_is_context(nlp) -> None:
    text = (
        "Asked whether the mine would reopen, Chief Engineer Rosa Dunn said: "
        '"We need another month of tests before anyone goes down."'
    )
    st = _read(nlp, text)
    s = _one(st, "another month")
    assert s.context is not None and s.context.text.startswith("Asked whether the mine")
    assert s.speaker is not None and "Dunn" in s.speaker.text
    # The question itself is a statement of an unnamed asker, never of the answerer.
    asked = [x for x in st if x.cue is not None and x.cue.text == "Asked"]
    assert all(x.speaker is None for x in asked)
    assert any(x.content.text == "whether the mine would reopen" for x in asked)


def test_find_statements_multi_paragraph_quote_is_one_statement(nlp) -> None:
    text = (
        'The captain said: "We lost the engine two hours out of port.\n\n'
        '"After that we drifted until the coastguard found us."\n\n'
        "The ship was towed to Brest."
    )
    st = _read(nlp, text)
    s = _one(st, "lost the engine")
    assert "coastguard found us" in s.content.text
    assert "towed" not in s.content.text
    assert s.kind == "direct"


def test_find_statements_continuation_paragraph_keeps_speaker(nlp) -> None:
    text = (
        "“The harvest was the worst in thirty years,” farmer Tomas Berg said.\n\n"
        "“We will need help from the state to get through the winter, and soon.”"
    )
    st = _read(nlp, text)
    s = _one(st, "help from the state")
    assert s.speaker is not None and "Berg" in s.speaker.text
    assert s.kind == "direct"
    assert s.cue is None


def test_find_statements_running_quote_after_cue_sentence_joins(nlp) -> None:
    text = "“We are ready,” the captain said. “The crew has trained for months.”"
    st = _read(nlp, text)
    s = _one(st, "We are ready")
    assert "trained for months" in s.content.text
    assert len([x for x in st if "trained" in x.content.text]) == 1


def test_find_statements_two_speakers_in_turn(nlp) -> None:
    text = (
        "“The plan is dead,” said opposition leader Hana Kovac.\n\n"
        "“The plan is alive and well,” replied Finance Minister Ivo Maric."
    )
    st = _read(nlp, text)
    assert "Kovac" in _one(st, "dead").speaker.text
    assert "Maric" in _one(st, "alive").speaker.text


def test_find_statements_unbalanced_quote_does_not_swallow_article(nlp) -> None:
    text = (
        "The mayor said “the budget is final.\n\n"
        "Separately, the zoo announced the birth of two lion cubs on Saturday.\n\n"
        "Tickets go on sale next week."
    )
    st = _read(nlp, text)
    for s in st:
        assert "Tickets" not in s.content.text
        if "budget" in s.content.text:
            assert "lion" not in s.content.text


def test_find_statements_passive_cue_has_no_speaker(nlp) -> None:
    text = "It was announced on Monday that the border crossing would reopen."
    s = _one(_read(nlp, text), "border crossing")
    assert s.speaker is None
    assert s.kind == "indirect"


def test_find_statements_scare_quotes_alone_are_not_statements(nlp) -> None:
    text = "The so-called “reform” package passed the lower house on Thursday."
    assert _read(nlp, text) == []


def test_find_statements_non_speech_verb_is_ignored(nlp) -> None:
    text = "The board believes the merger will go ahead next year."
    assert _read(nlp, text) == []


def test_find_statements_nested_quote_stays_inside_outer(nlp) -> None:
    text = "“He looked at me and said ‘not today’, then left,” the witness told the court."
    st = _read(nlp, text)
    s = _one(st, "looked at me")
    assert s.speaker is not None and s.speaker.text == "the witness"
    assert "then left" in s.content.text


def test_find_statements_date_is_published_day_without_time(nlp) -> None:
    text = "The harbour master said the ferry would not sail."
    s = _one(_read(nlp, text), "ferry")
    assert s.date == "2021-03-08"


def test_find_statements_date_from_time_expression_of_cue(nlp) -> None:
    text = "On Friday, the harbour master said the ferry would not sail."
    times = [TimeExpression(text="On Friday", start=0, end=9, type="DATE", value="2021-03-05")]
    s = _one(_read(nlp, text, times=times), "ferry")
    assert s.date == "2021-03-05"


def test_find_statements_same_speaker_carries_date(nlp) -> None:
    text = (
        "On Friday, Governor Ana Ruiz said the port would reopen.\n\n"
        "“Ships will be unloading again within days,” Ruiz said."
    )
    times = [TimeExpression(text="On Friday", start=0, end=9, type="DATE", value="2021-03-05")]
    st = _read(nlp, text, times=times)
    assert _one(st, "Ships").date == "2021-03-05"


def test_find_statements_no_published_no_date(nlp) -> None:
    text = "The harbour master said the ferry would not sail."
    s = _one(_read(nlp, text, published=None), "ferry")
    assert s.date is None


def test_find_statements_offsets_match_text(nlp) -> None:
    text = (
        "Asked about the strike, union head Mia Lund told Reuters: “We are not moving.”\n\n"
        "She said the talks would resume, according to a statement."
    )
    st = _read(nlp, text)
    assert st
    _offsets_ok(text, st)


def test_find_statements_empty_and_odd_text_do_not_crash(nlp) -> None:
    for text in ("", "   ", '"', "“”", "said said said", "“" * 50, "He said: “"):
        _read(nlp, text)


def test_find_statements_cue_inside_quote_is_not_outer_statement(nlp) -> None:
    text = "“My father always said we should keep the farm,” the heir told the paper."
    st = _read(nlp, text)
    s = _one(st, "keep the farm")
    assert s.speaker is not None and s.speaker.text == "the heir"


def test_find_statements_parenthetical_cue_takes_host_sentence(nlp) -> None:
    text = "The new bridge, the engineer said, will carry twice as many trucks."
    s = _one(_read(nlp, text), "twice as many")
    assert s.kind == "indirect"
    assert s.speaker is not None and s.speaker.text == "the engineer"
    assert s.content.text.startswith("The new bridge")


def test_find_statements_trailing_cue_without_quotes(nlp) -> None:
    text = "The harvest will be late this year because of the frost, farmers said."
    s = _one(_read(nlp, text), "harvest")
    assert s.content.text == "The harvest will be late this year because of the frost"
    assert s.speaker is not None and s.speaker.text == "farmers"


def test_find_statements_double_apostrophe_quotes(nlp) -> None:
    text = "''We will not give up the port,'' the admiral said on Sunday."
    s = _one(_read(nlp, text), "give up the port")
    assert s.kind == "direct"
    assert s.content.text.startswith("''We will")
    assert s.speaker is not None and s.speaker.text == "the admiral"


def test_find_statements_according_to_study_by_author(nlp) -> None:
    text = "Rents rose by a fifth in two years, according to a study by the housing institute."
    s = _one(_read(nlp, text), "Rents rose")
    assert s.speaker is not None and "housing institute" in s.speaker.text


def test_find_statements_speaker_never_inside_quote(nlp) -> None:
    text = "“Everyone who works here knows the risks,” said Nadia Petrova, a mine inspector."
    s = _one(_read(nlp, text), "knows the risks")
    assert s.speaker is not None
    assert not (s.content.start <= s.speaker.start < s.content.end)


def test_find_statements_joined_quotes_list_their_parts(nlp) -> None:
    text = "“We are ready,” the captain said. “The crew has trained for months.”"
    s = _one(_read(nlp, text), "We are ready")
    parts = s.parts
    assert [p.text for p in parts] == ["“We are ready,”", "“The crew has trained for months.”"]
    assert s.model_dump()["parts"][1]["start"] == text.index("“The crew")


def test_find_statements_quote_without_any_cue_has_no_speaker(nlp) -> None:
    text = (
        "The village lies at the end of a gravel road.\n\n"
        "“Nobody comes here in winter, not even the post van.”\n\n"
        "The school closed in 1998."
    )
    s = _one(_read(nlp, text), "Nobody comes here")
    assert s.speaker is None and s.cue is None
    assert s.kind == "direct"
    assert s.date == "2021-03-08"


def test_find_statements_inverted_speaker_after_parenthetical_title(nlp) -> None:
    text = "“The dam is safe for now,” Rep. Carla Diaz (D-Ore.) said in a radio interview."
    s = _one(_read(nlp, text), "dam is safe")
    assert s.speaker is not None and "Diaz" in s.speaker.text


def test_find_statements_colon_after_reported_clause_takes_quote(nlp) -> None:
    text = (
        "The senator suggested a new inquiry into the contract: "
        '"They ought to look at every invoice, one by one."'
    )
    s = _one(_read(nlp, text), "every invoice")
    assert s.kind in {"mixed", "direct"}
    assert s.speaker is not None and s.speaker.text == "The senator"


def test_find_statements_quoted_as_saying_takes_passive_subject(nlp) -> None:
    text = "The governor was quoted as saying that the budget would be cut."
    s = _one(_read(nlp, text), "budget")
    assert s.speaker is not None and s.speaker.text == "The governor"


def test_find_statements_passive_told_by_gives_speaker_and_addressee(nlp) -> None:
    text = "Reporters were told by the police chief that the road would stay closed."
    s = _one(_read(nlp, text), "road")
    assert s.speaker is not None and s.speaker.text == "the police chief"
    assert s.addressee is not None and s.addressee.text == "Reporters"


def test_find_statements_passive_announced_by_reports_the_subject(nlp) -> None:
    text = "The new timetable was announced by the rail operator on Monday."
    s = _one(_read(nlp, text), "timetable")
    assert s.speaker is not None and s.speaker.text == "the rail operator"


def test_find_statements_noun_cue_with_that_clause(nlp) -> None:
    text = "The footage contradicts the sheriff's claim that the driver had fired first."
    s = _one(_read(nlp, text), "driver had fired")
    assert s.cue is not None and s.cue.text == "claim"
    assert s.speaker is not None and "sheriff" in s.speaker.text
    assert s.content.text.startswith("that the driver")


def test_find_statements_noun_cue_with_only_a_topic_is_not_a_statement(nlp) -> None:
    text = "The mayor's remarks about the stadium drew criticism from residents."
    assert _read(nlp, text) == []


def test_find_statements_headline_content_is_rest_of_line(nlp) -> None:
    text = (
        "Mayor Says New Tram Line Will Open Before Winter\n\n"
        "The city council met on Monday to discuss the budget."
    )
    s = _one(_read(nlp, text), "Tram Line")
    assert s.speaker is not None and s.speaker.text == "Mayor"
    assert s.content.text == "New Tram Line Will Open Before Winter"


def test_find_statements_object_of_non_speech_sense_is_not_content(nlp) -> None:
    text = "The club added two players to its squad on Friday."
    assert _read(nlp, text) == []


def test_find_statements_object_of_announce_is_content(nlp) -> None:
    text = "The ministry announced a ban on night flights."
    s = _one(_read(nlp, text), "night flights")
    assert s.content.text == "a ban on night flights"
