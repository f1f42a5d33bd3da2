"""Required literals of a regular expression, for a cheap pre-filter.

Most blocks of a page match none of the line-level rules, and running dozens of alternations over
every block is the cleaning stage's largest cost. ``required_literals`` reads a pattern's syntax
tree and returns strings of which every match must contain at least one (e.g. ``"copyright"`` for
``\\bcopyright\\b``, ``{" app"}`` for ``(download|get) (our|the) app``, ``{">", "/"}``
for a breadcrumb pattern that needs ``[>/]``). One Aho-Corasick pass over a block then tells which
patterns can match it at all; the others are not run. The pre-filter is conservative: when in
doubt it returns ``None`` and the pattern always runs.
"""

from __future__ import annotations

import re
import re._constants as sre  # the stdlib parser's opcodes; pinned Python 3.11
import re._parser as sre_parse

# The parser only needs the literal structure, so regex-only classes become a plain class.
_REGEX_ONLY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))
MAX_CLASS_CHARS = 8  # a character class of at most this many literal characters is a requirement


def is_anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at the start of the string (a leading ``^``)."""
    try:
        parsed = sre_parse.parse(_REGEX_ONLY.sub(r"\\w", pattern))
    except (re.error, RecursionError, OverflowError):
        return False
    return bool(parsed.data) and parsed.data[0] == (sre.AT, sre.AT_BEGINNING) and not parsed.state.flags & sre.SRE_FLAG_MULTILINE


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains one, or ``None`` if unknown.

    Args:
        pattern: A ``regex``/``re`` pattern, matched case-sensitively.

    Returns:
        A non-empty set of non-blank strings, or ``None`` (no safe pre-filter: always run).
    """
    try:
        parsed = sre_parse.parse(_REGEX_ONLY.sub(r"\\w", pattern))
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE):
        return None
    return _sequence(parsed)


def _sequence(items) -> frozenset[str] | None:
    """Best requirement of a concatenation: its longest literal run or a required group."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op is sre.BRANCH and run and all(all(o is sre.LITERAL for o, _ in branch) for branch in av[1]):
            # the parser moves a prefix shared by all alternatives out of them ("(الذهاب|العوده)"
            # becomes "ا" + "(لذهاب|لعوده)"): put it back, the whole words are the requirement
            prefix = "".join(run)
            flush()
            candidates.append(frozenset(prefix + "".join(chr(c) for _, c in branch) for branch in av[1]))
            continue
        flush()
        found = None
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            found = None if add_flags & sre.SRE_FLAG_IGNORECASE else _sequence(sub)
        elif op is sre.BRANCH:
            parts = [_sequence(branch) for branch in av[1]]
            found = frozenset().union(*parts) if all(parts) else None
        elif op in _REPEATS and av[0] >= 1:
            found = _sequence(av[2])
        elif op is sre.IN and 0 < len(av) <= MAX_CLASS_CHARS and all(o is sre.LITERAL for o, _ in av):
            found = frozenset(chr(c) for _, c in av)  # a small class of literal characters: one of them
        if found:
            candidates.append(found)
    flush()
    usable = [c for c in candidates if all(s.strip() for s in c)]
    if not usable:
        return None
    # the longest shortest string wins (spaces around a word do not make it rarer: " من " is "من"),
    # then the fewest strings
    return max(usable, key=lambda c: (min(len(s.strip()) for s in c), -len(c)))
