"""Reading BIO-tagged corpora (ANERcorp format) and turning BIO tags into entity spans.

What this stage decides: what counts as one sentence and one entity in a tagged corpus. It is
shared by the lexicon builder and the evaluation so that both read the data the same way.

* A sentence is a maximal run of non-blank lines; one or more blank (or whitespace-only) lines
  separate sentences, and a missing blank line at the end of the file is fine.
* On a non-blank line the first whitespace-separated column is the token and the last column the
  tag (``token TAG`` in ANERcorp; extra middle columns are ignored).
* Spans follow CoNLL (``conlleval``) semantics: ``B-X`` always starts an entity; ``I-X`` continues
  the current entity only if it is of type ``X``, otherwise (after ``O``, at the start of a
  sentence, or after another type) it starts a new one. ANERcorp has a few such ``I-`` tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Span", "read_sentences", "bio_spans"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """An entity over token positions ``[start, end)`` of one sentence.

    Attributes:
        start: Index of the first token.
        end: Index just past the last token.
        type: The entity type as written in the tags (``PERS``, ``LOC``, ``ORG``, ``MISC``).
    """

    start: int
    end: int
    type: str


def read_sentences(lines: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    """Group ``token ... TAG`` lines into sentences.

    Args:
        lines: Lines of a BIO file, with or without line terminators.

    Yields:
        One list of ``(token, tag)`` pairs per sentence; never an empty list.

    Raises:
        ValueError: On a non-blank line with fewer than two columns.
    """
    sentence: list[tuple[str, str]] = []
    for lineno, line in enumerate(lines, start=1):
        cols = line.split()
        if not cols:
            if sentence:
                yield sentence
                sentence = []
            continue
        if len(cols) < 2:
            raise ValueError(f"line {lineno}: expected 'token TAG', got {line.rstrip()!r}")
        sentence.append((cols[0], cols[-1]))
    if sentence:
        yield sentence


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """Return the entity spans of one sentence's BIO tags, CoNLL style.

    Args:
        tags: One tag per token: ``O``, ``B-TYPE`` or ``I-TYPE``.

    Returns:
        The spans in order. An ``I-`` tag that does not continue an entity of the same type starts
        a new entity.

    Raises:
        ValueError: On a tag that is not ``O`` and has no ``B-``/``I-`` prefix.
    """
    spans: list[Span] = []
    start: int | None = None
    cur_type = ""
    for i, tag in enumerate(tags):
        if tag == "O":
            prefix, typ = "O", ""
        elif tag[:2] in ("B-", "I-") and len(tag) > 2:
            prefix, typ = tag[0], tag[2:]
        else:
            raise ValueError(f"not a BIO tag: {tag!r}")
        continues = prefix == "I" and start is not None and typ == cur_type
        if start is not None and not continues:
            spans.append(Span(start, i, cur_type))
            start = None
        if prefix != "O" and not continues:
            start, cur_type = i, typ
    if start is not None:
        spans.append(Span(start, len(tags), cur_type))
    return spans
