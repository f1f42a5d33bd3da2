"""Build the v0 entity lexicon from a BIO corpus (ANERcorp).

Usage::

    python -m workers.entities.build_lexicon TRAIN.txt OUT.tsv [--sentences-from N] [--sentences-to M]

What this stage decides: which token sequences the v0 tagger may tag, and as what. Every entity
phrase annotated in the corpus (the tokens of one BIO span, each through ``match_key``) is a
candidate. A candidate is kept when

1. its majority type covers at least 60% of its entity occurrences (``--min-type-share``): a phrase
   annotated as PERS in one place and ORG in another cannot be typed by a lexicon, and
2. it is annotated as an entity in at least 50% of all its occurrences in the corpus
   (``--min-entity-share``): this drops phrases that are usually ordinary words (a month name, a
   common adjective, a word that is sometimes part of an organisation name), which a context-free
   lexicon would otherwise tag everywhere, and
3. its majority type was seen at least ``--min-count`` times (default 1: singletons are kept; the
   corpus is small and most names occur once).

Counting is on exact spans: an occurrence of "Germany" inside a longer annotated entity counts in
``corpus_count`` but not in ``entity_count``. Clitic-prefixed spellings are *not* added here (the
tagger strips clitics at lookup time instead, see :mod:`workers.entities.clitics`), so the file only
holds phrases as they were annotated.

``--sentences-from/--sentences-to`` select a slice of the corpus's sentences (0-based, half-open,
Python slice semantics), so an evaluation can build on the first 90% and test on the rest.

The output is deterministic: entries are sorted by key and the comment header records only the
input's sha256, the sentence slice and the thresholds, so rebuilding from the same input gives
identical bytes.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO

from workers.entities.bio import bio_spans, read_sentences
from workers.entities.lexicon import LexiconEntry, write_lexicon
from workers.entities.normalize import match_key

__all__ = [
    "DEFAULT_MIN_TYPE_SHARE",
    "DEFAULT_MIN_ENTITY_SHARE",
    "DEFAULT_MIN_COUNT",
    "build_entries",
    "load_sentences",
    "main",
]

DEFAULT_MIN_TYPE_SHARE = 0.6
DEFAULT_MIN_ENTITY_SHARE = 0.5
DEFAULT_MIN_COUNT = 1
_EPS = 1e-9  # so that e.g. 3 of 5 passes a 0.6 share despite float rounding

_LICENCE_COMMENTS = (
    "Derived from ANERcorp (CAMeL Lab split). Licence: CC BY-SA 4.0; this file stays CC BY-SA 4.0.",
    'Cite: Y. Benajiba, P. Rosso, J. M. Benedí Ruiz, "ANERsys: An Arabic Named Entity Recognition System',
    'Based on Maximum Entropy", CICLing 2007; O. Obeid et al., "CAMeL Tools: An Open Source Python Toolkit',
    'for Arabic Natural Language Processing", LREC 2020. See NOTICE.',
)


def write_derived_file(out: Path, comments: Sequence[str], write: Callable[[IO[str], list[str]], None]) -> None:
    """Write a file derived from ANERcorp: ``write(f, comment_lines)`` with ``comments`` followed by
    the licence and citation lines (UTF-8, ``\\n`` line ends; folders are created)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as f:
        write(f, [*comments, *_LICENCE_COMMENTS])


def load_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Read every sentence of a BIO file.

    Args:
        path: A UTF-8 file of ``token TAG`` lines with blank lines between sentences.

    Returns:
        The sentences, each a list of ``(token, tag)`` pairs.
    """
    with path.open(encoding="utf-8") as f:
        return list(read_sentences(f))


def build_entries(
    sentences: Iterable[Sequence[tuple[str, str]]],
    *,
    min_type_share: float = DEFAULT_MIN_TYPE_SHARE,
    min_entity_share: float = DEFAULT_MIN_ENTITY_SHARE,
    min_count: int = DEFAULT_MIN_COUNT,
) -> list[LexiconEntry]:
    """Collect the lexicon entries of a tagged corpus (see the module docstring for the rules).

    Args:
        sentences: Sentences as lists of ``(token, BIO tag)`` pairs.
        min_type_share: Minimum share of the majority type among the phrase's entity occurrences.
        min_entity_share: Minimum share of entity occurrences among all occurrences of the phrase.
        min_count: Minimum number of entity occurrences of the majority type.

    Returns:
        The kept entries, sorted by key. Ties between types (only possible below a 0.5 type share)
        go to the type that sorts first.
    """
    keyed: list[list[str]] = []
    by_type: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        keys = [match_key(token) for token, _ in sentence]
        keyed.append(keys)
        for span in bio_spans([tag for _, tag in sentence]):
            phrase = tuple(keys[span.start : span.end])
            if all(phrase):  # a token that is all diacritics/tatweel has an empty key: unmatchable
                by_type[phrase][span.type] += 1

    corpus_counts: Counter[tuple[str, ...]] = Counter()
    lengths = sorted({len(phrase) for phrase in by_type})
    for keys in keyed:
        for n in lengths:
            for i in range(len(keys) - n + 1):
                gram = tuple(keys[i : i + n])
                if gram in by_type:
                    corpus_counts[gram] += 1

    entries = []
    for phrase, types in by_type.items():
        typ, type_count = min(types.items(), key=lambda kv: (-kv[1], kv[0]))
        entity_count = sum(types.values())
        corpus_count = corpus_counts[phrase]
        if (
            type_count >= min_count
            and type_count >= min_type_share * entity_count - _EPS
            and entity_count >= min_entity_share * corpus_count - _EPS
        ):
            entries.append(LexiconEntry(" ".join(phrase), typ, type_count, entity_count, corpus_count))
    entries.sort(key=lambda e: e.key)
    return entries


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m workers.entities.build_lexicon",
        description="Build the v0 entity lexicon (TSV) from an ANERcorp-style BIO file.",
    )
    p.add_argument("train", type=Path, help="BIO file: 'token TAG' lines, blank line between sentences")
    p.add_argument("out", type=Path, help="output lexicon TSV")
    p.add_argument("--sentences-from", type=int, default=None, help="first sentence (0-based, inclusive)")
    p.add_argument("--sentences-to", type=int, default=None, help="end sentence (0-based, exclusive)")
    p.add_argument("--min-type-share", type=float, default=DEFAULT_MIN_TYPE_SHARE)
    p.add_argument("--min-entity-share", type=float, default=DEFAULT_MIN_ENTITY_SHARE)
    p.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; see the module docstring.

    Args:
        argv: Arguments without the program name; ``None`` means ``sys.argv[1:]``.

    Returns:
        The process exit status.
    """
    args = _parse_args(argv)
    sentences = load_sentences(args.train)
    chosen = range(len(sentences))[args.sentences_from : args.sentences_to]
    entries = build_entries(
        (sentences[i] for i in chosen),
        min_type_share=args.min_type_share,
        min_entity_share=args.min_entity_share,
        min_count=args.min_count,
    )
    digest = hashlib.sha256(args.train.read_bytes()).hexdigest()
    comments = [
        "khabar entity lexicon v0 -- built by: python -m workers.entities.build_lexicon",
        f"source sha256: {digest}; sentences [{chosen.start}, {chosen.stop}) of {len(sentences)}",
        f"thresholds: min_type_share={args.min_type_share} min_entity_share={args.min_entity_share} "
        f"min_count={args.min_count}; entries: {len(entries)}",
    ]
    write_derived_file(args.out, comments, lambda f, lines: write_lexicon(entries, f, lines))
    print(f"wrote {len(entries)} entries to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
