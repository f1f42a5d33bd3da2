"""kafka-python clients for the CLI: create topics, produce records, read a topic."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from workers.settings import Settings


def ensure_topics(settings: Settings, timeout: float = 30.0) -> list[str]:
    """Create every khabar topic that does not exist yet; returns the names created."""
    admin = KafkaAdminClient(bootstrap_servers=settings.bootstrap_list, client_id="khabar-admin")
    try:
        existing = set(admin.list_topics())
        wanted = [
            NewTopic(
                name,
                num_partitions=settings.topic_partitions,
                replication_factor=settings.topic_replication_factor,
                topic_configs={"retention.ms": str(retention)},
            )
            for name, retention in settings.all_topics.items()
            if name not in existing
        ]
        created = []
        for topic in wanted:
            try:
                admin.create_topics([topic], timeout_ms=int(timeout * 1000))
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
        _wait_for_topics(admin, list(settings.all_topics), timeout)
        return created
    finally:
        admin.close()


def _wait_for_topics(admin: KafkaAdminClient, names: list[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        missing = set(names) - set(admin.list_topics())
        if not missing:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"topics not visible after {timeout}s: {sorted(missing)}")
        time.sleep(0.2)


def produce(settings: Settings, topic: str, records: Iterable[tuple[bytes | None, bytes]]) -> int:
    """Send (key, value) records and wait until the broker acknowledged all of them."""
    producer = KafkaProducer(
        bootstrap_servers=settings.bootstrap_list,
        acks="all",
        linger_ms=5,
        max_request_size=max(settings.max_page_bytes * 2, 1_048_576),
    )
    try:
        futures = [producer.send(topic, key=key, value=value) for key, value in records]
        producer.flush()
        for future in futures:
            future.get(timeout=30)
        return len(futures)
    finally:
        producer.close()


def read_topic(settings: Settings, topic: str, count: int | None, timeout: float) -> Iterator[bytes]:
    """Values of a topic from the beginning, until ``count`` values or ``timeout`` seconds idle."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.bootstrap_list,
        group_id=None,
        enable_auto_commit=False,
        consumer_timeout_ms=int(timeout * 1000),
    )
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        deadline = time.monotonic() + timeout
        while not partitions and time.monotonic() < deadline:
            time.sleep(0.2)
            partitions = consumer.partitions_for_topic(topic) or set()
        if not partitions:
            return
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        seen = 0
        for message in consumer:
            yield message.value
            seen += 1
            if count is not None and seen >= count:
                return
    finally:
        consumer.close()
