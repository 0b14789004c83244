"""Actor country P/R/F1 on the actors of a PLOVER gold file (e.g. the PLOVER GSR).

usage: python benchmarks/actor_country_f1.py [GOLD.jsonl] [--errors] [--json OUT]

For every gold actor and recipient, the actor text is resolved with
``dateline.actors.resolve_text`` (context country: the first country the sentence names
outside the actor text) and the predicted country key (the actor's ``country``, else the
first three letters of its ``code``) is compared with the gold key (gold ``country``, else
the first three letters of the gold ``code``, as in ``shared/eval/score_events.py``).
A resolution with no key is a miss (counts against recall only).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dateline.actors import load_kb, resolve_text
from dateline.actors.phrase import read_phrase
from dateline.model import Actor

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/events/plover_gsr.jsonl"
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def gold_key(actor: dict) -> str | None:
    """The gold country key of a participant, as the events scorer computes it."""
    c = actor.get("country")
    code = actor.get("code") or ""
    if not c and len(code) >= 3:
        c = code[:3]
    if not c or c.startswith("-"):
        return None
    c = c.upper()[:3]
    return CODE_FIXES.get(c, c)


def pred_keys(actor: Actor | None) -> set[str]:
    """The keys a predicted actor matches: its country and its code's first three letters."""
    if actor is None:
        return set()
    keys = set()
    if actor.country:
        keys.add(actor.country.upper())
    if actor.code and len(actor.code) >= 3:
        keys.add(actor.code.upper()[:3])
    return {CODE_FIXES.get(k, k) for k in keys}


def context_country(sentence: str, actor_text: str) -> str | None:
    """The first country a sentence names outside the actor's own text."""
    rest = sentence.replace(actor_text, " ", 1)
    countries = read_phrase(load_kb(), rest).countries(load_kb())
    return countries[0] if countries else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    parser.add_argument("--errors", action="store_true", help="list the misses")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    tp = fp = fn = 0
    t0 = time.perf_counter()
    n = 0
    for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        for event in rec.get("events") or []:
            for side in ("actor", "recipient"):
                for part in event.get(side) or []:
                    gold = gold_key(part)
                    if gold is None or not part.get("text"):
                        continue
                    n += 1
                    actor = resolve_text(
                        part["text"],
                        on=rec.get("date"),
                        context_country=context_country(rec["text"], part["text"]),
                    )
                    keys = pred_keys(actor)
                    if gold in keys:
                        tp += 1
                    elif keys:
                        fp += 1
                        fn += 1
                        if args.errors:
                            print(f"WRONG {part['text']!r}: gold {gold} got {sorted(keys)}")
                    else:
                        fn += 1
                        if args.errors:
                            print(f"MISS  {part['text']!r}: gold {gold}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    secs = time.perf_counter() - t0
    figures = {"precision": p, "recall": r, "f1": f1, "n": n, "seconds": secs}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"actor country F1 {f1:.4f} P {p:.4f} R {r:.4f} n={n} ({secs:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
