"""Label consistency: a name tagged once is tagged where it recurs in the same document."""

from __future__ import annotations

from workers.entities.consistency import propagate

JOSE, SAID, WAW, LI = "\u062c\u0648\u0632\u064a\u0647", "\u0642\u0627\u0644", "\u0648", "\u0644"  # "Jose", "said", "and", "to"
FAIZA, ABOULNAGA = "\u0641\u0627\u064a\u0632\u0647", "\u0627\u0628\u0648\u0627\u0644\u0646\u062c\u0627"
ABD, ALLAH = "\u0639\u0628\u062f", "\u0627\u0644\u0644\u0647"


def test_a_tagged_name_is_tagged_where_it_recurs_also_after_proclitics():
    keys = [[SAID, JOSE], [JOSE, SAID], [SAID, WAW + JOSE], [SAID, WAW + LI + JOSE]]
    tags = [["O", "B-PERS"], ["O", "O"], ["O", "O"], ["O", "O"]]
    assert propagate(keys, tags, {}) == [["O", "B-PERS"], ["B-PERS", "O"], ["O", "B-PERS"], ["O", "B-PERS"]]
    assert tags == [["O", "B-PERS"], ["O", "O"], ["O", "O"], ["O", "O"]]  # the input is not changed


def test_the_surname_of_a_person_spreads_alone_unless_it_is_a_common_word():
    keys = [[FAIZA, ABOULNAGA, SAID], [ABOULNAGA, SAID]]
    tags = [["B-PERS", "I-PERS", "O"], ["O", "O"]]
    assert propagate(keys, tags, {})[1] == ["B-PERS", "O"]
    assert propagate(keys, tags, {ABOULNAGA: "mix"})[1] == ["O", "O"]
    keys = [[ABD, ALLAH], [ALLAH]]  # "Abdullah": the word "Allah" must not become a person
    assert propagate(keys, [["B-PERS", "I-PERS"], ["O"]], {ALLAH: "mix"})[1] == ["O"]


def test_common_words_short_names_and_tagged_spans_are_left_alone():
    keys = [[SAID], [SAID]]
    assert propagate(keys, [["B-ORG"], ["O"]], {SAID: "o"}) == [["B-ORG"], ["O"]]
    keys = [["abc"], ["abc"]]  # fewer than MIN_CHARS key characters
    assert propagate(keys, [["B-LOC"], ["O"]], {}) == [["B-LOC"], ["O"]]
    keys = [[JOSE], [JOSE, SAID], [JOSE, SAID]]
    tags = [["B-PERS"], ["B-LOC", "O"], ["O", "I-LOC"]]  # tagged otherwise / continued by I-
    assert propagate(keys, tags, {}) == tags
