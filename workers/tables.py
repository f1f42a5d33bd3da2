"""Worker tables: explicit keys, bounded size, co-partitioned with the stream that updates them.

``page_counts_by_source``: pages seen per source. The raw-pages topic is keyed by source, so the
table (keyed by source too) is co-partitioned with it; its size is bounded by the number of
sources. Restored from its changelog topic after a restart (memory:// or rocksdb:// store).
"""

from __future__ import annotations

import faust

from workers.settings import Settings


def declare_tables(app: faust.App, settings: Settings) -> dict[str, faust.Table]:
    return {
        "page_counts_by_source": app.Table(
            "page_counts_by_source", default=int, partitions=settings.topic_partitions, key_type=str, value_type=int
        )
    }
