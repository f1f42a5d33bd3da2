"""``TopicTrackingProducer`` against the real broker: the topics a worker writes to stay in its
producer's metadata after it first writes to a topic created later (workers/faust_fixes.py, 4)."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from faust.transport.drivers.aiokafka import Producer as FaustProducer
from kafka import KafkaAdminClient
from kafka.admin import NewTopic

from workers.broker import LocalBroker
from workers.faust_fixes import KhabarFaustApp, TopicTrackingProducer

pytestmark = [pytest.mark.broker, pytest.mark.timeout(120)]


def create_topic(kafka: LocalBroker, name: str) -> None:
    admin = KafkaAdminClient(bootstrap_servers=kafka.bootstrap, request_timeout_ms=10_000)
    try:
        admin.create_topics([NewTopic(name, num_partitions=2, replication_factor=1)])
        deadline = time.monotonic() + 30
        while name not in admin.list_topics():  # listed by the broker: in the next metadata answer
            assert time.monotonic() < deadline, f"{name} not listed"
            time.sleep(0.1)
    finally:
        admin.close()


async def send(producer: FaustProducer, topic: str, value: bytes) -> None:
    delivered = await producer.send(topic, b"key", value, None, None, None)
    await asyncio.wait_for(delivered, timeout=20)


async def topics_known_after_a_later_topic(kafka: LocalBroker, producer_class: type[FaustProducer]) -> set[str]:
    """Start a producer, send to a topic that existed before it started and then to one created
    after; return which of the two its metadata lists after the next refresh."""
    run = uuid.uuid4().hex[:8]
    known, later = f"t{run}.known", f"t{run}.later"
    create_topic(kafka, known)
    app = KhabarFaustApp(f"khabar-test-{run}", broker=f"kafka://{kafka.bootstrap}")
    producer = producer_class(app.transport)
    await producer.start()
    try:
        client = producer._producer.client
        # faust asks for every topic's metadata after it declares a topic (its create_topic):
        # the worker's output topics are known that way, without the producer asking for them
        await client.force_metadata_update()
        assert known in client.cluster.topics()
        await send(producer, known, b"1")
        create_topic(kafka, later)  # created after that answer, as a table's changelog may be
        await send(producer, later, b"2")
        await client.force_metadata_update()
        return {name.rsplit(".", 1)[1] for name in {known, later} & client.cluster.topics()}
    finally:
        await producer.stop()


async def test_a_topic_created_after_the_start_does_not_push_the_others_out_of_the_metadata(kafka: LocalBroker):
    assert isinstance(KhabarFaustApp("khabar-test-producer", broker="kafka://127.0.0.1:1").producer, TopicTrackingProducer)
    assert await topics_known_after_a_later_topic(kafka, TopicTrackingProducer) == {"known", "later"}
    # faust's own producer loses the first topic: a batch for it would wait for a leader for good
    assert await topics_known_after_a_later_topic(kafka, FaustProducer) == {"later"}
