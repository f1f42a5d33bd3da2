"""One way to turn events into bytes, shared by ``khabar process`` and the worker.

Sorted keys and orjson's fixed formatting make the bytes a pure function of the event, so the
offline and streaming paths produce identical records.
"""

import orjson


def dumps(event: dict) -> bytes:
    """Serialise an event to compact, key-sorted JSON bytes."""
    return orjson.dumps(event, option=orjson.OPT_SORT_KEYS)
