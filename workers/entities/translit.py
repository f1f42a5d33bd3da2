"""The linking key: one key for every Arabic spelling of a transliterated name.

Foreign names reach Arabic through several transliteration habits, and news outlets do not agree:
بيونغ يانغ / بيونج يانج / بيونغيانغ (Pyongyang), ترمب / ترامب (Trump), تشوي سونغ هي /
تشوي سون هوي / تشوي سون-هوي (Choe Son Hui). ``translit_key`` folds those differences away:

1. ``workers.text.fold_arabic`` and casefolding (diacritics, tatweel, alef/hamza forms, alef
   maqsura, ta marbuta);
2. spaces, hyphens and punctuation inside the name are dropped (بيونغ يانغ = بيونغيانغ);
3. the letters that stand for a foreign "g" fold together: jeem, ghain, qaf -> kaf;
4. "ng" written نغ/نج may lose its g (سونغ = سون): kaf after noon is dropped;
5. hamza seats fold to their letter (ؤ -> و, ئ -> ي) and a lone hamza is dropped;
6. long vowels are optional (ترمب = ترامب, هي = هوي): alef, waw and yeh are dropped everywhere
   except as the key's first letter.

The key is only a dictionary key for linking (and the seed of an unknown entity's id); it is not
shown to anyone. It is deliberately lossy, so it is compared only between names of one type, and
knowledge-base aliases that collide are reported by ``python -m workers.entities.build_kb --check``.
Letters are written as escapes: Python files stay free of Arabic literals.
"""

from __future__ import annotations

import re

from workers.text import fold_arabic

__all__ = ["translit_key"]

_NOT_WORD = re.compile(r"[\W_]+")
_LETTERS = str.maketrans(
    {
        "\u062c": "\u0643",  # jeem -> kaf
        "\u063a": "\u0643",  # ghain -> kaf
        "\u0642": "\u0643",  # qaf -> kaf
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yeh with hamza -> yeh
        "\u0621": None,  # lone hamza
    }
)
_NOON_G = "\u0646\u0643"  # noon + kaf (after step 3)
_LONG_VOWELS = re.compile("[\u0627\u0648\u064a]")  # alef, waw, yeh


def translit_key(name: str, keep_long_vowels: bool = False) -> str:
    """The transliteration-insensitive key of a name (see the module docstring).

    Args:
        name: A name as written, one or several words.
        keep_long_vowels: Skip step 6 (a stricter key, for names too short for the lossy one).

    Returns:
        The key; empty when the name has no letters or digits.
    """
    key = _NOT_WORD.sub("", fold_arabic(name).casefold()).translate(_LETTERS)
    while _NOON_G in key:
        key = key.replace(_NOON_G, "\u0646")
    return key if keep_long_vowels else key[:1] + _LONG_VOWELS.sub("", key[1:])
