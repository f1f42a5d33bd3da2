"""The spelling-variant groups of the seed pages each link to one entity id (real tagger and KB).

Every line of each seed page is tagged and linked as one text (teaser lists included: Trump's name
is only in teasers, which the cleaning stage removes before the entity stage sees them), and once
more through the whole pipeline for the names that survive cleaning.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from workers.app import build_pipeline
from workers.entities.link import resolve
from workers.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "raw-pages.jsonl"

# Every spelling below occurs in seeds/ and must be found there: none can pass vacuously.
GROUPS = {
    "Pyongyang": ["بيونغ يانغ", "بيونج يانج", "بيونغيانغ"],
    "Trump": ["ترمب", "ترامب"],
    "Choe Son Hui": ["تشوي سونغ هي", "تشوي سون هوي", "تشوي سون-هوي"],
    "AFP": ["أ.ف.ب", "فرانس برس", "وكالة الصحافة الفرنسية"],
}
IN_ARTICLES = ("Pyongyang", "Choe Son Hui", "AFP")


def _collect(entities: list[dict], found: dict[str, set[str]]) -> None:
    for entity in entities:
        for mention in entity["mentions"]:
            found.setdefault(mention["text"], set()).add(entity["id"])


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline(Settings())


@pytest.fixture(scope="module")
def ids_in_pages(pipeline) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for value in SEEDS.read_bytes().splitlines():
        lines = [line for line in orjson.loads(value)["content"].splitlines() if line.strip()]
        _collect(resolve([("paragraphs", i, line) for i, line in enumerate(lines)], pipeline.tagger, pipeline.kb), found)
    return found


@pytest.fixture(scope="module")
def ids_in_articles(pipeline) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for value in SEEDS.read_bytes().splitlines():
        for record in pipeline.process_record(value).records:
            if record.kind == "article":
                _collect(orjson.loads(record.value)["entities"], found)
    return found


def _one_id(found: dict[str, set[str]], spellings: list[str]) -> str:
    ids = {spelling: found.get(spelling, set()) for spelling in spellings}
    assert all(ids.values()), f"spellings never tagged: {[s for s, i in ids.items() if not i]}"
    assert len(set().union(*ids.values())) == 1, ids
    return next(iter(set().union(*ids.values())))


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_variant_group_links_to_one_id_in_the_seed_pages(name, ids_in_pages):
    _one_id(ids_in_pages, GROUPS[name])


@pytest.mark.parametrize("name", IN_ARTICLES)
def test_variant_group_links_to_one_id_in_the_enriched_articles(name, ids_in_articles, ids_in_pages):
    assert _one_id(ids_in_articles, GROUPS[name]) == _one_id(ids_in_pages, GROUPS[name])


def test_groups_are_distinct_kb_entities(ids_in_pages):
    ids = [_one_id(ids_in_pages, GROUPS[name]) for name in sorted(GROUPS)]
    assert len(set(ids)) == len(ids)
    assert not any(i.startswith(("per-", "loc-", "org-", "misc-")) for i in ids)  # all in the KB
