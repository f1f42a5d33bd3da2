"""The pipeline: raw record bytes in, serialised events out. Pure and synchronous.

The same ``Pipeline`` runs in ``khabar process`` (offline) and in the ``clean_pages`` agent, so
both produce byte-identical records. Stages (parse, blocks, boilerplate, segment with
repeats, entities, assemble) are plain functions; this module only composes them, times them and applies the error
policy: in strict mode every error is raised (tests, ``khabar process --strict``), otherwise bad
input becomes a dead-letter record.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import MutableMapping
from typing import Protocol

import khabar_native

from workers import __version__
from workers.assemble import article_event, mention_events
from workers.cleaning.blocks import split_blocks
from workers.cleaning.boilerplate import Rules, classify_blocks
from workers.cleaning.segment import segment
from workers.cleaning.template import TemplateConfig, find_template_blocks, learn
from workers.contract import Contract
from workers.entities.link import resolve
from workers.errors import Origin, Reason, RejectedRecord, Stage, dead_letter
from workers.model import ArticleDraft, RawPage
from workers.parse import decode_page
from workers.serialize import dumps
from workers.text import arabic_share

PIPELINE_VERSION = f"khabar-{__version__}"
STAGES = ("parse", "blocks", "boilerplate", "template", "segment", "entities", "assemble", "total")


class MentionFinder(Protocol):
    """What the pipeline needs from an entity tagger."""

    def find_mentions(self, text: str) -> list: ...


@dataclass(frozen=True)
class OutputRecord:
    """A record to publish: ``kind`` is article, mention or dead_letter."""

    kind: str
    key: bytes | None
    value: bytes


@dataclass
class Outcome:
    """Everything one input record produced, plus what the metrics need."""

    records: list[OutputRecord] = field(default_factory=list)
    page: RawPage | None = None
    dead_letter_reason: str | None = None
    error: RejectedRecord | None = None  # why the record was dead-lettered (stage, reason, message)
    seconds: dict[str, float] = field(default_factory=dict)
    removed_by_reason: Counter = field(default_factory=Counter)
    without_body: bool = False
    entities_by_type: Counter = field(default_factory=Counter)
    mentions_by_link: Counter = field(default_factory=Counter)  # "kb" or "none" -> mentions

    def count(self, kind: str) -> int:
        return sum(1 for r in self.records if r.kind == kind)


@dataclass(frozen=True)
class PipelineConfig:
    max_page_bytes: int = 2_000_000
    strict: bool = False
    version: str = PIPELINE_VERSION
    template: TemplateConfig = TemplateConfig()


class Pipeline:
    """Composes the stages; one instance per worker process (holds compiled schemas and models)."""

    def __init__(
        self, config: PipelineConfig, contract: Contract, tagger: MentionFinder, rules: Rules | None = None, kb=None
    ) -> None:
        self.config = config
        self.contract = contract
        self.tagger = tagger
        self.rules = rules or Rules.load()
        self.kb = kb  # workers.entities.kb.KnowledgeBase, or None (no knowledge-base linking)

    def process_record(
        self, payload: bytes, origin: Origin = Origin(), templates: MutableMapping[str, dict] | None = None
    ) -> Outcome:
        """Process one raw record; bad input becomes a dead letter unless the policy is strict.

        Args:
            payload: The raw record value.
            origin: Where it came from (copied into a dead letter).
            templates: Learned site templates by source (a faust table in the worker, a dict
                offline). Read for the page's source and updated with what the page teaches;
                ``None`` disables template learning.
        """
        outcome = Outcome()
        started = time.perf_counter()
        try:
            outcome.page = decode_page(payload, self.contract, self.config.max_page_bytes)
            outcome.seconds["parse"] = time.perf_counter() - started
            self._process_page(outcome.page, outcome, templates)
        except RejectedRecord as exc:
            if self.config.strict:
                raise
            self._reject(outcome, payload, origin, exc)
        except (Exception, khabar_native.PanicException) as exc:  # noqa: BLE001 - any bug on one record must not stop the stream
            if self.config.strict:
                raise
            error = RejectedRecord(Stage.PIPELINE, Reason.PIPELINE_ERROR, f"{type(exc).__name__}: {exc}")
            self._reject(outcome, payload, origin, error)
        outcome.seconds["total"] = time.perf_counter() - started
        return outcome

    def _reject(self, outcome: Outcome, payload: bytes, origin: Origin, error: RejectedRecord) -> None:
        outcome.records = [OutputRecord("dead_letter", origin.key, dumps(dead_letter(payload, origin, error, self.config.version)))]
        outcome.dead_letter_reason = str(error.reason)
        outcome.error = error
        outcome.removed_by_reason.clear()
        outcome.entities_by_type.clear()
        outcome.mentions_by_link.clear()
        outcome.without_body = error.reason == Reason.NO_BODY

    def clean(
        self, page: RawPage, templates: MutableMapping[str, dict] | None = None, seconds: dict[str, float] | None = None
    ) -> list[ArticleDraft]:
        """The cleaning stages (blocks, boilerplate, template, segment): the page's articles.

        Args:
            page: A decoded page.
            templates: Learned site templates by source, read and updated (see ``process_record``).
            seconds: Where to add each stage's time, if anywhere.

        Raises:
            RejectedRecord: ``no_body`` when nothing of the page is article text.
        """
        timer = _StageTimer(seconds if seconds is not None else {})
        with timer("blocks"):
            blocks = split_blocks(page)
        with timer("boilerplate"):
            labels = classify_blocks(blocks, self.rules)
        # A page is identified by its URL when it has one, so re-scrapes of one article (new
        # page ids) do not teach the template that the article's own lines are boilerplate.
        identity = page.url or page.page_id
        with timer("template"):
            state = templates.get(page.source) if templates is not None else None
            template_removals = find_template_blocks(blocks, state, self.config.template, page_id=identity)
        with timer("segment"):
            drafts = segment(blocks, labels, self.rules, template_removals)
            if not drafts and template_removals:  # never let a learned template empty a page
                drafts = segment(blocks, labels, self.rules)
        if templates is not None:
            with timer("template"):
                # In place: the table's value is replaced by the result (faust writes it to the
                # changelog on assignment), and copying a full state would cost as much again.
                templates[page.source] = learn(state, identity, blocks, self.config.template, in_place=True)
        if not drafts:
            reasons = Counter(labels.values())
            raise RejectedRecord(
                Stage.SEGMENT, Reason.NO_BODY,
                f"no article text among {len(blocks)} blocks ({', '.join(f'{k}: {v}' for k, v in sorted(reasons.items()))})",
            )
        return drafts

    def _process_page(self, page: RawPage, outcome: Outcome, templates: MutableMapping[str, dict] | None) -> None:
        drafts = self.clean(page, templates, outcome.seconds)
        timer = _StageTimer(outcome.seconds)
        outcome.without_body = not any(d.paragraphs for d in drafts)
        lang = page.lang or ("ar" if arabic_share(page.content) >= 0.5 else "und")
        key = page.page_id.encode("utf-8")
        for index, draft in enumerate(drafts):
            with timer("entities"):
                entities = resolve(draft.fields(), self.tagger, self.kb)
            with timer("assemble"):
                article = article_event(page, draft, index, len(drafts), lang, entities, self.config.version)
                outcome.records.append(OutputRecord("article", key, dumps(article)))
                for event in mention_events(article):
                    outcome.records.append(OutputRecord("mention", event["entity_id"].encode("utf-8"), dumps(event)))
            outcome.removed_by_reason.update(r.reason for r in draft.removed)
            outcome.entities_by_type.update(e["type"] for e in entities)
            for e in entities:
                outcome.mentions_by_link["kb" if e["kb"] else "none"] += e["count"]


class _StageTimer:
    """Adds the seconds spent in each named stage to a dict (several calls accumulate)."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds
        self._stage = ""
        self._started = 0.0

    def __call__(self, stage: str) -> "_StageTimer":
        self._stage = stage
        return self

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + time.perf_counter() - self._started
