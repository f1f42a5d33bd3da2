"""The lexicon file format (``lexicon-v0.tsv``): reading and writing.

What this stage decides: how a lexicon is stored, so that the builder and the tagger agree and a
rebuild from the same input gives identical bytes.

Format: UTF-8, ``\\n`` line ends. Lines starting with ``#`` are comments (provenance and licence).
The first other line is the header ``key<TAB>type<TAB>type_count<TAB>entity_count<TAB>corpus_count``
and each following line is one entry:

* ``key`` -- the phrase's tokens, each passed through :func:`~workers.entities.normalize.match_key`,
  joined with single spaces;
* ``type`` -- the majority entity type in ANERcorp labels (``PERS``, ``LOC``, ``ORG``, ``MISC``);
* ``type_count`` -- how often the phrase was annotated as exactly one entity of that type;
* ``entity_count`` -- how often it was annotated as exactly one entity of any type;
* ``corpus_count`` -- how often the token sequence occurs in the corpus at all.

Entries are sorted by ``key`` (code point order); keys are unique.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

__all__ = ["ENTITY_TYPES", "HEADER", "LexiconEntry", "read_lexicon", "write_lexicon"]

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
"""The entity types of ANERcorp, as used in the lexicon and in BIO tags."""

HEADER = ("key", "type", "type_count", "entity_count", "corpus_count")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One phrase of the lexicon.

    Attributes:
        key: Space-joined ``match_key`` of the phrase's tokens.
        type: Majority type, one of :data:`ENTITY_TYPES`.
        type_count: Occurrences annotated as one entity of ``type``.
        entity_count: Occurrences annotated as one entity of any type.
        corpus_count: Occurrences of the token sequence anywhere in the corpus.
    """

    key: str
    type: str
    type_count: int
    entity_count: int
    corpus_count: int


def write_lexicon(entries: Iterable[LexiconEntry], out: IO[str], comments: Iterable[str] = ()) -> None:
    """Write ``entries`` in the lexicon format, sorted by key.

    Args:
        entries: Entries with unique keys.
        out: A text stream; open it with ``encoding="utf-8", newline="\\n"`` for byte-identical
            output on every platform.
        comments: Comment lines (without the leading ``#``) written before the header.

    Raises:
        ValueError: On a duplicate key, a key with a tab or newline, or an unknown type.
    """
    rows = sorted(entries, key=lambda e: e.key)
    for a, b in zip(rows, rows[1:]):
        if a.key == b.key:
            raise ValueError(f"duplicate lexicon key {a.key!r}")
    for line in comments:
        out.write(f"# {line}\n" if line else "#\n")
    out.write("\t".join(HEADER) + "\n")
    for e in rows:
        if e.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {e.type!r} for {e.key!r}")
        if any(c in e.key for c in "\t\n\r") or not e.key:
            raise ValueError(f"invalid lexicon key {e.key!r}")
        out.write(f"{e.key}\t{e.type}\t{e.type_count}\t{e.entity_count}\t{e.corpus_count}\n")


def read_lexicon(lines: Iterable[str]) -> Iterator[LexiconEntry]:
    """Parse lexicon lines.

    Args:
        lines: Lines of a lexicon file, with or without line terminators.

    Yields:
        The entries in file order.

    Raises:
        ValueError: If the header is missing or wrong, or a line is malformed.
    """
    seen_header = False
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not seen_header:
            if tuple(cols) != HEADER:
                raise ValueError(f"line {lineno}: expected header {HEADER!r}, got {cols!r}")
            seen_header = True
            continue
        if len(cols) != len(HEADER):
            raise ValueError(f"line {lineno}: expected {len(HEADER)} tab-separated columns, got {len(cols)}")
        key, typ, type_count, entity_count, corpus_count = cols
        if typ not in ENTITY_TYPES:
            raise ValueError(f"line {lineno}: unknown entity type {typ!r}")
        if not key:
            raise ValueError(f"line {lineno}: empty key")
        yield LexiconEntry(key, typ, int(type_count), int(entity_count), int(corpus_count))
    if not seen_header:
        raise ValueError("lexicon has no header line")
