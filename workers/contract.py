"""The event contract: JSON Schemas in ``schemas/``, loaded and compiled once.

``schemas/`` at the project root is the single source of truth; this module only finds the files
and builds validators (jsonschema, draft 2020-12, with a registry so schemas can reference each
other).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    """Compiled validators, one per event type (keys of ``SCHEMA_FILES``)."""

    validators: dict[str, Draft202012Validator]

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
        return cls({name: Draft202012Validator(doc, registry=registry) for name, doc in docs.items()})

    def errors(self, kind: str, event: object) -> list[str]:
        """Validation errors of ``event`` against the schema ``kind``, as readable strings."""
        found = sorted(self.validators[kind].iter_errors(event), key=lambda e: list(e.absolute_path))
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]
