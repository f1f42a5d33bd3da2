"""``Contract.errors``: fastjsonschema answers "valid" fast, jsonschema has the last word otherwise.

Where fastjsonschema is stricter than jsonschema, the event only takes the slow path. The one thing
that must never happen is fastjsonschema accepting an event jsonschema rejects: these tests look
for one on many mutated raw pages (the hot path) and other events, and check that the messages
stay jsonschema's.
"""

from __future__ import annotations

import copy
import urllib.request

import fastjsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from workers.contract import SCHEMA_FILES, Contract, fast_validator
from workers.settings import Settings

RAW_PAGE_FIELDS = ["schema_version", "page_id", "source", "url", "content_type", "content", "lang", "scraped_at"]

# Values chosen around what the raw-page schema constrains: the const 1 (and 1.0, True), the two
# content types, lengths at the limits (35 for lang, 200 for page_id and source, 4000 for url),
# in code points (astral characters count once), the page_id pattern (whose `$` also matches
# before a final newline), null, and every JSON type.
_TEXTS = [
    "", " ", "\n", "x", "abc-1", "abc-1\n", "abc\n\n", "a b", "ok:1._-", "\u0639\u0631\u0628",
    "text/plain", "text/html", "Text/Plain", "text/plain ", "2024-05-01T10:00:00+00:00", "yesterday",
]  # fmt: skip
_LENGTHS = [1, 34, 35, 36, 199, 200, 201, 3999, 4000, 4001]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 2),
    st.sampled_from([1.0, 0.0, 2.5]),
    st.sampled_from(_TEXTS),
    st.text(max_size=20),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "\u0628", "\U0001f600", "-"]), st.sampled_from(_LENGTHS)),
    st.lists(st.sampled_from([1, "a", None]), max_size=2),
    st.dictionaries(st.sampled_from(["content", "a"]), st.sampled_from([1, "a"]), max_size=2),
)


@st.composite
def raw_page_records(draw) -> object:
    """A valid raw page with a few fields removed, replaced or added (or, rarely, not an object)."""
    if draw(st.integers(0, 19)) == 0:
        return draw(VALUES)
    record: dict = {"schema_version": 1, "source": "example.org", "content": "line one\nline two"}
    optional = {
        "page_id": "abc-1", "url": "https://example.org/a", "content_type": "text/html", "lang": "ar",
        "scraped_at": "2024-05-01T10:00:00+00:00",
    }  # fmt: skip
    for name, value in optional.items():
        if draw(st.booleans()):
            record[name] = draw(st.sampled_from([value, None]))
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from([*RAW_PAGE_FIELDS, "extra", "Source", "page-id"]))
        if draw(st.integers(0, 3)) == 0:
            record.pop(name, None)
        else:
            record[name] = draw(VALUES)
    return record


def jsonschema_errors(contract: Contract, kind: str, event: object) -> list[str]:
    """What ``Contract.errors`` returned before fastjsonschema: jsonschema's messages, by path."""
    found = sorted(contract.validators[kind].iter_errors(event), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


def fast_accepts(contract: Contract, kind: str, event: object) -> bool:
    try:
        contract.fast[kind](event)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def assert_sound_and_unchanged(contract: Contract, kind: str, event: object) -> bool:
    """fastjsonschema accepts only what jsonschema accepts, ``errors`` is jsonschema's list, and
    neither changes the event. Returns whether fastjsonschema accepted it."""
    before = repr(event)
    expected = jsonschema_errors(contract, kind, event)
    accepted = fast_accepts(contract, kind, event)
    if accepted:
        assert expected == [], event
    assert contract.errors(kind, event) == expected
    assert repr(event) == before  # fastjsonschema writes schema defaults into the event unless told not to
    return accepted


@settings(max_examples=3000)
@given(raw_page_records())
def test_raw_page_fast_validator_never_accepts_what_jsonschema_rejects(contract, record):
    assert_sound_and_unchanged(contract, "raw_page", record)


def test_raw_page_records_are_often_valid_and_often_not(contract):
    """The property above is only worth something if the records exercise both answers."""
    accepted = []

    @settings(max_examples=400, database=None, derandomize=True)
    @given(raw_page_records())
    def collect(record):
        accepted.append(assert_sound_and_unchanged(contract, "raw_page", record))

    collect()
    assert 0.2 < sum(accepted) / len(accepted) < 0.8


def test_seed_records_take_the_fast_path(contract, seed_records):
    assert seed_records
    for record in seed_records:
        assert fast_accepts(contract, "raw_page", record)
        assert contract.errors("raw_page", record) == []


@pytest.mark.parametrize(
    "record",
    [
        {"schema_version": True, "source": "s", "content": "c"},
        {"schema_version": 2, "source": "s", "content": "c"},
        {"schema_version": 1, "source": "s", "content": "c", "page_id": "a\nb"},
        {"schema_version": 1, "source": "s", "content": "c", "page_id": "bad id"},
        {"schema_version": 1, "source": "s", "content": "c", "page_id": ""},
        {"schema_version": 1, "source": "", "content": "c"},
        {"schema_version": 1, "source": "s" * 201, "content": "c"},
        {"schema_version": 1, "source": "s", "content": "c", "lang": "x" * 36},
        {"schema_version": 1, "source": "s", "content": "c", "url": "u" * 4001},
        {"schema_version": 1, "source": "s", "content": "c", "content_type": "text/markdown"},
        {"schema_version": 1, "source": "s", "content": None},
        {"schema_version": 1, "source": "s", "content": "c", "scraped_at": 20240501},
        {"schema_version": 1, "source": "s", "content": "c", "extra": None},
        {"schema_version": 1, "source": "s"},
        {"schema_version": 2, "source": 3, "content": "c", "lang": "x" * 36, "extra": 1},
        ["schema_version", "source", "content"],
    ],
)
def test_invalid_raw_pages_keep_the_jsonschema_messages(contract, record):
    assert not fast_accepts(contract, "raw_page", record)
    expected = jsonschema_errors(contract, "raw_page", record)
    assert expected and contract.errors("raw_page", record) == expected


def test_messages_are_by_path_with_root_for_the_record_itself(contract):
    record = {"schema_version": 2, "source": "s", "extra": 1}
    assert contract.errors("raw_page", record) == [
        "(root): 'content' is a required property",
        "(root): Additional properties are not allowed ('extra' was unexpected)",
        "schema_version: 1 was expected",
    ]


@pytest.mark.parametrize(
    ("record", "fast"),
    [
        ({"schema_version": 1, "source": "\U0001f600" * 200, "content": ""}, True),
        ({"schema_version": 1, "source": "s", "content": "c", "url": None, "lang": None}, True),
        ({"schema_version": 1.0, "source": "s", "content": "c"}, True),  # 1.0 equals the const 1 for both
        # "format" is an annotation for our jsonschema validators; fastjsonschema is told the same.
        ({"schema_version": 1, "source": "s", "content": "c", "scraped_at": "not a date"}, True),
        # fastjsonschema reads the pattern's "$" as "\Z"; jsonschema (re.search) also matches before
        # a final newline. Such a record takes the slow path and is accepted, as before.
        ({"schema_version": 1, "source": "s", "content": "c", "page_id": "abc\n"}, False),
    ],
)
def test_what_jsonschema_accepts_stays_accepted(contract, record, fast):
    assert jsonschema_errors(contract, "raw_page", record) == []
    assert fast_accepts(contract, "raw_page", record) is fast
    assert contract.errors("raw_page", record) == []


def test_errors_does_not_fill_in_defaults(contract):
    record = {"schema_version": 1, "source": "s", "content": "c"}
    assert contract.errors("raw_page", record) == [] and fast_accepts(contract, "raw_page", record)
    assert record == {"schema_version": 1, "source": "s", "content": "c"}  # no content_type added


def test_no_fast_validator_for_a_schema_that_refers_to_another_file_and_no_fetching(contract, monkeypatch):
    fetched = []

    def no_network(url, *args, **kwargs):
        fetched.append(url)
        raise OSError("no network in this test")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    loaded = Contract.load()
    assert fetched == []
    # entity-mention.v1.json uses enriched-article.v1.json#/$defs/mention: jsonschema alone.
    assert set(loaded.fast) == set(SCHEMA_FILES) - {"entity_mention"}
    mention = {"schema_version": 1, "mentions": []}
    assert loaded.errors("entity_mention", mention) == jsonschema_errors(loaded, "entity_mention", mention) != []


# --- fastjsonschema reads our schemas as jsonschema does --------------------------------------------
#
# fastjsonschema validates 2020-12 schemas with its draft-07 rules and skips the keywords it does not
# know (unevaluatedProperties, dependentRequired, prefixItems, ...), which would make it accept more
# than jsonschema. So the schemas it compiles may only use keywords both implement, and each part
# of them is compared on its own with jsonschema.

FAST_KINDS = ["raw_page", "enriched_article", "dead_letter"]
SHARED_KEYWORDS = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "default", "type", "const", "enum", "format",
    "required", "properties", "additionalProperties", "minLength", "maxLength", "pattern", "minimum", "items",
    "minItems",
}  # fmt: skip
ANNOTATIONS = {"title", "description", "default"}


def subschemas(schema: dict, path: str = ""):
    """``(path, subschema)`` for ``schema`` and every schema in it."""
    yield path or "/", schema
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            yield from subschemas(sub, f"{path}/{key}/{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from subschemas(schema[key], f"{path}/{key}")


@pytest.mark.parametrize("kind", FAST_KINDS)
def test_compiled_schemas_only_use_keywords_fastjsonschema_reads_as_jsonschema(contract, kind):
    assert kind in contract.fast
    for path, schema in subschemas(contract.validators[kind].schema):
        assert set(schema) <= SHARED_KEYWORDS, (path, set(schema) - SHARED_KEYWORDS)
        if "$ref" in schema:  # draft 7 ignores the siblings of $ref, 2020-12 does not
            assert set(schema) - {"$ref"} <= ANNOTATIONS, path
        if "items" in schema:  # a list would be tuple validation in draft 7
            assert isinstance(schema["items"], dict), path


SCHEMAS = {kind: orjson.loads((Settings().schemas_dir / SCHEMA_FILES[kind]).read_bytes()) for kind in FAST_KINDS}


def instances(schema: dict) -> st.SearchStrategy:
    """JSON values around what ``schema`` constrains: its constants, lengths at its limits, numbers
    around 0, strings like its patterns want, arrays, and objects with its property names."""
    parts = [sub for _, sub in subschemas(schema)]
    constants = [v for sub in parts for v in ([sub["const"]] if "const" in sub else sub.get("enum", []))]
    limits = sorted({sub[k] + d for sub in parts for k in ("minLength", "maxLength") if k in sub for d in (-1, 0, 1)})
    names = sorted({name for sub in parts for name in sub.get("properties", {})}) + ["other"]
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-2, 2),
        st.sampled_from([0.0, 1.0, -1.0, 1.5]),
        st.sampled_from(constants or [None]),
        st.sampled_from(["", "0" * 32, "0" * 32 + "\n", "0" * 31, "0" * 33, "f" * 64, "F" * 64, "a b", "2024-05-01"]),
        st.builds(lambda char, n: char * max(n, 0), st.sampled_from(["a", "\U0001f600"]), st.sampled_from(limits or [1])),
        st.text(max_size=4),
    )
    return st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(names), inner, max_size=4)
    )


# Every part that can be compiled on its own (those with a $ref are tested whole, further down).
PARTS = [
    pytest.param(fast_validator(schema), Draft202012Validator(schema), instances(schema), id=f"{kind}:{path}")
    for kind in FAST_KINDS
    for path, schema in subschemas(SCHEMAS[kind])
    if b'"$ref"' not in orjson.dumps(schema)
]


@pytest.mark.parametrize(("fast", "slow", "values"), PARTS)
@settings(max_examples=300)
@given(data=st.data())
def test_fastjsonschema_never_accepts_what_jsonschema_rejects_part_by_part(fast, slow, values, data):
    assert fast is not None
    instance = data.draw(values)
    try:
        fast(instance)
    except fastjsonschema.JsonSchemaException:
        return
    assert slow.is_valid(instance), instance


# --- the other event types with a fast validator: valid events, mutated anywhere ------------------

DEAD_LETTER = {
    "schema_version": 1, "event_id": "0" * 32, "stage": "decode", "reason": "invalid_json", "error": "oops",
    "source_topic": "raw-pages", "source_partition": 0, "source_offset": 7, "key": None, "key_encoding": None,
    "payload": "{oops", "payload_encoding": "utf-8", "pipeline_version": "1",
}  # fmt: skip
ENRICHED_ARTICLE = {
    "schema_version": 1, "event_id": "a" * 32, "article_id": "p1:0", "page_id": "p1", "article_index": 0,
    "article_count": 1, "source": "s", "url": None, "lang": "ar", "scraped_at": None, "content_digest": "b" * 64,
    "title": "t", "subtitle": None, "captions": ["c"], "paragraphs": ["p"],
    "removed": [{"text": "x", "reason": "repeat", "block": 2, "kept_block": 0}],
    "entities": [
        {
            "id": "Q1", "type": "PER", "name": "n", "name_en": None, "kb": True, "count": 1,
            "mentions": [{"text": "n", "field": "paragraphs", "index": 0, "start": 0, "end": 1}],
        }
    ],
    "pipeline_version": "1",
}  # fmt: skip


@st.composite
def mutated(draw, event: dict) -> dict:
    """``event`` with up to three members of some object or array in it replaced, removed or added."""
    event = copy.deepcopy(event)
    for _ in range(draw(st.integers(0, 3))):
        node: dict | list = event
        while True:
            children = node.values() if isinstance(node, dict) else node
            inner = [child for child in children if isinstance(child, (dict, list))]
            if not inner or draw(st.integers(0, 3)) == 0:  # mostly deeper: the $defs are down there
                break
            node = draw(st.sampled_from(inner))
        remove = draw(st.integers(0, 3)) == 0
        if isinstance(node, dict):
            name = draw(st.sampled_from([*node, "extra"]))
            if remove:
                node.pop(name, None)
            else:
                node[name] = draw(VALUES | st.sampled_from(["0" * 32, "0" * 32 + "\n", "PER", "title", "repeat", "utf-8"]))
        elif node:
            index = draw(st.integers(0, len(node) - 1))
            if remove:
                del node[index]
            else:
                node[index] = draw(VALUES)
        else:
            node.append(draw(VALUES))
    return event


OTHER_EVENTS = [("dead_letter", DEAD_LETTER), ("enriched_article", ENRICHED_ARTICLE)]


@pytest.mark.parametrize(("kind", "event"), OTHER_EVENTS)
def test_the_example_events_are_valid(contract, kind, event):
    assert jsonschema_errors(contract, kind, event) == [] and fast_accepts(contract, kind, event)


@pytest.mark.parametrize(("kind", "event"), OTHER_EVENTS)
@settings(max_examples=500)
@given(data=st.data())
def test_other_fast_validators_never_accept_what_jsonschema_rejects(contract, kind, event, data):
    assert_sound_and_unchanged(contract, kind, data.draw(mutated(event)))
