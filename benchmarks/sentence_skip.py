#!/usr/bin/env python3
"""What skipping the parse of sentences that carry no event or statement would save and lose.

usage: python benchmarks/sentence_skip.py RECORDS.jsonl [RECORDS.jsonl ...]

Reads analysed article records (``dateline process`` output, every stage run) and takes the
best filter there could be - an oracle that knows, before parsing, which sentences the
full run found an event or a statement in (its evidence, content, cue or speaker) - and
counts, over all the records:

- the share of characters in the other sentences: an upper bound on the parse time a filter
  could save (spaCy's time grows with the text it reads);
- what the full run found in those sentences and a skipping run would not: actor mentions,
  places, time expressions. These feed the events and statements of the sentences that are
  kept (a pronoun's antecedent, the article's main country, an event's place and date), so
  the count is a lower bound on what skipping costs.

A real filter (trigger words, speech verbs, quotation marks, read before parsing) can only
save less and lose more than the oracle. Records are counted once per distinct id.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_right


def spans_of(record: dict) -> list[tuple[int, int]]:
    """Character spans the full run used for events and statements."""
    out = []
    for event in record.get("events") or []:
        ev = event.get("evidence") or {}
        if ev.get("start") is not None:
            out.append((ev["start"], ev["end"]))
    for st in record.get("statements") or []:
        for part in ("content", "cue", "speaker"):
            span = st.get(part) or {}
            if span.get("start") is not None:
                out.append((span["start"], span["end"]))
    return out


def main() -> None:
    seen: set[str] = set()
    total_chars = skipped_chars = 0
    counts = {"mentions": [0, 0], "places": [0, 0], "times": [0, 0]}
    articles = sentences = skipped_sentences = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("id") in seen or not record.get("sentences"):
                    continue
                seen.add(record["id"])
                articles += 1
                sents = sorted((s["start"], s["end"]) for s in record["sentences"])
                starts = [s for s, _ in sents]
                carrying = set()
                for start, end in spans_of(record):
                    first = max(bisect_right(starts, start) - 1, 0)
                    last = max(bisect_right(starts, max(end - 1, start)) - 1, 0)
                    carrying.update(range(first, last + 1))
                for i, (start, end) in enumerate(sents):
                    sentences += 1
                    total_chars += end - start
                    if i not in carrying:
                        skipped_sentences += 1
                        skipped_chars += end - start
                for kind, tally in counts.items():
                    for item in record.get(kind) or []:
                        at = item.get("start")
                        if at is None:
                            continue
                        tally[0] += 1
                        i = bisect_right(starts, at) - 1
                        if i < 0 or i not in carrying:
                            tally[1] += 1
    print(f"{articles} articles, {sentences} sentences; {skipped_sentences} ({skipped_sentences / max(sentences, 1):.1%}) "
          f"carry no event or statement")
    print(f"characters in them: {skipped_chars / max(total_chars, 1):.1%} of the text "
          "(upper bound on the parse time saved)")
    for kind, (n, lost) in counts.items():
        print(f"{kind}: {lost} of {n} ({lost / max(n, 1):.1%}) lie in those sentences and would be lost")


if __name__ == "__main__":
    main()
