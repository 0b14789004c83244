"""Quotation marks -> quote spans (no parse needed)."""

from __future__ import annotations

from dateline.quotes.quotation import find_quotes, paragraph_bounds


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_find_quotes_curly_pair() -> None:
    text = "The mayor said “we will rebuild the bridge” on Friday."
    assert _texts(text) == ["“we will rebuild the bridge”"]


def test_find_quotes_straight_pairs_in_one_paragraph() -> None:
    text = '"First part," she said. "Second part."'
    assert _texts(text) == ['"First part,"', '"Second part."']


def test_find_quotes_apostrophes_are_not_quotes() -> None:
    text = "The governor’s aides didn’t answer; it’s the union’s call."
    assert find_quotes(text) == []


def test_find_quotes_single_curly_quote() -> None:
    text = "The minister called it ‘a dark day for farmers’ in parliament."
    assert _texts(text) == ["‘a dark day for farmers’"]


def test_find_quotes_runs_over_paragraphs_when_next_opens_with_mark() -> None:
    text = (
        'The coach said: "We trained hard all winter.\n\n'
        '"Nobody expected us to reach the final."\n\nThe match starts at noon.'
    )
    quotes = find_quotes(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.paragraphs == 2 and q.closed
    assert text[q.start : q.end].endswith('final."')


def test_find_quotes_unclosed_quote_is_cut_at_paragraph_end() -> None:
    text = 'The clerk said "the archive burned down in 1921.\n\nRain is expected on Sunday.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert not quotes[0].closed
    assert "Rain" not in text[quotes[0].start : quotes[0].end]


def test_find_quotes_stray_opening_mark_does_not_swallow_rest() -> None:
    text = "He wrote “a short note to the board, and “then another” to the staff."
    spans = _texts(text)
    assert "“then another”" in spans


def test_find_quotes_nested_single_inside_double_is_one_quote() -> None:
    text = "“She told me ‘never again’ and left,” the witness said."
    assert _texts(text) == ["“She told me ‘never again’ and left,”"]


def test_paragraph_bounds_skip_blank_lines() -> None:
    text = "One.\n\n\nTwo two.\n  \nThree."
    assert [text[a:b] for a, b in paragraph_bounds(text)] == ["One.", "Two two.", "Three."]


def test_quote_inner_strips_marks() -> None:
    text = "“ Go home, ” he said."
    q = find_quotes(text)[0]
    a, b = q.inner(text)
    assert text[a:b] == "Go home,"
    assert q.word_count(text) == 2


def test_find_quotes_double_apostrophes_as_marks() -> None:
    text = "''We have started the talks,'' the envoy said, adding ''it's early.''"
    assert _texts(text) == ["''We have started the talks,''", "''it's early.''"]


def test_find_quotes_mixed_marks_still_pair() -> None:
    text = '“It was a long night," the nurse said. “We had no power,“ she added.'
    assert _texts(text) == ['“It was a long night,"', "“We had no power,“"]
