"""``KhabarTable``: a changelog topic listed with 0 partitions (just created) is not a mismatch."""

from types import SimpleNamespace

import pytest
from faust.exceptions import PartitionsMismatch

from workers.faust_fixes import KhabarFaustApp, KhabarTable


def table_with_partitions(partitions: dict[str, int | None]) -> KhabarTable:
    app = KhabarFaustApp("khabar-test-fixes", broker="kafka://127.0.0.1:1")
    table = app.Table("templates_by_source", partitions=2, key_type=str)
    assert isinstance(table, KhabarTable)
    app._consumer = SimpleNamespace(topic_partitions=partitions.get)  # the metadata the worker sees
    return table


def test_a_changelog_topic_listed_without_partitions_is_checked_again_later():
    partitions = {"raw": 2, "khabar-test-fixes-templates_by_source-changelog": 0}
    table = table_with_partitions(partitions)
    table._verify_source_topic_partitions("raw")  # faust's own check raises PartitionsMismatch here
    partitions["khabar-test-fixes-templates_by_source-changelog"] = 3
    with pytest.raises(PartitionsMismatch):  # a real mismatch, once the metadata lists it, still fails
        table._verify_source_topic_partitions("raw")


def test_matching_partitions_pass_and_are_remembered():
    partitions = {"raw": 2, "khabar-test-fixes-templates_by_source-changelog": 2}
    table = table_with_partitions(partitions)
    table._verify_source_topic_partitions("raw")
    partitions["khabar-test-fixes-templates_by_source-changelog"] = 5
    table._verify_source_topic_partitions("raw")  # verified once: faust does not ask again
