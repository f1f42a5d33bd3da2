"""Fixes for faust-streaming (0.15.3) and aiokafka (0.14) races that lose, repeat or strand records after a start.

faust pauses and resumes partitions only in its own set of "active partitions"; the aiokafka
consumer underneath keeps fetching every assigned partition. Records aiokafka hands over for a
partition faust does not consider active are dropped by faust, although aiokafka's position has
already moved past them. Two windows make that happen when a worker gets its partitions:

1. ``SnapshotConsumer``: faust passes its *live* set of active partitions to aiokafka's
   ``fetched_records``, which runs for up to a second in the consumer thread. When table
   recovery ends, faust pauses the changelog partitions and the live set becomes empty; aiokafka
   reads an empty set as "all partitions" and hands over waiting stream records, which faust then
   drops. Measured against the real broker (a worker with tables restarted while a record was
   waiting): the record was never processed in 4 of 5 runs, and with later records it is skipped
   and then committed past. ``SnapshotConsumer`` passes a copy taken when the fetch starts, so
   aiokafka only hands over records of partitions faust asked for. 0 of 10 with it.
2. ``SeekBeforeResumeRecovery``: faust's ``Recovery`` resumes the stream partitions and *then*
   seeks them to the committed offsets; records fetched in between come from a position that is
   about to change. It holds the resume back until the seek is done.

Without either, ``tests/integration/test_worker.py::test_sigterm_mid_burst_...`` failed in 2 of 3
runs; ``test_a_worker_started_with_records_waiting_processes_them`` catches the first.
``KhabarFaustApp`` is ``faust.App`` with both (``TableManager`` is a faust setting; the consumer
class comes with the transport, which faust builds in ``App._new_transport``).
See faust-streaming pull request #239 for an earlier bug of the same shared set.

3. ``KhabarTable``: on the first record of a source topic a table checks that its changelog topic
   has as many partitions as the source. A worker that has just created the changelog topic
   may still see it in the cluster metadata with 0 partitions; faust then raises
   ``PartitionsMismatch`` out of the table lookup, and the pipeline dead-lettered the record as a
   ``pipeline_error``. Seen on a fresh broker: all 5 seed pages of one ``scripts/demo.sh`` run and
   of one run of ``tests/integration/test_prometheus.py`` (its log: "has 2 partitions, but the
   changelog topic ... has 0 partitions"). ``KhabarTable`` reads 0 as "not known yet", as faust
   reads a topic it does not know at all, and checks again on the next record.
4. ``TopicTrackingProducer``: aiokafka's client (0.14) asks the broker for the metadata of every
   topic until the producer first sends to a topic that metadata does not list; from then on it
   asks only for the topics it added that way. A topic the first answer already listed is never
   added, so one send to a topic created after the producer started (a table's changelog, on a
   fresh broker) narrows the metadata to that topic, and the output topics drop out of it. Their
   waiting batches then have no leader; the sender refreshes the metadata again and again without
   them, and the agent waits in ``send`` (aiokafka's ``add_message`` -> ``wait_drain``) until
   ``producer_request_timeout`` (20 minutes). Seen on a fresh broker in 3 of 36 runs of
   ``scripts/demo.sh``: 1 of 9 articles published, the producer's metadata listing only
   ``khabar-templates_by_source-changelog``. ``TopicTrackingProducer`` adds every topic it sends
   to to the client's list first, so the metadata keeps them: 0 stalls in 60 runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import faust
from faust.tables import TableManager
from faust.tables.recovery import Recovery
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import TP
from faust.types.transports import TransportT

__all__ = [
    "KhabarFaustApp",
    "KhabarTable",
    "KhabarTableManager",
    "SeekBeforeResumeRecovery",
    "SnapshotConsumer",
    "TopicTrackingProducer",
]


class SnapshotConsumer(aiokafka_driver.Consumer):
    """faust's aiokafka consumer, fetching for a copy of the active partitions taken at the call."""

    async def _getmany(self, active_partitions: set[TP] | None, timeout: float) -> Any:
        if active_partitions is not None:
            active_partitions = set(active_partitions)  # faust mutates its set while aiokafka reads it
        return await super()._getmany(active_partitions, timeout)


class TopicTrackingProducer(aiokafka_driver.Producer):
    """faust's aiokafka producer, keeping every topic it sends to in its client's metadata list."""

    _tracked_client: Any = None  # the aiokafka client the tracked topics were added to
    _tracked_topics: frozenset[str] = frozenset()

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        partition: int | None,
        timestamp: float | None,
        headers: Any,
        *,
        transactional_id: str | None = None,
    ) -> Any:
        client = self._ensure_producer().client
        if client is not self._tracked_client or topic not in self._tracked_topics:
            if client is not self._tracked_client:  # a new aiokafka producer (faust restarted its own)
                self._tracked_client, self._tracked_topics = client, frozenset()
            client.add_topic(topic)  # a metadata refresh the first time
            self._tracked_topics |= {topic}
        return await super().send(topic, key, value, partition, timestamp, headers, transactional_id=transactional_id)


class KhabarTransport(aiokafka_driver.Transport):
    """faust's aiokafka transport with ``SnapshotConsumer`` and ``TopicTrackingProducer``."""

    Consumer = SnapshotConsumer
    Producer = TopicTrackingProducer


class SeekBeforeResumeRecovery(Recovery):
    """faust's ``Recovery``, with stream partitions resumed only after the seek to committed offsets."""

    async def on_recovery_completed(self, generation_id: int = 0) -> None:
        with self._seek_before_resume():
            await super().on_recovery_completed(generation_id)

    async def _resume_streams(self, generation_id: int = 0) -> None:
        with self._seek_before_resume():
            await super()._resume_streams(generation_id)

    @contextlib.contextmanager
    def _seek_before_resume(self) -> Iterator[None]:
        """While the wrapped faust method runs, hold back its ``resume_partitions`` call until its
        ``perform_seek`` has finished (or until it returns, when there was nothing to seek)."""
        consumer = self.app.consumer
        resume, seek = consumer.resume_partitions, consumer.perform_seek
        held: set[TP] = set()

        def resume_after_seek(partitions: set[TP]) -> None:
            held.update(partitions)

        async def seek_then_resume() -> None:
            await seek()
            resume(set(held))
            held.clear()

        consumer.resume_partitions = resume_after_seek
        consumer.perform_seek = seek_then_resume
        try:
            yield
        finally:
            del consumer.resume_partitions, consumer.perform_seek  # back to the class's methods
            if held:
                resume(set(held))


class KhabarTableManager(TableManager):
    """faust's ``TableManager`` using ``SeekBeforeResumeRecovery``."""

    @property
    def recovery(self) -> Recovery:
        if self._recovery is None:
            self._recovery = SeekBeforeResumeRecovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery


class KhabarTable(faust.Table):
    """faust's ``Table``, not failing the partition check against a changelog topic whose
    partitions the cluster metadata does not list yet."""

    def _verify_source_topic_partitions(self, source_topic: str) -> None:
        if source_topic not in self._verified_source_topics_for_partitions and not self.app.consumer.topic_partitions(
            self.changelog_topic_name
        ):
            return  # just created (0 partitions listed) or unknown: check again on the next record
        super()._verify_source_topic_partitions(source_topic)


class KhabarFaustApp(faust.App):
    """``faust.App`` with the fixes: ``SnapshotConsumer``, ``SeekBeforeResumeRecovery``,
    ``KhabarTable`` and ``TopicTrackingProducer``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, TableManager=KhabarTableManager, Table=KhabarTable, **kwargs)

    def _new_transport(self) -> TransportT:
        return KhabarTransport(self.conf.broker_consumer, self)
