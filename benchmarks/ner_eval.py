"""Held-out NER evaluation: train on the first 90% of ANERcorp's training split, score the last 10%.

Prints exact-span micro P/R/F1, per-type P/R/F1 and the tagging speed (tokens/s on one core) of
the CRF tagger and, for comparison, of the v0 lexicon tagger. No thresholds: it prints figures.

    .venv/bin/python benchmarks/ner_eval.py [--train ../shared/data/anercorp/train.txt]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workers.entities.evaluate import _format, evaluate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "data" / "anercorp" / "train.txt")
    p.add_argument("--train-fraction", type=float, default=0.9)
    p.add_argument("--taggers", nargs="+", default=["crf", "lexicon"], choices=["crf", "lexicon"])
    args = p.parse_args(argv)
    for kind in args.taggers:
        print(f"== {kind} tagger ({'trained' if kind == 'crf' else 'lexicon built'} on the first {args.train_fraction:.0%})", flush=True)
        scores, info = evaluate(args.train, args.train_fraction, kind)
        print(f"test: {info['test_sentences']} sentences, {info['test_tokens']} tokens")
        print(_format(scores))
        print(f"micro F1 {100 * scores['micro'].f1:.1f}  (target >= 82.0)")
        if "micro_f1_sentence_by_sentence" in info:
            print(f"  sentence by sentence, without document consistency: {100 * info['micro_f1_sentence_by_sentence']:.1f}")
        print(f"tagging speed {info['tokens_per_second']:,.0f} tokens/s on one core (target >= 50,000)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
