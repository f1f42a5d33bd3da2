"""Linking: transliteration keys, the knowledge-base matcher, merging and in-article coreference."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.entities.kb import KnowledgeBase
from workers.entities.link import FieldMention, entity_id, link, merge
from workers.entities.normalize import match_key
from workers.entities.tagger import Mention
from workers.entities.translit import translit_key

FIXTURE_KB = Path(__file__).resolve().parents[2] / "fixtures" / "kb"

VARIANT_GROUPS = [
    ["بيونغ يانغ", "بيونج يانج", "بيونغيانغ", "بيونغ-يانغ"],
    ["ترمب", "ترامب"],
    ["تشوي سونغ هي", "تشوي سون هوي", "تشوي سون-هوي", "تشوي سون هي"],
    ["كيم جونغ أون", "كيم جونج اون", "كيم جونغ-أون"],
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(FIXTURE_KB)


@pytest.mark.parametrize("group", VARIANT_GROUPS)
def test_variants_share_one_translit_key(group):
    assert len({translit_key(v) for v in group}) == 1


def test_different_names_keep_different_keys():
    keys = [translit_key(g[0]) for g in VARIANT_GROUPS] + [translit_key(n) for n in ("بوتين", "بايدن", "طهران", "سيول")]
    assert len(set(keys)) == len(keys)


def test_matcher_finds_names_behind_clitics_with_exact_offsets(kb):
    text = "وقالت فرانس برس (أ.ف.ب) إن ترامب زار وبيونغ يانغ ولكوريا الشمالية وللعراق"
    found = [(m.text, m.entity.id) for m in kb.find(text)]
    assert found == [
        ("فرانس برس", "org:afp"),
        ("أ.ف.ب", "org:afp"),
        ("ترامب", "Q22686"),
        ("بيونغ يانغ", "loc:pyongyang"),
        ("كوريا الشمالية", "Q423"),
        ("عراق", "Q796"),  # li + al: the article's alef is not written, the mention starts after it
    ]
    for m in kb.find(text):
        assert text[m.start : m.end] == m.text


def test_matcher_prefers_the_longest_name_and_ignores_non_clitic_prefixes(kb):
    assert [m.text for m in kb.find("دونالد ترامب")] == ["دونالد ترامب"]
    assert kb.find("سترامب") == []  # "س" is not a proclitic of names
    assert kb.find("") == []


def test_merge_prefers_kb_unless_a_longer_tagged_name_contains_it(kb):
    text = "جامعة العراق وترامب"
    tagged = [Mention(0, 12, "جامعة العراق", "ORG"), Mention(14, 19, "ترامب", "LOC")]
    merged = merge(tagged, kb.find(text))
    assert [(m[2], m[3], m[4].id if m[4] else None) for m in merged] == [
        ("جامعة العراق", "ORG", None),  # the tagged organisation contains the country
        ("ترامب", "PER", "Q22686"),  # the KB entity and type win over an overlapping tagged span
    ]


def _mention(text: str, kind: str, kb: KnowledgeBase | None = None) -> FieldMention:
    entity = next((m.entity for m in kb.find(text) if m.text == text), None) if kb else None
    return FieldMention("paragraphs", 0, 0, len(text), text, kind, entity)


def test_spelling_variants_link_to_one_kb_entity(kb):
    mentions = [_mention(v, "LOC", kb) for v in VARIANT_GROUPS[0]] + [_mention(v, "PER", kb) for v in VARIANT_GROUPS[1]]
    entities = link(mentions, kb)
    assert [(e["id"], e["count"], e["kb"]) for e in entities] == [("loc:pyongyang", 4, True), ("Q22686", 2, True)]
    assert entities[0]["name"] == "بيونغ يانغ" and entities[0]["name_en"] == "Pyongyang"


def test_unknown_names_get_deterministic_ids_from_the_translit_key():
    a = link([_mention("جان-بيير لاكروا", "PER")])
    b = link([_mention("جان بيير لاكروا", "PER")])
    assert a[0]["id"] == b[0]["id"] == entity_id("PER", "جان بيير لاكروا")
    assert a[0]["kb"] is False and a[0]["name_en"] is None
    assert entity_id("LOC", "جان بيير لاكروا") != a[0]["id"]  # the type is part of the id


def test_a_surname_alone_links_to_the_full_name_mentioned_earlier():
    entities = link([_mention("سيرغي لافروف", "PER"), _mention("بيتر", "PER"), _mention("لافروف", "PER")])
    assert [(e["name"], e["count"]) for e in entities] == [("سيرغي لافروف", 2), ("بيتر", 1)]
    # ... also before it is introduced (a headline's surname), but not across types.
    entities = link([_mention("لافروف", "PER"), _mention("سيرغي لافروف", "PER"), _mention("لافروف", "LOC")])
    assert [(e["name"], e["type"], e["count"]) for e in entities] == [("سيرغي لافروف", "PER", 2), ("لافروف", "LOC", 1)]
    # the nearest person named before it wins over one named after it
    entities = link([_mention("سيرغي لافروف", "PER"), _mention("لافروف", "PER"), _mention("أندريه لافروف", "PER")])
    assert [(e["name"], e["count"]) for e in entities] == [("سيرغي لافروف", 2), ("أندريه لافروف", 1)]


def test_a_name_that_is_also_a_common_word_needs_the_taggers_agreement(tmp_path):
    (tmp_path / "kb.jsonl").write_text(
        '{"id": "Q912", "type": "LOC", "ar": "مالي", "en": "Mali", "aliases": []}\n'
        '{"id": "Q796", "type": "LOC", "ar": "العراق", "en": "Iraq", "aliases": []}\n',
        encoding="utf-8",
    )
    (tmp_path / "ambiguous.txt").write_text("# comment\nمالي\n", encoding="utf-8")
    kb = KnowledgeBase.load(tmp_path)
    text = "عجز مالي في العراق ووصل رئيس مالي"
    found = kb.find(text)
    assert [(m.text, m.ambiguous) for m in found] == [("مالي", True), ("العراق", False), ("مالي", True)]
    # untagged, the common word is dropped; where the tagger saw a name, the KB entity links it
    tagged = [Mention(29, 33, "مالي", "LOC")]
    assert text[29:33] == "مالي"
    merged = merge(tagged, found)
    assert [(m[0], m[2], m[4].id) for m in merged] == [(12, "العراق", "Q796"), (29, "مالي", "Q912")]
    # without the list, every match stands
    (tmp_path / "ambiguous.txt").unlink()
    assert [m.ambiguous for m in KnowledgeBase.load(tmp_path).find(text)] == [False, False, False]


def test_the_shipped_knowledge_base_flags_financial_as_ambiguous():
    kb = KnowledgeBase.load()
    # "a financial crisis" (feminine) would otherwise be Malé, the capital of the Maldives
    assert [m.ambiguous for m in kb.find("أزمة مالية")] == [True]


def test_a_family_name_put_first_links_to_the_one_person_it_begins():
    kim, kim_jong_un, kim_yo_jong = "كيم", "كيم جونغ أون", "كيم يو جونغ"
    entities = link([_mention(kim_jong_un, "PER"), _mention(kim, "PER")])
    assert [(e["name"], e["count"]) for e in entities] == [(kim_jong_un, 2)]
    # two persons begin with it: ambiguous, no link
    entities = link([_mention(kim_jong_un, "PER"), _mention(kim_yo_jong, "PER"), _mention(kim, "PER")])
    assert len(entities) == 3
    # a common given name alone names nobody in particular
    names = frozenset({match_key("محمد")})
    entities = link([_mention("محمد صلاح", "PER"), _mention("محمد", "PER")], given_names=names)
    assert len(entities) == 2
    assert len(link([_mention("محمد صلاح", "PER"), _mention("محمد", "PER")])) == 1  # without the list it would link


def test_a_short_transliteration_key_links_only_when_the_long_vowels_match_too():
    shipped = KnowledgeBase.load()
    assert translit_key("فيتو") == translit_key("فيات") and len(translit_key("فيتو")) < 3
    assert shipped.by_translit("فيتو", "ORG") is None  # the Egyptian paper is not Fiat
    assert shipped.by_translit("قم", "LOC") is None  # Qom is not Guam
    assert shipped.by_translit("فيات", "ORG").id == "org:fiat"
    assert shipped.by_translit("ترامب", "PER").id == "Q22686"  # a longer key still folds the vowels
