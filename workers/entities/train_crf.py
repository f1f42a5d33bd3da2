"""Train the CRF tagger (``workers.entities.crf``) on an ANERcorp-style BIO file.

Usage::

    python -m workers.entities.train_crf TRAIN.txt OUT.model [--sentences-to N] [--folds 5]

The lexicon tagger's tags (and the word classes, ``workers.entities.wordclass``) are features of
the CRF. If the training sentences were tagged with a lexicon built from those same sentences,
every training entity would be "in the lexicon" and the model would learn to trust the lexicon
blindly, then miss every new name. So the training
features are computed *jackknife*-style: the sentences are cut into ``--folds`` consecutive
parts, and each part is tagged with a lexicon (and word classes) built from the other parts only.
At tagging time the full lexicon (``lexicon-v0.tsv``) and word classes (``word-classes-v0.tsv``),
built from the same sentences, are used.

crfsuite's L-BFGS training is deterministic: the same file and options give the same model bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from workers.entities.build_lexicon import build_entries, load_sentences
from workers.entities.crf import Featurizer, load_given_names
from workers.entities.frequency import WordFrequencies
from workers.entities.kb import KnowledgeBase
from workers.entities.lexicon import write_lexicon
from workers.entities.tagger import LexiconTagger
from workers.entities.wordclass import word_classes

__all__ = ["DEFAULT_PARAMS", "lexicon_of", "train"]

DEFAULT_PARAMS = {"c1": 0.02, "c2": 0.02, "max_iterations": 150, "feature.possible_transitions": True}
DEFAULT_FOLDS = 5


def lexicon_of(sentences: Sequence[Sequence[tuple[str, str]]]) -> LexiconTagger:
    """A lexicon tagger built from ``sentences``, through the lexicon file format."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lexicon.tsv"
        with path.open("w", encoding="utf-8", newline="\n") as f:
            write_lexicon(build_entries(sentences), f)
        return LexiconTagger.load(path)


def train(
    sentences: Sequence[Sequence[tuple[str, str]]],
    out: Path,
    *,
    folds: int = DEFAULT_FOLDS,
    params: dict | None = None,
) -> dict[str, float]:
    """Train a model on ``sentences`` and write it to ``out``.

    Args:
        sentences: ``(token, BIO tag)`` sentences.
        out: Model file to write.
        folds: Parts for the jackknife lexicon features (1: one lexicon from all sentences).
        params: crfsuite trainer parameters (default ``DEFAULT_PARAMS``).

    Returns:
        Facts about the run: sentences, seconds, model bytes.
    """
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = len(sentences)
    names = load_given_names()
    kb_roles = KnowledgeBase.load().token_roles()
    frequencies = WordFrequencies.load()
    for fold in range(folds):
        a, b = fold * n // folds, (fold + 1) * n // folds
        others = [*sentences[:a], *sentences[b:]] if folds > 1 else sentences
        featurizer = Featurizer(lexicon_of(others), names, word_classes=word_classes(others), kb_roles=kb_roles, frequencies=frequencies)
        for sentence in sentences[a:b]:
            trainer.append(featurizer.features([token for token, _ in sentence]), [tag for _, tag in sentence])
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return {"sentences": n, "seconds": time.perf_counter() - started, "model_bytes": out.stat().st_size}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    p = argparse.ArgumentParser(prog="python -m workers.entities.train_crf", description=__doc__.split("\n")[0])
    p.add_argument("train", type=Path, help="BIO file: 'token TAG' lines, blank line between sentences")
    p.add_argument("out", type=Path, help="model file to write")
    p.add_argument("--sentences-to", type=int, default=None, help="train on sentences [0, N) only")
    p.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    args = p.parse_args(argv)
    sentences = load_sentences(args.train)[: args.sentences_to]
    info = train(sentences, args.out, folds=args.folds)
    digest = hashlib.sha256(args.train.read_bytes()).hexdigest()[:16]
    print(
        f"trained on {info['sentences']} sentences of {args.train.name} (sha256 {digest}…) in "
        f"{info['seconds']:.0f} s: {args.out} ({info['model_bytes']:,} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
