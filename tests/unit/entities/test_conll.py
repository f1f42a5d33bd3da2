"""Tests of workers.entities.conll.tag_conll."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workers.entities.conll import tag_conll
from workers.entities.lexicon import HEADER
from workers.entities.tagger import LexiconTagger


class Recorder:
    """Tags every token O and records the sentences it was given."""

    def __init__(self) -> None:
        self.sentences: list[list[str]] = []

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        self.sentences.append(list(tokens))
        return ["O"] * len(tokens)


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> LexiconTagger:
    path = tmp_path_factory.mktemp("lexicon") / "lexicon.tsv"
    path.write_text("\t".join(HEADER) + "\nبيونغ يانغ\tLOC\t1\t1\t1\nروسيا\tLOC\t1\t1\t1\n", encoding="utf-8")
    return LexiconTagger.load(path)


def test_tags_sentences_and_keeps_breaks(tagger: LexiconTagger) -> None:
    lines = io.StringIO("زار B-PERS\nبيونغ O\nيانغ O\n\nلروسيا B-LOC\n.\tO\textra\n")
    assert list(tag_conll(lines, tagger)) == [
        "زار O",
        "بيونغ B-LOC",
        "يانغ I-LOC",
        "",
        "لروسيا B-LOC",
        ". O",
    ]


def test_phrases_do_not_cross_sentence_breaks(tagger: LexiconTagger) -> None:
    assert list(tag_conll(["بيونغ", "", "يانغ"], tagger)) == ["بيونغ O", "", "يانغ O"]


@pytest.mark.parametrize(
    ("lines", "out", "sentences"),
    [
        (["a\n", "b\n"], ["a O", "b O"], [["a", "b"]]),  # no trailing blank line: none added
        (["a\n", "\n"], ["a O", ""], [["a"]]),  # trailing blank line kept
        (["a", "", "", "b"], ["a O", "", "", "b O"], [["a"], ["b"]]),  # multiple blank lines kept
        (["\n", "a\n"], ["", "a O"], [["a"]]),  # leading blank line kept
        (["a\r\n", "  \t\r\n", "b  X  Y\r\n"], ["a O", "", "b O"], [["a"], ["b"]]),  # CRLF, spaces
        ([], [], []),
        (["", ""], ["", ""], []),
    ],
)
def test_blank_lines(lines: list[str], out: list[str], sentences: list[list[str]]) -> None:
    rec = Recorder()
    assert list(tag_conll(lines, rec)) == out
    assert rec.sentences == sentences


def test_is_lazy() -> None:
    rec = Recorder()
    out = tag_conll(iter(["a", "", "b"]), rec)
    assert next(out) == "a O"
    assert rec.sentences == [["a"]]  # the second sentence was not read yet


def test_rejects_a_tagger_that_loses_tokens() -> None:
    class Bad:
        def tag_tokens(self, tokens: list[str]) -> list[str]:
            return []

    with pytest.raises(ValueError):
        list(tag_conll(["a"], Bad()))


@given(
    st.lists(
        st.one_of(
            st.just(""),
            st.just("  "),
            st.text(alphabet="abcبيونغ يانغروسيا", min_size=1, max_size=8).filter(lambda s: s.strip()),
        ),
        max_size=30,
    )
)
def test_one_output_line_per_input_line(tagger: LexiconTagger, lines: list[str]) -> None:
    out = list(tag_conll(lines, tagger))
    assert len(out) == len(lines)
    for line, result in zip(lines, out):
        if line.strip():
            token, tag = result.split(" ")
            assert token == line.split()[0]
            assert tag == "O" or tag[:2] in ("B-", "I-")
        else:
            assert result == ""


def test_shipped_lexicon_on_conll_input() -> None:
    lines = ["فرانكفورت O", "(د O", "ب O", "أ) O", "أعلن O", ""]
    out = list(tag_conll(lines, LexiconTagger.load()))
    assert out[0] == "فرانكفورت B-LOC"
    assert len(out) == len(lines) and out[-1] == ""


def test_file_round_trip(tmp_path: Path) -> None:
    # round trip through a real file, as the CLI will do with stdin/stdout
    src = tmp_path / "in.conll"
    src.write_text("روسيا\n\nبيونغ\nيانغ", encoding="utf-8")
    with src.open(encoding="utf-8") as f:
        text = "".join(line + "\n" for line in tag_conll(f, LexiconTagger.load()))
    assert text.count("\n") == 4
    assert text.splitlines()[1] == ""


def test_a_document_tagger_gets_runs_of_sentences_and_the_lines_still_mirror_the_input() -> None:
    from workers.entities.conll import DOCUMENT_SENTENCES

    class Documents:
        def __init__(self) -> None:
            self.groups: list[int] = []

        def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
            self.groups.append(len(sentences))
            return [["O"] * len(s) for s in sentences]

    n = DOCUMENT_SENTENCES + 5
    lines = [line for i in range(n) for line in (f"w{i} X", f"v{i}", "")]
    tagger = Documents()
    out = list(tag_conll(lines, tagger))
    assert out == [f"{line.split()[0]} O" if line else "" for line in lines]
    assert tagger.groups == [DOCUMENT_SENTENCES, 5]
