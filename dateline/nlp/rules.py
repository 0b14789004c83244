"""The pipeline's ``attribute_ruler`` with its one-token rules applied as array operations.

spaCy's AttributeRuler runs every rule through the Matcher and sets each match in Python: on
English news that is about a fifth of the parse (one match or more for every token: the tag
map alone gives each token its POS and morphology). :class:`ArrayAttributeRuler` gives the
same annotations: rules of fixed length whose values are plain strings, booleans, ``IN`` or
``NOT_IN`` lists or ``REGEX`` become comparisons over the Doc's attribute arrays (a regular
expression is tried once per distinct string); the rest (operators such as ``OP``) stay with
a Matcher; then every match is applied in the order of its rule, so that a later rule wins
over an earlier one exactly as in spaCy.

:func:`use_array_rules` swaps it in when every rule of the pipeline's ruler can be
expressed; otherwise the pipeline is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# What the array rules may read and set. Reading: token attributes that Doc.to_array gives.
READABLE = frozenset({"TAG", "LOWER", "ORTH", "DEP", "POS", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"})
SETTABLE = {TAG: "TAG", POS: "POS", MORPH: "MORPH", LEMMA: "LEMMA", DEP: "DEP"}


def _is_array_rule(pattern: list[dict[str, Any]]) -> bool:
    """A rule of fixed length over readable attributes with plain, IN, NOT_IN or REGEX values."""
    if not pattern:
        return False
    for token in pattern:
        if not token:  # {} matches any token: left to the Matcher
            return False
        for key, value in token.items():
            if key.upper() not in READABLE:
                return False
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                    return False
                inner = next(iter(value.values()))
                if not isinstance(inner, list | str) or (isinstance(inner, str) and key.upper().startswith("IS_")):
                    return False
            elif not isinstance(value, str | bool | int):
                return False
    return True


class ArrayAttributeRuler:
    """Set token attributes from rules, like spaCy's AttributeRuler, with array operations.

    Args:
        vocab: the pipeline's vocab.
        patterns: the ruler's rules as ``AttributeRuler.patterns`` lists them.
    """

    def __init__(self, vocab, patterns: Iterable[dict[str, Any]]) -> None:
        patterns = list(patterns)
        self.vocab = vocab
        self.ruler = AttributeRuler(vocab)  # holds the normalised attributes of each rule
        self.ruler.add_patterns(patterns)
        self.matcher = Matcher(vocab)
        self.columns: list[str] = []
        self.regexes: dict[str, tuple[re.Pattern[str], dict[int, bool]]] = {}
        # (rule number, one list of (column, kind, values) per token of the rule)
        self.array_rules: list[tuple[int, list[list[tuple[int, str, Any]]]]] = []
        for number, rule in enumerate(patterns):
            for pattern in rule["patterns"]:
                if _is_array_rule(pattern):
                    tests = [[self._test(k, v) for k, v in token.items()] for token in pattern]
                    self.array_rules.append((number, tests))
                else:
                    self.matcher.add(str(number), [pattern])
        self.settable = sorted({a for attrs in self.ruler.attrs for a in attrs})

    @staticmethod
    def can_replace(patterns: Iterable[dict[str, Any]]) -> bool:
        """Whether every rule sets only attributes this class can set (no extensions)."""
        for rule in patterns:
            for name in rule["attrs"]:
                if name == "_" or IDS.get(str(name).upper()) not in SETTABLE:
                    return False
        return True

    def _test(self, key: str, value: Any) -> tuple[int, str, Any]:
        name = key.upper()
        if name not in self.columns:
            self.columns.append(name)
        column = self.columns.index(name)
        if isinstance(value, dict):
            kind, values = next(iter(value.items()))
            if kind == "REGEX":
                self.regexes.setdefault(values, (re.compile(values), {}))
                return column, "regex", values
            kind = kind.lower()
        else:
            kind, values = "in", [value]
        return column, kind, numpy.array([self._value(name, v) for v in values], dtype=numpy.uint64)

    def _value(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or name.startswith("IS_"):
            return int(bool(value))
        if isinstance(value, int):
            return value
        return self.vocab.strings.add(value)

    def _regex_mask(self, pattern: str, column: numpy.ndarray) -> numpy.ndarray:
        """Where the strings of a column match the expression (each distinct string tried once)."""
        regex, seen = self.regexes[pattern]
        strings = self.vocab.strings
        unique, inverse = numpy.unique(column, return_inverse=True)
        found = numpy.empty(len(unique), dtype=bool)
        for i, key in enumerate(unique.tolist()):
            hit = seen.get(key)
            if hit is None:
                hit = seen[key] = bool(regex.search(strings[key])) if key in strings else False
            found[i] = hit
        return found[inverse.reshape(column.shape)]

    def _token_mask(self, table: numpy.ndarray, tests: list[tuple[int, str, Any]]) -> numpy.ndarray:
        mask = numpy.ones(len(table), dtype=bool)
        for column, kind, values in tests:
            col = table[:, column]
            if kind == "regex":
                mask &= self._regex_mask(values, col)
                continue
            test = numpy.isin(col, values) if len(values) > 1 else col == values[0]
            mask &= ~test if kind == "not_in" else test
        return mask

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        table = doc.to_array([IDS[c] for c in self.columns]).reshape(n, -1) if self.columns else None
        hits: list[tuple[int, numpy.ndarray]] = []
        for number, tokens in self.array_rules:
            length = len(tokens)
            if length > n:
                continue
            starts = numpy.ones(n - length + 1, dtype=bool)
            for offset, tests in enumerate(tokens):
                starts &= self._token_mask(table[offset:n - length + 1 + offset], tests)
            positions = numpy.flatnonzero(starts)
            if positions.size:
                index = self.ruler.indices[number]
                if not -length <= index < length:
                    raise ValueError(f"attribute rule {number} points at token {index} of a {length}-token match")
                hits.append((number, positions + (index if index >= 0 else length + index)))
        matches = self.matcher(doc, allow_missing=True, as_spans=False) if len(self.matcher) else []
        for match_id, start, end in matches:
            number = int(self.vocab.strings[match_id])
            index = self.ruler.indices[number]
            at = (start if index >= 0 else end) + index
            if not start <= at < end:
                raise ValueError(f"attribute rule {number} points at token {index} of a {end - start}-token match")
            hits.append((number, numpy.array([at])))
        if not hits:
            return doc
        hits.sort(key=lambda hit: hit[0])  # stable: later rules overwrite earlier ones
        values = doc.to_array(self.settable).reshape(n, len(self.settable))
        column_of = {attr: i for i, attr in enumerate(self.settable)}
        for number, positions in hits:
            for attr, value in self.ruler.attrs[number].items():
                values[positions, column_of[attr]] = value
        doc.from_array(self.settable, values)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("dateline_attribute_ruler", default_config={"patterns": []})
def make_array_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab, patterns)


def use_array_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler by :class:`ArrayAttributeRuler` where it can.

    Returns:
        whether the ruler was replaced.
    """
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return False
    patterns = nlp.get_pipe(name).patterns
    if not ArrayAttributeRuler.can_replace(patterns):
        return False
    nlp.replace_pipe(name, "dateline_attribute_ruler", config={"patterns": patterns})
    return True
