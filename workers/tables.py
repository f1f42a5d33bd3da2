"""Worker tables: explicit keys, bounded size, co-partitioned with the stream that updates them.

Both tables are keyed by source, like the raw-pages topic, so they are co-partitioned with it
without a repartition topic; their size is bounded by the number of sources (and each template by
``TemplateConfig.max_keys``). Restored from their changelog topics after a restart (memory:// or
rocksdb:// store).

- ``page_counts_by_source``: pages seen per source.
- ``templates_by_source``: the learned site template of each source
  (``workers.cleaning.template``: a plain JSON dict).
"""

from __future__ import annotations

import faust

from workers.settings import Settings


def declare_tables(app: faust.App, settings: Settings) -> dict[str, faust.Table]:
    return {
        "page_counts_by_source": app.Table(
            "page_counts_by_source", default=int, partitions=settings.topic_partitions, key_type=str, value_type=int
        ),
        "templates_by_source": app.Table(
            "templates_by_source", partitions=settings.topic_partitions, key_type=str
        ),
    }
