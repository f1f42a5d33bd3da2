"""Agent tests: the clean_pages agent in faust's test context, with sends captured."""

from __future__ import annotations

import orjson
import pytest
from prometheus_client import CollectorRegistry

from workers.app import create_app
from workers.settings import Settings


@pytest.fixture()
def khabar(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", app_id="khabar-agent-test")
    registry = CollectorRegistry()
    app = create_app(settings, registry=registry)
    sent: list[tuple[str, bytes | None, bytes]] = []
    for topic in (app.topics.enriched_articles_topic, app.topics.entity_mentions_topic, app.topics.dead_letters_topic):

        async def capture(*, key=None, value=None, _name=topic.get_topic_name(), **_):
            sent.append((_name, key, value))

        topic.send = capture
    app.sent = sent
    app.registry = registry
    return app


async def test_agent_publishes_articles_and_mentions_and_dead_letters(khabar, seed_values):
    settings = Settings()
    async with khabar.clean_pages.test_context() as agent:
        await agent.put(key=b"aawsat.com", value=seed_values[0])
        await agent.put(key=b"x", value=b"\xff not json")
        await agent.put(key=b"alwasat", value=seed_values[2])
    topics = [name for name, _, _ in khabar.sent]
    assert topics.count(settings.topic_enriched_articles) == 5  # 4 articles on seed 000, 1 on 002
    assert topics.count(settings.topic_dead_letters) == 1
    assert topics.count(settings.topic_entity_mentions) > 0
    letter = next(orjson.loads(v) for n, _, v in khabar.sent if n == settings.topic_dead_letters)
    assert letter["reason"] == "invalid_utf8" and letter["key"] == "x"
    value = khabar.registry.get_sample_value
    assert value("khabar_pages_consumed_total") == 3
    assert value("khabar_articles_published_total") == 5
    assert value("khabar_dead_letters_total", {"reason": "invalid_utf8"}) == 1
    assert value("khabar_blocks_removed_total", {"reason": "repeat"}) > 0
    assert khabar.tables["page_counts_by_source"]["aawsat.com"] == 1


async def test_agent_output_equals_offline_pipeline_output(khabar, seed_values):
    async with khabar.clean_pages.test_context() as agent:
        for value in seed_values:
            await agent.put(key=b"k", value=value)
    offline = [r.value for v in seed_values for r in khabar.pipeline.process_record(v).records]
    assert [v for _, _, v in khabar.sent] == offline
