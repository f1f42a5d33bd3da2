"""workers.broker.LocalBroker against a real Kafka JVM (jars from Maven Central, see docs/broker.md).

One broker per module, on free loopback ports in a temporary home; about 15 s in all once the
jars are cached in .khabar/kafka-libs/ (the first run also downloads them with Maven).
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

from workers.broker import BrokerError, LocalBroker, free_ports

pytestmark = [pytest.mark.broker, pytest.mark.timeout(180)]




@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBroker]:
    port, controller_port = free_ports(2)
    b = LocalBroker(tmp_path_factory.mktemp("broker"), port, controller_port)
    try:
        b.start(timeout=90)  # may include the one-time Maven download
        yield b
    finally:
        b.stop()


@pytest.fixture
def admin(broker: LocalBroker) -> Iterator[KafkaAdminClient]:
    client = KafkaAdminClient(bootstrap_servers=broker.bootstrap, request_timeout_ms=10_000)
    yield client
    client.close()


def create_topic(admin: KafkaAdminClient, partitions: int = 1) -> str:
    name = f"test-{uuid.uuid4().hex[:8]}"
    admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
    admin.wait_for_topics([name], timeout_ms=10_000)
    return name


def produce(broker: LocalBroker, topic: str, value: bytes) -> None:
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, max_block_ms=10_000)
    try:
        producer.send(topic, key=b"k", value=value).get(timeout=10)
    finally:
        producer.close()


def consume_one(broker: LocalBroker, topic: str, group: str | None = None, timeout: float = 20) -> bytes:
    """The first record of ``topic``; with ``group``, through a consumer group (so the group
    coordinator and ``__consumer_offsets`` must work) and committed."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=broker.bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                if records:
                    if group:
                        consumer.commit()
                    return records[0].value
        raise AssertionError(f"no record on {topic} within {timeout} s")
    finally:
        consumer.close()


def test_running_broker_status_and_metadata(broker: LocalBroker, admin: KafkaAdminClient) -> None:
    status = broker.status()
    assert status["running"] and status["listening"]
    assert status["pid"] == int(broker.pid_file.read_text())
    assert status["bootstrap"] == broker.bootstrap == f"127.0.0.1:{broker.port}"
    assert status["home"] == str(broker.home)
    assert status["version"] == "4.1.1"

    cluster = admin.describe_cluster()
    assert cluster["cluster_id"] == broker.cluster_id_file.read_text().strip()
    assert [b["port"] for b in cluster["brokers"]] == [broker.port]
    assert isinstance(admin.list_topics(), list)
    assert "Kafka Server started" in broker.out_file.read_text()
    assert broker.server_log.stat().st_size > 0


def test_produce_and_consume_in_a_group(broker: LocalBroker, admin: KafkaAdminClient) -> None:
    topic = create_topic(admin, partitions=3)
    produce(broker, topic, "خبر عاجل".encode())
    assert consume_one(broker, topic, group=f"g-{topic}").decode() == "خبر عاجل"
    assert "__consumer_offsets" in admin.list_topics()  # RF=1 internal topics work on one broker


def test_auto_create_topics_is_off(broker: LocalBroker) -> None:
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, max_block_ms=1_000)
    try:
        with pytest.raises(Exception):
            producer.send("test-never-created", b"x").get(timeout=5)
    finally:
        producer.close()


def test_start_is_idempotent(broker: LocalBroker) -> None:
    pid = broker.status()["pid"]
    t0 = time.monotonic()
    broker.start()
    # A second object for the same home (say, another `khabar broker start`) finds the same JVM.
    LocalBroker(broker.home, broker.port, broker.controller_port).start()
    assert time.monotonic() - t0 < 5
    assert broker.status()["pid"] == pid


def test_port_in_use_is_refused_before_starting(broker: LocalBroker, tmp_path: Path) -> None:
    (other_controller,) = free_ports(1)
    other = LocalBroker(tmp_path / "other", broker.port, other_controller)
    with pytest.raises(BrokerError, match=rf"127\.0\.0\.1:{broker.port} is already in use"):
        other.start(timeout=10)
    assert not other.pid_file.exists() and not other.status()["running"]


def test_stop_and_restart_keeps_data(broker: LocalBroker, admin: KafkaAdminClient) -> None:
    topic = create_topic(admin)
    produce(broker, topic, b"kept")
    old_pid = broker.status()["pid"]
    admin.close()

    assert broker.stop() is True
    status = broker.status()
    assert not status["running"] and status["pid"] is None and not status["listening"]
    assert not broker.pid_file.exists()
    assert broker.stop() is False  # nothing left to stop

    broker.start(timeout=60)
    assert broker.status()["running"] and broker.status()["pid"] != old_pid
    after = KafkaAdminClient(bootstrap_servers=broker.bootstrap, request_timeout_ms=10_000)
    try:
        assert topic in after.list_topics()
    finally:
        after.close()
    assert consume_one(broker, topic) == b"kept"


def test_crash_during_startup_reports_the_logs(tmp_path: Path) -> None:
    port, controller_port = free_ports(2)
    b = LocalBroker(tmp_path / "bad", port, controller_port, heap="1M")  # the JVM cannot even start
    with pytest.raises(BrokerError, match=r"exited during startup(.|\n)*broker\.out") as err:
        b.start(timeout=30)
    assert "heap" in str(err.value).lower()
    assert not b.status()["running"]


def test_start_timeout_stops_the_jvm_it_launched(tmp_path: Path) -> None:
    port, controller_port = free_ports(2)
    b = LocalBroker(tmp_path / "slow", port, controller_port)
    with pytest.raises(BrokerError, match=r"did not become ready(.|\n)*stopped again(.|\n)*server\.log"):
        b.start(timeout=1.5)  # formatting alone takes about a second
    assert not b.status()["running"] and not b.pid_file.exists()


def test_missing_java_or_maven_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    port, controller_port = free_ports(2)
    b = LocalBroker(tmp_path / "home", port, controller_port, libs_dir=tmp_path / "libs")
    with pytest.raises(BrokerError, match=r"`mvn`(.|\n)*apt-get install maven"):
        b.fetch_jars()
    with pytest.raises(BrokerError, match=r"`java`(.|\n)*Java 17\+"):
        b.start(timeout=5)


def test_fetch_jars_redoes_an_interrupted_download_then_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    libs = tmp_path / "libs"
    libs.mkdir()
    (libs / "stale-0.1.jar").write_bytes(b"")  # a half-done earlier download: jars but no marker
    b = LocalBroker(tmp_path / "home", *free_ports(2), libs_dir=libs)
    assert b.fetch_jars() == libs
    jars = {p.name for p in libs.glob("*.jar")}
    assert "stale-0.1.jar" not in jars and "kafka_2.13-4.1.1.jar" in jars and "log4j-slf4j-impl-2.24.3.jar" in jars
    assert (libs / ".complete").is_file()

    def no_maven(*args: object, **kwargs: object) -> None:
        raise AssertionError("Maven must not run again")

    monkeypatch.setattr("workers.broker.subprocess.run", no_maven)
    assert b.fetch_jars() == libs
