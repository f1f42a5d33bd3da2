"""Word classes: how a word was used in the training text, a feature of the CRF tagger.

What this stage decides: for every word (``match_key``) seen at least ``MIN_COUNT`` times in the
annotated sentences, whether it occurred only outside names (``o``), only inside names (``e``) or
both (``mix``). A word that is not listed is rare or new, which is itself telling: most words a
news corpus has not seen are names. Measured on ANERcorp (train on nine tenths, score the tenth),
word classes plus knowledge-base phrase features raised micro-F1 by about one point on two
different tenths.

File format (``word-classes-v0.tsv``): UTF-8, ``\\n`` line ends, ``#`` comment lines (provenance
and licence), then ``key<TAB>class`` lines sorted by key. Built deterministically by::

    python -m workers.entities.wordclass path/to/anercorp/train.txt workers/entities/data/word-classes-v0.tsv
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import IO

from workers.entities.build_lexicon import load_sentences, write_derived_file
from workers.entities.normalize import match_key

__all__ = ["DEFAULT_WORD_CLASSES", "MIN_COUNT", "load_word_classes", "read_word_classes", "word_classes", "write_word_classes"]

MIN_COUNT = 3
"""Words seen fewer times are not listed (their absence is the ``rare`` class)."""

DEFAULT_WORD_CLASSES = ("data", "word-classes-v0.tsv")
"""The shipped file: path parts relative to the ``workers.entities`` package."""


def word_classes(sentences: Iterable[Sequence[tuple[str, str]]]) -> dict[str, str]:
    """``match_key`` -> ``o``, ``e`` or ``mix`` for the words of ``(token, BIO tag)`` sentences
    seen at least ``MIN_COUNT`` times."""
    outside: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for sentence in sentences:
        for token, tag in sentence:
            (outside if tag == "O" else inside)[match_key(token)] += 1
    classes = {}
    for key in outside.keys() | inside.keys():
        o, e = outside[key], inside[key]
        if key and o + e >= MIN_COUNT:
            classes[key] = "o" if not e else "e" if not o else "mix"
    return classes


def write_word_classes(classes: dict[str, str], f: IO[str], comments: Sequence[str] = ()) -> None:
    for line in comments:
        f.write(f"# {line}\n")
    for key in sorted(classes):
        f.write(f"{key}\t{classes[key]}\n")


def read_word_classes(f: IO[str]) -> dict[str, str]:
    classes = {}
    for number, line in enumerate(f, start=1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("\t")
        if not sep or value not in ("o", "e", "mix"):
            raise ValueError(f"word classes line {number}: expected 'key<TAB>o|e|mix', got {line!r}")
        classes[key] = value
    return classes


def load_word_classes(path: Path | None = None) -> dict[str, str]:
    """Read a word-classes file (default: the shipped one)."""
    if path is None:
        path = Path(str(resources.files("workers.entities").joinpath(*DEFAULT_WORD_CLASSES)))
    with path.open("r", encoding="utf-8") as f:
        return read_word_classes(f)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    p = argparse.ArgumentParser(prog="python -m workers.entities.wordclass", description=__doc__.split("\n")[0])
    p.add_argument("train", type=Path, help="BIO file: 'token TAG' lines, blank line between sentences")
    p.add_argument("out", type=Path, help="word-classes file to write")
    args = p.parse_args(argv)
    sentences = load_sentences(args.train)
    classes = word_classes(sentences)
    comments = [
        "khabar word classes v0 -- built by: python -m workers.entities.wordclass",
        f"source sha256: {hashlib.sha256(args.train.read_bytes()).hexdigest()}; sentences: {len(sentences)}; "
        f"min count {MIN_COUNT}; words: {len(classes)}",
    ]
    write_derived_file(args.out, comments, lambda f, lines: write_word_classes(classes, f, lines))
    print(f"wrote {len(classes)} word classes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
