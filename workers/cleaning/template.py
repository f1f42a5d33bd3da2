"""Stage ``template``: is a block part of its source's page template?

A site prints the same menu, section bar, newsletter line and footer on every page. The
``boilerplate`` rules catch the ones a word list names; this stage catches the rest by *learning*
them: a block whose matching key (``workers.text.block_key``) was seen on at least
``TemplateConfig.min_pages`` distinct earlier pages of the same source is template for that source,
whatever it says. Article bodies differ from page to page, so they never get there.

Safety: only keys of ``min_key_chars`` to ``max_key_chars`` characters are learned and judged. A
long block (a paragraph) is content even when the same agency text is syndicated on many pages, so
it is never template, and it is not stored either.

State
-----
The state is one source's memory, stored as a faust table value keyed by source. It is a plain
JSON value (str keys, int and list values), bounded in size, and a pure function of the pages
learned, in order::

    {
        "v": 1,                                   # layout version
        "pages": 17,                              # pages learned so far; page n has sequence n
        "recent": [["<page_id>", 16], ...],       # last max_recent_pages pages, oldest first
        "keys": {"<key hash>": [count, first_seq, last_seq], ...},   # at most max_keys entries
    }

``key hash`` is 16 hex digits (blake2b, 8 bytes) of the block key, so an entry costs the same
whatever the block's length. ``count`` is the number of distinct pages that had the key since it
was (last) added, ``first_seq`` the sequence of the page that added it and ``last_seq`` the
sequence of the latest page that had it. When there are more than ``max_keys`` entries, the lowest
counts go first, then the oldest ``last_seq``, then the lowest hash: one-off body lines of old pages
leave before anything else. Eviction goes down to seven eighths of ``max_keys`` at once
(``EVICTION_SLACK``), so a full state is sorted once every few pages, not on every page. A state
of another ``v`` (or none) is an empty state.

Replays
-------
Kafka may deliver a page again (a retry, a rebalance, a replay of the topic). Two rules keep the
answer stable:

- ``learn`` skips a page whose id is in ``recent``: a page is counted once.
- ``find_template_blocks`` given the ``page_id`` of a page in ``recent`` takes that page's own
  contribution out of the counts (a key's count includes the page when
  ``first_seq <= page seq <= last_seq``), so a page never makes its own blocks template. Judging a
  page before or after learning it therefore gives the same answer.

What is guaranteed: the same page against the same state gets the same answer, and a re-delivered
page gets the answer of its first delivery as long as no other page of the source was learned in
between (and learning it did not evict one of its own keys, which needs more than ``max_keys``
keys of higher count). What is not: later pages raise counts, so a page replayed after many new
pages may lose more blocks than the first time (its menu was new then, it is template now); a page
older than ``max_recent_pages`` pages is no longer recognised and is counted again; the same text
under another page id (a re-scrape of an edited article gets a new content-derived id) counts as
another page, which is why callers should pass a stable identity such as the URL when they have
one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import khabar_native

from workers.model import Block, Removal

STATE_VERSION = 1
REASON = "template"
# A state over ``max_keys`` keys drops to ``max_keys - max_keys // EVICTION_SLACK`` at once.
EVICTION_SLACK = 8
_FIRST = itemgetter(0)  # a recent page's id


@dataclass(frozen=True)
class TemplateConfig:
    """Thresholds and bounds of the learned templates.

    Attributes:
        min_pages: A key is template once seen on at least this many distinct earlier pages.
        max_keys: Most keys tracked per source.
        max_recent_pages: Most page ids remembered per source (to skip re-deliveries).
        min_key_chars: Shorter keys (a lone letter or number) are ignored.
        max_key_chars: Longer keys (paragraphs) are never template and are not learned.
    """

    min_pages: int = 4
    max_keys: int = 5000
    max_recent_pages: int = 256
    min_key_chars: int = 2
    max_key_chars: int = 200

    def __post_init__(self) -> None:
        for name in ("min_pages", "max_keys", "max_recent_pages", "min_key_chars", "max_key_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"TemplateConfig.{name} must be at least 1")


def key_hash(key: str) -> str:
    """Stable 16-hex-digit hash of a block key, as stored in the state."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def empty_state() -> dict[str, Any]:
    """The state of a source no page was learned from."""
    return {"v": STATE_VERSION, "pages": 0, "recent": [], "keys": {}}


def _valid(state: dict | None) -> dict[str, Any]:
    if not isinstance(state, dict) or state.get("v") != STATE_VERSION:
        return empty_state()
    return state


def _eligible_hashes(blocks: list[Block], config: TemplateConfig) -> list[tuple[int, str]]:
    """(block index, key hash) of each block that can be template, in block order (computed in
    ``khabar_native``; the same as ``key_hash``)."""
    return khabar_native.template_hashes(blocks, config.min_key_chars, config.max_key_chars)


def _page_seq(state: dict[str, Any], page_id: str | None) -> int | None:
    if page_id is None or page_id not in map(_FIRST, state["recent"]):
        return None
    return dict(state["recent"])[page_id]


def find_template_blocks(
    blocks: list[Block], state: dict | None, config: TemplateConfig, page_id: str | None = None
) -> list[Removal]:
    """Blocks of a page that are part of its source's template.

    Args:
        blocks: The page's blocks.
        state: The source's state (``None`` when the source is new); not modified.
        config: Thresholds.
        page_id: The page's identity as given to ``learn``. When the page was already learned
            (it is in ``recent``), its own contribution is taken out of the counts, so the answer
            does not depend on whether it was learned before or after this call.

    Returns:
        One removal (reason ``"template"``) per block whose key was seen on at least
        ``min_pages`` other pages of the source, in block order.
    """
    state = _valid(state)
    keys: dict[str, list[int]] = state["keys"]
    if not keys:
        return []
    own_seq = _page_seq(state, page_id)
    removed: list[Removal] = []
    for index, h in _eligible_hashes(blocks, config):
        entry = keys.get(h)
        if entry is None:
            continue
        count, first_seq, last_seq = entry
        if own_seq is not None and first_seq <= own_seq <= last_seq:
            count -= 1
        if count >= config.min_pages:
            removed.append(Removal(index, blocks[index].text, REASON))
    return removed


def learn(
    state: dict | None, page_id: str, blocks: list[Block], config: TemplateConfig, *, in_place: bool = False
) -> dict[str, Any]:
    """Count a page's keys into its source's state.

    Args:
        state: The source's state (``None`` when the source is new); not modified unless
            ``in_place``.
        page_id: The page's identity; a page already in ``recent`` is not counted again.
        blocks: The page's blocks; each distinct eligible key counts once.
        config: Bounds.
        in_place: Update a valid ``state`` itself and return it, instead of a copy: for a caller
            that replaces its stored state with the result anyway (``Pipeline.clean``). Copying
            a full state costs about as much as the rest of the stage.

    Returns:
        The new state (without ``in_place`` a new dict; the input is returned unchanged, as a
        copy, for a re-delivery).
    """
    state = _valid(state)
    if in_place:
        recent, keys = state["recent"], state["keys"]
    else:
        # Shallow copies: the entries (small lists) are shared with the input and never changed
        # in place; an entry that changes is replaced by a new list.
        recent, keys = list(state["recent"]), dict(state["keys"])
    del recent[: max(0, len(recent) - config.max_recent_pages)]  # a state learned with a larger bound
    if page_id in map(_FIRST, recent):
        return state if in_place else {"v": STATE_VERSION, "pages": state["pages"], "recent": recent, "keys": keys}

    seq = state["pages"] + 1
    for h in dict.fromkeys(h for _, h in _eligible_hashes(blocks, config)):
        entry = keys.get(h)
        keys[h] = [1, seq, seq] if entry is None else [entry[0] + 1, entry[1], seq]
    if len(keys) > config.max_keys:
        # Down to the low-water mark at once, so that a full state is not scanned on every page.
        # The lowest (count, last_seq, hash) first, as heapq.nsmallest over those triples.
        for h in khabar_native.template_evictions(keys, len(keys) - (config.max_keys - config.max_keys // EVICTION_SLACK)):
            del keys[h]
    recent.append([page_id, seq])
    del recent[: max(0, len(recent) - config.max_recent_pages)]
    if in_place:
        state["pages"] = seq
        return state
    return {"v": STATE_VERSION, "pages": seq, "recent": recent, "keys": keys}
