"""Tests of workers.entities.tagger.LexiconTagger."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.entities.lexicon import HEADER
from workers.entities.tagger import LexiconTagger, Mention

# Keys are match_key forms (no hamza on alef, final heh for teh marbuta). Counts are irrelevant to
# the tagger. "وفرنسا" is there as ANERcorp annotates it, clitic included; "كين" tests that a
# name merely starting with a clitic letter (بكين) is not cut.
FIXTURE = [
    ("بيونغ يانغ", "LOC"),
    ("يانغ", "PERS"),
    ("روسيا", "LOC"),
    ("بكين", "LOC"),
    ("كين", "PERS"),
    ("الامم المتحده", "ORG"),
    ("كوفي انان", "PERS"),
    ("كوفي انان الامين", "MISC"),  # longer phrase that must win where it occurs
    ("فرنسا", "LOC"),
    ("وفرنسا", "LOC"),
    ("وليد", "PERS"),
]


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> LexiconTagger:
    path = tmp_path_factory.mktemp("lexicon") / "lexicon.tsv"
    lines = ["# test fixture", "\t".join(HEADER)] + [f"{key}\t{typ}\t1\t1\t1" for key, typ in FIXTURE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return LexiconTagger.load(path)


def test_tag_tokens_exact_expected_tags(tagger: LexiconTagger) -> None:
    tokens_and_tags = [
        ("زار", "O"),
        ("كُوفي", "B-PERS"),  # diacritic: matched through match_key
        ("أنان", "I-PERS"),  # hamza on alef: matched through match_key
        ("وبيونغ", "B-LOC"),  # clitic stripped as a fallback, whole token tagged
        ("يانغ", "I-LOC"),  # longest match: not the single-token PERS entry
        ("ثم", "O"),
        ("يانغ", "B-PERS"),
        ("لروسيا", "B-LOC"),
        ("وبكين", "B-LOC"),
        ("وفرنسا", "B-LOC"),
        ("بيونغ", "O"),  # a phrase prefix alone is nothing
        ("للأمم", "B-ORG"),
        ("المتحدة", "I-ORG"),
        ("كوفي", "B-MISC"),
        ("انان", "I-MISC"),
        ("الأمين", "I-MISC"),
        (".", "O"),
    ]
    tokens = [tok for tok, _ in tokens_and_tags]
    assert tagger.tag_tokens(tokens) == [tag for _, tag in tokens_and_tags]


def test_tag_tokens_edge_cases(tagger: LexiconTagger) -> None:
    assert tagger.tag_tokens([]) == []
    assert tagger.tag_tokens(["بيونغ"]) == ["O"]  # phrase cut off by the end of the sentence
    assert tagger.tag_tokens(["يانغ", "بيونغ"]) == ["B-PERS", "O"]
    assert tagger.tag_tokens(["روسيا", "روسيا"]) == ["B-LOC", "B-LOC"]  # adjacent entities


def test_find_mentions_skip_clitics(tagger: LexiconTagger) -> None:
    text = "زار كوفي أنان وبيونغ يانغ ثم يانغ لروسيا ووليد وبكين وفرنسا وبكين للأمم المتحدة."

    def at(sub: str, typ: str, after: int = 0) -> Mention:
        start = text.index(sub, after)
        return Mention(start, start + len(sub), sub, typ)  # type: ignore[arg-type]

    second_beijing = text.index("بكين", text.index("بكين") + 1)
    assert tagger.find_mentions(text) == [
        at("كوفي أنان", "PER"),
        at("بيونغ يانغ", "LOC"),  # starts after the waw
        at("يانغ", "PER", text.index("ثم")),
        at("روسيا", "LOC"),  # starts after the lam
        at("وليد", "PER"),  # "و" + "وليد": one waw stripped, the name keeps its own
        at("بكين", "LOC"),  # starts after the waw; not "كين"
        at("فرنسا", "LOC"),  # matched as annotated ("وفرنسا"), reported bare
        at("بكين", "LOC", second_beijing),
        # li + al is written lam-lam: the article's alef is not in the text, so the mention is
        # the name without the article
        at("أمم المتحدة", "ORG"),
    ]


def test_find_mentions_keeps_names_that_start_with_clitic_letters(tagger: LexiconTagger) -> None:
    assert tagger.find_mentions("بكين") == [Mention(0, 4, "بكين", "LOC")]
    assert tagger.find_mentions("وليد") == [Mention(0, 4, "وليد", "PER")]


def test_find_mentions_offsets_with_diacritics(tagger: LexiconTagger) -> None:
    text = "«وَلِرُوسيا»"
    (m,) = tagger.find_mentions(text)
    assert m.text == "رُوسيا" and text[m.start : m.end] == m.text and m.type == "LOC"


_WORDS = ["بيونغ", "يانغ", "روسيا", "بكين", "كين", "الأمم", "المتحدة", "كوفي", "أنان", "فرنسا", "قال", "في"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "و", "ل", "وب", "فال", "لل"]), st.sampled_from(_WORDS)),
        max_size=12,
    ),
    st.lists(st.sampled_from([" ", "  ", "، ", "\n", " «", "» ", "."]), min_size=12, max_size=12),
)
def test_find_mentions_invariants(tagger: LexiconTagger, words: list[tuple[str, str]], seps: list[str]) -> None:
    text = "".join(clitic + word + sep for (clitic, word), sep in zip(words, seps))
    mentions = tagger.find_mentions(text)
    end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= end and m.end > m.start
        assert m.type in {"PER", "ORG", "LOC", "MISC"}
        end = m.end


def test_shipped_lexicon_tags_anercorp_first_sentence() -> None:
    tagger = LexiconTagger.load()
    assert len(tagger) > 1000
    # the first sentence of ANERcorp's training split
    tokens = "فرانكفورت (د ب أ) أعلن اتحاد صناعة السيارات في ألمانيا امس الاول".split()
    tags = tagger.tag_tokens(tokens)
    assert tags[0] == "B-LOC"
    assert tags[tokens.index("ألمانيا")] == "B-LOC"
    assert tagger.find_mentions("وصل إلى فرانكفورت أمس")[0].text == "فرانكفورت"


def test_load_is_per_instance() -> None:
    assert LexiconTagger.load() is not LexiconTagger.load()


@pytest.mark.parametrize(
    "content",
    [
        "",  # no header
        "key\ttype\n",  # wrong header
        "\t".join(HEADER) + "\nروسيا\tCITY\t1\t1\t1\n",  # unknown type
        "\t".join(HEADER) + "\nروسيا\tLOC\t1\n",  # missing columns
    ],
)
def test_load_rejects_invalid_lexicons(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        LexiconTagger.load(path)


def test_shipped_lexicon_file_is_small_and_attributed() -> None:
    path = Path(__file__).resolve().parents[3] / "workers" / "entities" / "data" / "lexicon-v0.tsv"
    assert path.stat().st_size < 1_000_000
    head = path.read_text(encoding="utf-8")[:2000]
    assert "ANERcorp" in head and "CC BY-SA 4.0" in head
