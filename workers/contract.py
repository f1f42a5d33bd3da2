"""The event contract: JSON Schemas in ``schemas/``, loaded and compiled once.

``schemas/`` at the project root is the single source of truth; this module only finds the files
and builds validators (jsonschema, draft 2020-12, with a registry so schemas can reference each
other).

jsonschema costs tens of microseconds per record, too much for the per-page hot path, so each
schema is also compiled with fastjsonschema when it can be (not when it refers to another schema
file). ``Contract.errors`` trusts fastjsonschema's "valid" and asks jsonschema otherwise: jsonschema
has the last word on rejections and writes the messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import fastjsonschema
import orjson
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA_FILES = {
    "raw_page": "raw-page.v1.json",
    "enriched_article": "enriched-article.v1.json",
    "entity_mention": "entity-mention.v1.json",
    "dead_letter": "dead-letter.v1.json",
}


@dataclass(frozen=True)
class Contract:
    """Compiled validators, one per event type (keys of ``SCHEMA_FILES``).

    ``fast`` holds the fastjsonschema validators of the event types that have one: each returns
    when the event is valid and raises ``fastjsonschema.JsonSchemaException`` otherwise.
    """

    validators: dict[str, Draft202012Validator]
    fast: Mapping[str, Callable[[object], object]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> "Contract":
        """Compile the schemas in ``folder`` (default: the setting ``schemas_dir``)."""
        if folder is None:
            from workers.settings import Settings

            folder = Settings().schemas_dir
        docs = {name: orjson.loads((folder / file).read_bytes()) for name, file in SCHEMA_FILES.items()}
        registry = Registry().with_resources(
            (doc["$id"], Resource.from_contents(doc)) for doc in docs.values()
        )
        validators = {name: Draft202012Validator(doc, registry=registry) for name, doc in docs.items()}
        fast = {name: check for name, doc in docs.items() if (check := fast_validator(doc)) is not None}
        return cls(validators, fast)

    def errors(self, kind: str, event: object) -> list[str]:
        """Validation errors of ``event`` against the schema ``kind``, as readable strings."""
        check = self.fast.get(kind)
        if check is not None:
            try:
                check(event)
                return []
            except fastjsonschema.JsonSchemaException:
                pass  # maybe stricter than jsonschema (its "$" is "\Z"): jsonschema decides
        found = sorted(self.validators[kind].iter_errors(event), key=lambda e: list(e.absolute_path))
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


def fast_validator(schema: dict) -> Callable[[object], object] | None:
    """fastjsonschema's validator for ``schema``, or ``None`` when it cannot compile it."""
    try:
        return fastjsonschema.compile(
            schema,
            handlers={"http": _no_remote, "https": _no_remote},  # never fetch a $ref (our $ids are https)
            use_default=False,  # else it writes the defaults into the event it checks
            use_formats=False,  # as for our jsonschema validators, "format" is only an annotation
        )
    except Exception:  # whatever the reason, jsonschema validates that event type alone
        return None


def _no_remote(uri: str) -> NoReturn:
    raise LookupError(f"{uri}: a reference to another schema file, left to jsonschema")
