"""Tagging CoNLL-style token files (the stage behind ``khabar tag-conll``).

What this stage decides: how a column file maps to tagged output. The output mirrors the input
line for line, so it can be compared with, or pasted next to, the input:

* Every non-blank input line is a token line: its first whitespace-separated column is the token
  and any other columns (gold tags, POS...) are ignored. It gives exactly one output line
  ``token TAG`` (one space between, tags as in :meth:`LexiconTagger.tag_tokens`).
* Every blank line (empty, or only whitespace) gives exactly one empty output line, in the same
  place. A run of non-blank lines between blank lines is one sentence and is tagged as a unit,
  so phrases never match across a sentence break.
* A tagger with ``tag_document`` (the CRF) gets ``DOCUMENT_SENTENCES`` consecutive sentences at
  a time, so that a name it tagged in one of them is tagged where it recurs in the others
  (``workers.entities.consistency``).
* Several blank lines in a row are kept as they are (the empty sentences between them are
  nothing to tag); blank lines at the start are kept too.
* A missing blank line at the end is fine: the last sentence is tagged at end of input and no
  blank line is added, so the output ends like the input.

Lines are yielded *without* line terminators (input lines may have them or not); a caller writing
to a stream adds ``"\\n"``. Input is read lazily, one sentence (or ``DOCUMENT_SENTENCES``
sentences for a document tagger) at a time, so this streams.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

__all__ = ["TokenTagger", "tag_conll"]


class TokenTagger(Protocol):
    """Anything with ``tag_tokens``, such as :class:`workers.entities.tagger.LexiconTagger`."""

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        """Return one BIO tag per token."""
        ...


DOCUMENT_SENTENCES = 20
"""Sentences tagged together by a tagger with ``tag_document`` (CoNLL files mark no documents)."""


def _tag_group(group: list[list[str] | None], tagger: TokenTagger) -> Iterator[str]:
    """Output lines of consecutive sentences (``None``: a blank line)."""
    sentences = [s for s in group if s is not None]
    if not sentences:
        tagged = iter([])
    elif hasattr(tagger, "tag_document"):
        tagged = iter(tagger.tag_document(sentences))
    else:
        tagged = iter([tagger.tag_tokens(s) for s in sentences])
    for item in group:
        if item is None:
            yield ""
            continue
        tags = next(tagged)
        if len(tags) != len(item):
            raise ValueError(f"tagger returned {len(tags)} tags for {len(item)} tokens")
        for token, tag in zip(item, tags):
            yield f"{token} {tag}"


def tag_conll(lines: Iterable[str], tagger: TokenTagger) -> Iterator[str]:
    """Tag CoNLL-style lines; one output line per input line (see the module docstring).

    Args:
        lines: Input lines, with or without line terminators; a blank line separates sentences
            and the first column of other lines is the token.
        tagger: The tagger to use for each sentence.

    Yields:
        ``"token TAG"`` for each token line and ``""`` for each blank line, without line
        terminators, in input order.

    Example:
        >>> class AllO:
        ...     def tag_tokens(self, tokens): return ["O"] * len(tokens)
        >>> list(tag_conll(["a X\\n", "b Y\\n", "\\n", "c\\n"], AllO()))
        ['a O', 'b O', '', 'c O']
    """
    size = DOCUMENT_SENTENCES if hasattr(tagger, "tag_document") else 1
    group: list[list[str] | None] = []  # sentences and blank lines, in input order
    sentence: list[str] = []
    done = 0  # sentences in the group
    for line in lines:
        cols = line.split()
        if cols:
            sentence.append(cols[0])
            continue
        if sentence:
            group.append(sentence)
            sentence = []
            done += 1
        group.append(None)
        if done >= size:
            yield from _tag_group(group, tagger)
            group, done = [], 0
    if sentence:
        group.append(sentence)
    yield from _tag_group(group, tagger)
