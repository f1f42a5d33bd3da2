"""Reading scraper output from files: shared by ``khabar feed`` and ``khabar process``.

Formats: ``.txt`` (one plain-text page per file), ``.html``/``.htm`` (one HTML page per file),
``.json`` (one raw-page record), ``.jsonl`` (one record per line; blank lines are ignored) and
``-`` (JSON lines on stdin). Page files are wrapped as raw-page records with a page id derived
from the content and the source given by the caller.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from workers.parse import derive_page_id

PAGE_SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}


@dataclass(frozen=True)
class InputRecord:
    """One raw record, with where it came from (``file`` or ``file:line``)."""

    where: str
    key: bytes | None
    value: bytes


@dataclass(frozen=True)
class InputProblem:
    """A file or line that could not be read as a record at all."""

    where: str
    reason: str


def wrap_page(content: str, source: str, content_type: str = "text/plain") -> dict:
    """A raw-page record (schemas/raw-page.v1.json) for a page file."""
    return {
        "schema_version": 1,
        "page_id": derive_page_id(content),
        "source": source,
        "content_type": content_type,
        "content": content,
    }


def _key_of(value: bytes) -> bytes | None:
    try:
        source = orjson.loads(value).get("source")
    except (orjson.JSONDecodeError, AttributeError):
        return None
    return source.encode("utf-8") if isinstance(source, str) else None


def read_inputs(paths: list[str], source: str | None = None) -> Iterator[InputRecord | InputProblem]:
    """Records (keyed by source) and problems, in the order of ``paths`` and of lines in files.

    Args:
        paths: Files, directories (their readable files, sorted by name) or ``-`` for stdin.
        source: Source of ``.txt``/``.html`` pages (required for them).
    """
    for path in _expand(paths):
        if path == "-":
            yield from _lines("<stdin>", sys.stdin.buffer.read())
            continue
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            yield InputProblem(path, f"cannot read: {exc.strerror or exc}")
            continue
        suffix = p.suffix.lower()
        if suffix in PAGE_SUFFIXES:
            if not source:
                yield InputProblem(path, f"a {suffix} page needs --source")
                continue
            try:
                content = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputProblem(path, f"not UTF-8: {exc}")
                continue
            value = orjson.dumps(wrap_page(content, source, PAGE_SUFFIXES[suffix]))
            yield InputRecord(path, source.encode("utf-8"), value)
        elif suffix == ".json":
            yield InputRecord(path, _key_of(data), data.strip())
        elif suffix == ".jsonl":
            yield from _lines(path, data)
        else:
            yield InputProblem(path, f"unknown file type {suffix or '(none)'}: use .txt, .html, .json or .jsonl")


def _lines(name: str, data: bytes) -> Iterator[InputRecord]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        line = line.strip()
        if line:
            yield InputRecord(f"{name}:{number}", _key_of(line), line)


def _expand(paths: list[str]) -> Iterator[str]:
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            # A directory contributes the files khabar reads; README.md and the like are not records.
            readable = {*PAGE_SUFFIXES, ".json", ".jsonl"}
            yield from (str(f) for f in sorted(p.iterdir()) if f.is_file() and f.suffix.lower() in readable)
        else:
            yield path
