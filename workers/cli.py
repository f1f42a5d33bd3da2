"""The ``khabar`` command line: broker, topics, worker, feed, tail, process, tag-conll, demo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workers.settings import Settings

TOPIC_ALIASES = {
    "raw-pages": "topic_raw_pages",
    "enriched-articles": "topic_enriched_articles",
    "entity-mentions": "topic_entity_mentions",
    "dead-letters": "topic_dead_letters",
}


def _topic_name(settings: Settings, name: str) -> str:
    return getattr(settings, TOPIC_ALIASES[name]) if name in TOPIC_ALIASES else name


def cmd_broker(args: argparse.Namespace, settings: Settings) -> int:
    from workers.broker import LocalBroker

    broker = LocalBroker.from_settings(settings)
    if args.action == "start":
        broker.start()
        print(f"broker ready at {broker.bootstrap} (data and logs: {broker.home})")
    elif args.action == "stop":
        print("broker stopped" if broker.stop() else "broker was not running")
    else:
        status = broker.status()
        print(" ".join(f"{k}={v}" for k, v in status.items()))
        return 0 if status["running"] else 3
    return 0


def cmd_topics(args: argparse.Namespace, settings: Settings) -> int:
    from workers.kafka_io import ensure_topics

    created = ensure_topics(settings)
    for name in settings.all_topics:
        print(f"{name}: {'created' if name in created else 'exists'}")
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from faust.worker import Worker

    from workers.app import create_app
    from workers.kafka_io import ensure_topics
    from workers.logs import logging_config

    if not args.no_create_topics:
        ensure_topics(settings)
    khabar = create_app(settings)
    worker = Worker(
        khabar.app,
        loglevel=settings.log_level,
        logging_config=logging_config(settings.log_format, settings.log_level),
        quiet=True,
        redirect_stdouts=False,
    )
    worker.execute_from_commandline()
    return 0


def cmd_feed(args: argparse.Namespace, settings: Settings) -> int:
    from workers.contract import Contract
    from workers.errors import RejectedRecord
    from workers.inputs import InputProblem, read_inputs
    from workers.kafka_io import produce
    from workers.parse import decode_page

    contract = Contract.load(settings.schemas_dir)
    good: list[tuple[bytes | None, bytes]] = []
    problems = 0
    for item in read_inputs(args.paths, source=args.source):
        if isinstance(item, InputProblem):
            print(f"{item.where}: {item.reason}", file=sys.stderr)
            problems += 1
            continue
        if not args.no_validate:
            try:
                decode_page(item.value, contract, settings.max_page_bytes)
            except RejectedRecord as exc:
                print(f"{item.where}: {exc.reason}: {exc.message}", file=sys.stderr)
                problems += 1
                continue
        good.append((item.key, item.value))
    topic = _topic_name(settings, args.topic)
    sent = produce(settings, topic, good) if good else 0
    print(f"sent {sent} record(s) to {topic}; {problems} rejected", file=sys.stderr)
    return 2 if problems else 0


def cmd_tail(args: argparse.Namespace, settings: Settings) -> int:
    from workers.kafka_io import read_topic

    out = sys.stdout.buffer
    for value in read_topic(settings, _topic_name(settings, args.topic), args.count, args.timeout):
        out.write(value + b"\n")
        out.flush()
    return 0


def cmd_process(args: argparse.Namespace, settings: Settings) -> int:
    from workers.app import build_pipeline
    from workers.errors import Origin
    from workers.inputs import InputProblem, read_inputs

    pipeline = build_pipeline(settings, strict=args.strict)
    outputs = {"article": sys.stdout.buffer}
    opened = []
    for kind, path in (("mention", args.mentions_out), ("dead_letter", args.dead_letters_out)):
        if path:
            outputs[kind] = open(path, "wb")  # noqa: SIM115 - closed below
            opened.append(outputs[kind])
    outputs.setdefault("dead_letter", sys.stderr.buffer)
    problems = dead = 0
    templates: dict[str, dict] = {}  # learned across the files given, in order, like the worker
    try:
        for item in read_inputs(args.paths, source=args.source):
            if isinstance(item, InputProblem):
                print(f"{item.where}: {item.reason}", file=sys.stderr)
                problems += 1
                continue
            outcome = pipeline.process_record(item.value, Origin(key=item.key), templates)
            dead += outcome.dead_letter_reason is not None
            for record in outcome.records:
                stream = outputs.get(record.kind)
                if stream is not None:
                    stream.write(record.value + b"\n")
    finally:
        for stream in opened:
            stream.close()
    sys.stdout.flush()
    if problems or dead:
        print(f"{problems} unreadable input(s), {dead} dead letter(s)", file=sys.stderr)
    return 2 if problems else 0


def cmd_tag_conll(args: argparse.Namespace, settings: Settings) -> int:
    from workers.entities.conll import tag_conll
    from workers.entities.crf import CrfTagger
    from workers.entities.tagger import LexiconTagger

    lexicon = LexiconTagger.load(Path(args.lexicon) if args.lexicon else None)
    tagger = lexicon if args.lexicon_only else CrfTagger.load(Path(args.model) if args.model else None, lexicon)
    stdin = (line.decode("utf-8") for line in sys.stdin.buffer)
    out = sys.stdout
    for line in tag_conll(stdin, tagger):
        out.write(line + "\n")
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from workers.demo import run_demo

    return run_demo(settings, seeds=Path(args.seeds), keep_running=args.keep_running)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khabar", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("broker", help="run a local single-node Kafka broker (from Maven jars)")
    p.add_argument("action", choices=["start", "stop", "status"])
    p.set_defaults(func=cmd_broker)

    p = sub.add_parser("topics", help="create every khabar topic (idempotent)")
    p.add_argument("action", choices=["create"])
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("worker", help="run the faust worker")
    p.add_argument("--no-create-topics", action="store_true", help="do not create missing topics first")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("feed", help="produce scraper output to the raw-pages topic")
    p.add_argument("paths", nargs="+", help=".txt/.html pages, .json records, .jsonl files, directories, or - (stdin)")
    p.add_argument("--source", help="source of .txt/.html pages (e.g. a host name)")
    p.add_argument("--topic", default="raw-pages", help="topic name or alias (default: raw-pages)")
    p.add_argument("--no-validate", action="store_true", help="send records without checking them first")
    p.set_defaults(func=cmd_feed)

    p = sub.add_parser("tail", help="print a topic's events as JSON lines")
    p.add_argument("topic", help="topic name or alias: " + ", ".join(TOPIC_ALIASES))
    p.add_argument("--count", type=int, help="stop after N events")
    p.add_argument("--timeout", type=float, default=10.0, help="stop after S seconds without events")
    p.set_defaults(func=cmd_tail)

    p = sub.add_parser("process", help="run the pipeline offline: inputs in, enriched articles as JSON lines out")
    p.add_argument("paths", nargs="+")
    p.add_argument("--source", help="source of .txt/.html pages")
    p.add_argument("--strict", action="store_true", help="raise on the first bad record instead of dead-lettering")
    p.add_argument("--mentions-out", help="write entity-mention events to this file")
    p.add_argument("--dead-letters-out", help="write dead letters to this file (default: stderr)")
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("tag-conll", help="tag CoNLL tokens from stdin: 'token TAG' lines on stdout")
    p.add_argument("--model", help="CRF model file (default: the shipped workers/entities/data/ner-crf.model)")
    p.add_argument("--lexicon", help="lexicon TSV (default: the shipped workers/entities/data/lexicon-v0.tsv)")
    p.add_argument("--lexicon-only", action="store_true", help="tag with the lexicon alone (the v0 tagger)")
    p.set_defaults(func=cmd_tag_conll)

    p = sub.add_parser("demo", help="broker + worker + seeds: print enriched articles and metrics")
    p.add_argument("--seeds", default=str(Path(__file__).resolve().parent.parent / "seeds"))
    p.add_argument("--keep-running", action="store_true", help="keep broker and worker up until Ctrl-C")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args, Settings())
