"""Tagging CoNLL-style token files (the stage behind ``khabar tag-conll``).

What this stage decides: how a column file maps to tagged output. The output mirrors the input
line for line, so it can be compared with, or pasted next to, the input:

* Every non-blank input line is a token line: its first whitespace-separated column is the token
  and any other columns (gold tags, POS...) are ignored. It gives exactly one output line
  ``token TAG`` (one space between, tags as in :meth:`LexiconTagger.tag_tokens`).
* Every blank line (empty, or only whitespace) gives exactly one empty output line, in the same
  place. A run of non-blank lines between blank lines is one sentence and is tagged as a unit,
  so phrases never match across a sentence break.
* Several blank lines in a row are kept as they are (the empty sentences between them are
  nothing to tag); blank lines at the start are kept too.
* A missing blank line at the end is fine: the last sentence is tagged at end of input and no
  blank line is added, so the output ends like the input.

Lines are yielded *without* line terminators (input lines may have them or not); a caller writing
to a stream adds ``"\\n"``. Input is read lazily, one sentence at a time, so this streams.
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


def _tag_sentence(tokens: list[str], tagger: TokenTagger) -> Iterator[str]:
    tags = tagger.tag_tokens(tokens)
    if len(tags) != len(tokens):
        raise ValueError(f"tagger returned {len(tags)} tags for {len(tokens)} tokens")
    for token, tag in zip(tokens, tags):
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
    sentence: list[str] = []
    for line in lines:
        cols = line.split()
        if cols:
            sentence.append(cols[0])
            continue
        if sentence:
            yield from _tag_sentence(sentence, tagger)
            sentence = []
        yield ""
    if sentence:
        yield from _tag_sentence(sentence, tagger)
