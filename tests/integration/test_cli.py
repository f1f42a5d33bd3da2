"""khabar feed / tail / topics against the real broker."""

from __future__ import annotations

import orjson
import pytest

from workers.cli import main
from workers.kafka_io import read_topic

pytestmark = [pytest.mark.broker, pytest.mark.timeout(120)]


@pytest.fixture()
def env(settings, monkeypatch):
    for name in ("bootstrap_servers", "topic_raw_pages", "topic_enriched_articles", "topic_entity_mentions",
                 "topic_dead_letters", "topic_partitions"):
        monkeypatch.setenv(f"KHABAR_{name.upper()}", str(getattr(settings, name)))
    return settings


def test_topics_create_is_idempotent(env, capsys):
    assert main(["topics", "create"]) == 0
    assert capsys.readouterr().out.count("created") == 4
    assert main(["topics", "create"]) == 0
    assert capsys.readouterr().out.count("exists") == 4


def test_feed_reports_bad_records_with_file_line_and_reason_and_sends_the_rest(env, tmp_path, capsys):
    good = orjson.dumps({"schema_version": 1, "source": "example.org", "content": "Title\nBody"})
    path = tmp_path / "pages.jsonl"
    path.write_bytes(good + b"\n" + b'{"schema_version": 1, "content": "no source"}\n' + b"{oops\n")
    (tmp_path / "page.txt").write_text("A page\nwith two lines", encoding="utf-8")
    main(["topics", "create"])
    assert main(["feed", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: schema_violation" in err and f"{path}:3: invalid_json" in err
    assert "sent 1 record(s)" in err and "2 rejected" in err
    assert main(["feed", str(tmp_path / "page.txt"), "--source", "example.org"]) == 0
    values = list(read_topic(env, env.topic_raw_pages, 2, timeout=20))
    assert values[0] == good or values[1] == good
    assert {orjson.loads(v)["source"] for v in values} == {"example.org"}


def test_feed_no_validate_sends_bad_records_too(env, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"{oops\n")
    main(["topics", "create"])
    assert main(["feed", "--no-validate", str(path)]) == 0
    assert list(read_topic(env, env.topic_raw_pages, 1, timeout=20)) == [b"{oops"]


def test_tail_prints_json_lines_and_stops_after_count(env, capsysbinary):
    main(["topics", "create"])
    main(["feed", "seeds/raw-pages.jsonl"])
    capsysbinary.readouterr()
    assert main(["tail", "raw-pages", "--count", "3", "--timeout", "20"]) == 0
    lines = capsysbinary.readouterr().out.splitlines()
    assert len(lines) == 3 and all(orjson.loads(line)["schema_version"] == 1 for line in lines)
