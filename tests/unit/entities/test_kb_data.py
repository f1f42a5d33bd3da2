"""The shipped knowledge base: valid, unambiguous, reproducible from CLDR, and loadable."""

from __future__ import annotations

from workers.entities.build_kb import check_kb
from workers.entities.kb import KnowledgeBase


def test_kb_files_pass_the_check_and_match_a_fresh_cldr_build():
    report = check_kb(compare_generated=True)
    assert report.problems == []
    assert report.notes == []  # Babel is a dev dependency: the generated files were compared for real
    assert report.qids > 0 and report.slugs > 0


def test_kb_loads_with_entities_of_each_kind():
    kb = KnowledgeBase.load()
    types = {e.type for e in kb.entities.values()}
    assert len(kb) >= 800 and {"PER", "ORG", "LOC"} <= types
    assert kb.entities["Q423"].en == "North Korea"
