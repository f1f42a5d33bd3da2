"""Held-out evaluation of the entity taggers on ANERcorp.

Usage::

    python -m workers.entities.evaluate TRAIN.txt [--train-fraction 0.9] [--tagger crf|lexicon]

For the CRF (the default), the model is trained (``workers.entities.train_crf``) on the same
first 90% that the lexicon and the word classes are built from, and never sees the last 10%.

What this stage decides: how good the tagger is, measured honestly. The lexicon is built (with the
same code and thresholds as the shipped one, through the same file format) from the first 90% of
the sentences only, and the tagger is scored on the remaining 10%, which it has never seen. The
split is sequential, not shuffled: ANERcorp is a sequence of news stories, and a random split would
put sentences of the same story on both sides and flatter a lexicon.

A tagger with ``tag_document`` (the CRF) is scored as ``khabar tag-conll`` tags: runs of
``DOCUMENT_SENTENCES`` consecutive sentences, so that names found in one sentence are found where
they recur (``workers.entities.consistency``); its sentence-by-sentence score is reported too.
The tokens/s figure is that of sentence-by-sentence tagging.

Scoring is CoNLL-style exact-span matching: a predicted entity counts as correct only if its first
token, last token and type all equal those of a gold entity. ``I-X`` after ``O`` or after another
type starts a new span (:func:`workers.entities.bio.bio_spans`). Reported: micro-averaged
precision/recall/F1 over all entities, and per-type precision/recall/F1.

The held-out part is for reporting; thresholds were not tuned on it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workers.entities.bio import Span, bio_spans
from workers.entities.build_lexicon import build_entries, load_sentences
from workers.entities.conll import DOCUMENT_SENTENCES
from workers.entities.lexicon import ENTITY_TYPES, write_lexicon
from workers.entities.tagger import LexiconTagger

__all__ = ["Scores", "score_spans", "evaluate", "main"]


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts and precision/recall/F1 for one entity type or for all (micro).

    Attributes:
        gold: Number of gold entities.
        predicted: Number of predicted entities.
        correct: Number of predicted entities that exactly match a gold entity.
    """

    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        """correct / predicted (0 when nothing was predicted)."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """correct / gold (0 when there is no gold entity)."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_spans(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, Scores]:
    """Exact-span scores of predicted BIO tags against gold BIO tags.

    Args:
        gold: Gold tags, one sequence per sentence.
        predicted: Predicted tags, aligned with ``gold`` (same sentences, same lengths).

    Returns:
        Scores per type (every type seen in gold or predictions) and under the key ``"micro"``
        for all types together.

    Raises:
        ValueError: If the sentences or their lengths do not line up.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_correct: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, predicted):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"sentence of {len(g_tags)} gold tags but {len(p_tags)} predicted")
        g_spans: set[Span] = set(bio_spans(g_tags))
        p_spans: set[Span] = set(bio_spans(p_tags))
        n_gold.update(s.type for s in g_spans)
        n_pred.update(s.type for s in p_spans)
        n_correct.update(s.type for s in g_spans & p_spans)
    scores = {t: Scores(n_gold[t], n_pred[t], n_correct[t]) for t in sorted(set(n_gold) | set(n_pred))}
    scores["micro"] = Scores(sum(n_gold.values()), sum(n_pred.values()), sum(n_correct.values()))
    return scores


def evaluate(train: Path, train_fraction: float = 0.9, tagger_kind: str = "lexicon") -> tuple[dict[str, Scores], dict[str, float]]:
    """Build a lexicon (and, for ``crf``, train a model) on the first part of ``train`` and score
    the tagger on the rest.

    Args:
        train: An ANERcorp-style BIO file.
        train_fraction: Share of sentences (from the start) used to build the lexicon / model.
        tagger_kind: ``lexicon`` (v0) or ``crf`` (``workers.entities.crf`` with that lexicon).

    Returns:
        ``(scores, info)``: the scores of :func:`score_spans`, and facts about the run (sentence
        and token counts, lexicon size, tagging speed in tokens per second).
    """
    sentences = load_sentences(train)
    cut = int(len(sentences) * train_fraction)
    entries = build_entries(sentences[:cut])
    with tempfile.TemporaryDirectory() as tmp:  # go through the file format, as the shipped lexicon does
        path = Path(tmp) / "lexicon.tsv"
        with path.open("w", encoding="utf-8", newline="\n") as f:
            write_lexicon(entries, f)
        tagger = LexiconTagger.load(path)
        if tagger_kind == "crf":
            from workers.entities.crf import CrfTagger
            from workers.entities.train_crf import train as train_crf
            from workers.entities.wordclass import word_classes

            train_crf(sentences[:cut], Path(tmp) / "ner.model")
            tagger = CrfTagger(Path(tmp) / "ner.model", tagger, word_classes(sentences[:cut]))
    test = sentences[cut:]
    gold = [[tag for _, tag in s] for s in test]
    tokens = [[tok for tok, _ in s] for s in test]
    t0 = time.perf_counter()
    predicted = [tagger.tag_tokens(toks) for toks in tokens]
    elapsed = time.perf_counter() - t0
    n_tokens = sum(len(t) for t in tokens)
    extra = {}
    if hasattr(tagger, "tag_document"):  # as ``khabar tag-conll`` tags: runs of sentences
        extra["micro_f1_sentence_by_sentence"] = score_spans(gold, predicted)["micro"].f1
        predicted = [
            tags
            for i in range(0, len(tokens), DOCUMENT_SENTENCES)
            for tags in tagger.tag_document(tokens[i : i + DOCUMENT_SENTENCES])
        ]
    info = {
        **extra,
        "train_sentences": cut,
        "test_sentences": len(test),
        "test_tokens": n_tokens,
        "lexicon_entries": len(entries),
        "tokens_per_second": n_tokens / elapsed if elapsed else float("inf"),
    }
    return score_spans(gold, predicted), info


def _format(scores: dict[str, Scores]) -> str:
    rows = [f"{'type':<6} {'gold':>5} {'pred':>5} {'corr':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    order = [t for t in ENTITY_TYPES if t in scores] + [t for t in scores if t not in ENTITY_TYPES]
    for name in order:
        s = scores[name]
        rows.append(
            f"{name:<6} {s.gold:>5} {s.predicted:>5} {s.correct:>5} "
            f"{100 * s.precision:>6.2f} {100 * s.recall:>6.2f} {100 * s.f1:>6.2f}"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; see the module docstring.

    Args:
        argv: Arguments without the program name; ``None`` means ``sys.argv[1:]``.

    Returns:
        The process exit status.
    """
    p = argparse.ArgumentParser(
        prog="python -m workers.entities.evaluate",
        description="Build a lexicon on the first part of a BIO file and score the tagger on the rest.",
    )
    p.add_argument("train", type=Path, help="ANERcorp-style BIO file")
    p.add_argument("--train-fraction", type=float, default=0.9, help="share of sentences to build from")
    p.add_argument("--tagger", choices=["lexicon", "crf"], default="crf", help="which tagger to evaluate")
    args = p.parse_args(argv)
    scores, info = evaluate(args.train, args.train_fraction, args.tagger)
    print(
        f"lexicon from sentences [0, {info['train_sentences']}): {info['lexicon_entries']} entries; "
        f"test sentences [{info['train_sentences']}, {info['train_sentences'] + info['test_sentences']}): "
        f"{info['test_tokens']} tokens"
    )
    print("exact-span scores (CoNLL style), in %:")
    print(_format(scores))
    print(f"tagging speed (tag_tokens): {info['tokens_per_second']:,.0f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
