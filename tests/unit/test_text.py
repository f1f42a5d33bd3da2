import re

from hypothesis import given
from hypothesis import strategies as st

from workers.text import arabic_share, block_key, fold_arabic, key_of_folded

ALEF, ALEF_HAMZA, ALEF_MADDA, YEH, ALEF_MAQSURA, HEH, TA_MARBUTA = "\u0627", "\u0623", "\u0622", "\u064a", "\u0649", "\u0647", "\u0629"
FATHA, TATWEEL = "\u064e", "\u0640"


def test_fold_arabic_folds_hamza_maqsura_ta_marbuta_diacritics_and_tatweel():
    assert fold_arabic(ALEF_HAMZA + "b" + ALEF_MAQSURA) == ALEF + "b" + YEH
    assert fold_arabic(ALEF_MADDA + TA_MARBUTA) == ALEF + HEH
    assert fold_arabic("x" + FATHA + TATWEEL + "y") == "xy"


def test_block_key_ignores_punctuation_spacing_and_case():
    assert block_key("  Hello,   WORLD!! ") == block_key("hello world") == "hello world"
    assert block_key("«" + ALEF_HAMZA + "b»") == block_key(ALEF + "b")
    assert block_key("...") == ""


def test_arabic_share():
    assert arabic_share("abc") == 0.0
    assert arabic_share(ALEF * 3 + "a") == 0.75
    assert arabic_share("123 !!") == 0.0


@given(st.text(alphabet=st.sampled_from("ab_Z9 \t\n.,-\u060c\u061f:()«»\u0627\u0644\u0628\u064e\u0640\u0660\u00e9\u0301\u2019\U0001d7d8"), max_size=60) | st.text(max_size=60))
def test_key_of_folded_is_runs_of_non_word_characters_collapsed_to_one_space(text):
    # The definition, as a substitution; the implementation joins the word runs instead.
    assert key_of_folded(text.replace("&", "+")) == re.sub(r"[\W_]+", " ", text.replace("&", "+")).strip()


def test_html_character_references_left_in_scraped_text_are_the_characters_they_stand_for():
    quoted = "\u00ab" + ALEF + "b\u00bb c"
    assert block_key("&quot;" + ALEF + "b&quot; c") == block_key("&#171;" + ALEF + "b&#xbb;&nbsp;c") == block_key(quoted)
    assert block_key("AT&T R&D &notice") == "at t r d notice"  # no semicolon: not a reference


def test_fold_arabic_drops_bidirectional_marks_so_anchored_rules_see_the_first_word():
    rlm, lrm, isolate, pop = "\u200f", "\u200e", "\u2067", "\u2069"
    text = rlm + "\u062a\u0645\u062a " + isolate + "x" + pop + lrm
    assert fold_arabic(text) == "\u062a\u0645\u062a x"
    assert block_key(text) == block_key("\u062a\u0645\u062a x")
