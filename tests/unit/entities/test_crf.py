"""The CRF tagger: a small model learns context, and the shipped model gives exact offsets."""

from __future__ import annotations

from pathlib import Path

import orjson

from workers.entities.crf import CrfTagger
from workers.entities.tagger import LexiconTagger
from workers.entities.train_crf import train

ROOT = Path(__file__).resolve().parents[3]
# Letters of made-up names (escapes: no Arabic literals in Python files).
LETTERS = [chr(c) for c in range(0x0628, 0x063A)]
SAID, IN, THE_CITY_OF, TODAY = "\u0642\u0627\u0644", "\u0641\u064a", "\u0645\u062f\u064a\u0646\u0629", "\u0627\u0644\u064a\u0648\u0645"


def _name(i: int) -> str:
    return LETTERS[i % len(LETTERS)] + LETTERS[(i * 7 + 3) % len(LETTERS)] + LETTERS[(i * 11 + 5) % len(LETTERS)] + "\u0648"


def _corpus(names: range) -> list[list[tuple[str, str]]]:
    sentences = []
    for i in names:
        sentences.append([(SAID, "O"), (_name(i), "B-PERS"), (TODAY, "O")])
        sentences.append([(IN, "O"), (THE_CITY_OF, "O"), (_name(i + 500), "B-LOC"), (TODAY, "O")])
    return sentences


def test_small_model_tags_unseen_names_from_context(tmp_path):
    model = tmp_path / "small.model"
    train(_corpus(range(60)), model, folds=1, params={"max_iterations": 50})
    tagger = CrfTagger(model, LexiconTagger([]))
    # Names the model never saw: only the context (the word before) can tell their type.
    for i in range(1000, 1010):
        assert tagger.tag_tokens([SAID, _name(i), TODAY]) == ["O", "B-PERS", "O"]
        assert tagger.tag_tokens([IN, THE_CITY_OF, _name(i), TODAY]) == ["O", "O", "B-LOC", "O"]


def test_training_is_deterministic(tmp_path):
    first, second = tmp_path / "a.model", tmp_path / "b.model"
    train(_corpus(range(30)), first, folds=1, params={"max_iterations": 30})
    train(_corpus(range(30)), second, folds=1, params={"max_iterations": 30})
    assert first.read_bytes() == second.read_bytes()


def test_shipped_model_mentions_slice_back_exactly():
    tagger = CrfTagger.load()
    total = 0
    for record in (ROOT / "seeds" / "raw-pages.jsonl").read_bytes().splitlines():
        for line in orjson.loads(record)["content"].splitlines():
            for m in tagger.find_mentions(line):
                assert line[m.start : m.end] == m.text
                assert m.type in ("PER", "ORG", "LOC", "MISC")
                assert m.text.strip() == m.text and m.text
                total += 1
    assert total >= 100  # five real news pages name many people, places and organisations


def test_tag_tokens_of_empty_sentence():
    assert CrfTagger.load().tag_tokens([]) == []


def test_sentences_mostly_in_latin_script_are_not_tagged_by_the_arabic_model():
    tagger = CrfTagger.load()
    english = "Saudi Arabia will host a global summit on artificial intelligence next year".split()
    assert any(tag != "O" for tag in tagger._model.tag(*tagger._features.encode(english)))  # what the CRF does
    assert tagger.tag_tokens(english) == ["O"] * len(english)
    # an Arabic sentence with a Latin word in it is tagged as usual
    arabic = ["\u0642\u0627\u0644", "\u0628\u0627\u0631\u0627\u0643", "\u0623\u0648\u0628\u0627\u0645\u0627", "(AFP)"]
    assert tagger.tag_tokens(arabic)[1:3] == ["B-PERS", "I-PERS"]


def _seed_sentences() -> list[list[str]]:
    from workers.entities.tokenize import tokenize

    sentences = []
    for record in (ROOT / "seeds" / "raw-pages.jsonl").read_bytes().splitlines():
        for line in orjson.loads(record)["content"].splitlines():
            tokens = [t.text for t in tokenize(line)]
            if tokens:
                sentences.append(tokens)
    return sentences


def test_native_tagging_gives_crfsuites_tags_for_all_features():
    """The native model (ids of the known attributes, assembled in Rust) tags as crfsuite's own
    tagger does given every feature string, and assembles the features the strings path does."""
    import random

    import pycrfsuite

    from workers.entities.crf import Featurizer

    tagger = CrfTagger.load()
    crfsuite = pycrfsuite.Tagger()
    crfsuite.open(str(tagger.model))
    unfiltered = Featurizer(tagger._lexicon, word_classes=tagger._features.word_classes)
    known = set(tagger._model.attributes)
    sentences = _seed_sentences()
    words = [w for s in sentences for w in s]
    rng = random.Random(20261124)  # and sentences of seed words in random order: other contexts
    sentences += [rng.sample(words, rng.randint(1, 30)) for _ in range(300)]
    tagged = 0
    for tokens in sentences:
        strings = unfiltered.features(tokens)
        assert tagger._features.features(tokens) == [[f for f in feats if f in known] for feats in strings]
        tags = tagger._model.tag(*tagger._features.encode(tokens))
        assert tags == crfsuite.tag(strings)
        tagged += sum(tag != "O" for tag in tags)
    assert len(sentences) >= 500 and tagged >= 300


def test_native_model_reads_crfsuites_labels_and_attributes_and_rejects_other_bytes():
    import khabar_native
    import pycrfsuite
    import pytest

    tagger = CrfTagger.load()
    crfsuite = pycrfsuite.Tagger()
    crfsuite.open(str(tagger.model))
    assert tagger._model.labels == crfsuite.labels()
    assert set(tagger._model.attributes) == {attr for attr, _ in crfsuite.info().state_features}
    with pytest.raises(ValueError, match="crfsuite"):
        khabar_native.CrfModel(b"lCRF" + bytes(100))
    with pytest.raises(ValueError, match="lexicon tags"):
        tagger._model.tag(tagger._features.encode(["a", "b"])[0], ["O"])


def test_mentions_of_an_article_include_each_fields_own_and_slice_back_exactly():
    tagger = CrfTagger.load()
    added = 0
    for record in (ROOT / "seeds" / "raw-pages.jsonl").read_bytes().splitlines():
        texts = [line for line in orjson.loads(record)["content"].splitlines() if line.strip()]
        together = tagger.find_mentions_in(texts)
        for text, mentions in zip(texts, together):
            alone = tagger.find_mentions(text)
            assert set(alone) <= set(mentions)  # consistency only adds mentions
            added += len(mentions) - len(alone)
            for m in mentions:
                assert text[m.start : m.end] == m.text
    assert added > 0  # names tagged in one line were found again in others


def test_spans_with_a_word_written_with_tanween_are_not_names():
    from workers.entities.crf import _without_tanween_spans

    tokens = ["\u0648\u0635\u0644\u062a", "\u0628\u062d\u0631\u064a\u0627\u064b", "\u0625\u0644\u0649", "\u0628\u064a\u0631\u0648\u062a"]
    assert _without_tanween_spans(tokens, ["O", "B-LOC", "O", "B-LOC"]) == ["O", "O", "O", "B-LOC"]
    assert _without_tanween_spans(tokens, ["B-PERS", "I-PERS", "O", "B-LOC"]) == ["O", "O", "O", "B-LOC"]
    plain = ["\u0648\u0635\u0644\u062a", "\u0628\u064a\u0631\u0648\u062a"]
    tags = ["O", "B-LOC"]
    assert _without_tanween_spans(plain, tags) is tags  # nothing to do: the same list


def test_a_conjunction_glued_to_a_given_name_is_not_part_of_the_person_mention():
    from workers.entities.tokenize import tokenize

    tagger = CrfTagger.load()
    dalia, abd, walid, karim = "\u062f\u0627\u0644\u064a\u0627", "\u0639\u0628\u062f\u0647", "\u0648\u0644\u064a\u062f", "\u0643\u0631\u064a\u0645"

    def mention(text: str, label: str = "PERS") -> str:
        tokens = tokenize(text)
        tags = ["B-" + label] + ["I-" + label] * (len(tokens) - 1)
        [m] = tagger._mentions(text, tokens, [t.text for t in tokens], tags)
        assert text[m.start : m.end] == m.text
        return m.text

    assert mention("\u0648" + dalia + " " + abd) == mention("\u0641" + dalia + " " + abd) == dalia + " " + abd
    assert mention(walid + " " + abd) == walid + " " + abd  # a given name that starts with the letter
    assert mention(karim + " " + abd) == karim + " " + abd  # not the preposition ka + a given name
