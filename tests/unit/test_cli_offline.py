"""CLI commands that need no broker: process and tag-conll."""

import io
import sys

import orjson

from workers.cli import main


def test_process_prints_articles_and_writes_mentions_and_dead_letters(tmp_path, capsysbinary, contract):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"schema_version": 1, "source": "s"}\n')
    mentions, letters = tmp_path / "m.jsonl", tmp_path / "d.jsonl"
    code = main(["process", "seeds/", str(bad), "--mentions-out", str(mentions), "--dead-letters-out", str(letters)])
    out = capsysbinary.readouterr().out.splitlines()
    assert code == 0
    assert len(out) == 9 and all(contract.errors("enriched_article", orjson.loads(line)) == [] for line in out)
    assert mentions.read_bytes().count(b"\n") > 0
    [letter] = [orjson.loads(line) for line in letters.read_bytes().splitlines()]
    assert letter["reason"] == "schema_violation" and letter["source_topic"] is None


def test_process_is_deterministic_across_runs(capsysbinary):
    main(["process", "seeds/raw-pages.jsonl"])
    first = capsysbinary.readouterr().out
    main(["process", "seeds/raw-pages.jsonl"])
    assert capsysbinary.readouterr().out == first and first


def test_process_reports_unreadable_inputs_with_exit_code_2(tmp_path, capsys):
    (tmp_path / "page.txt").write_text("x")
    assert main(["process", str(tmp_path / "page.txt")]) == 2
    assert "needs --source" in capsys.readouterr().err


def test_tag_conll_keeps_tokens_and_sentence_breaks(monkeypatch, capsys):
    conll = "فرانكفورت B-LOC\nأعلن O\n\nكلمة O\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(conll.encode("utf-8")), encoding="utf-8"))
    assert main(["tag-conll"]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines[0] == "فرانكفورت B-LOC"
    assert [line.split(" ")[0] for line in lines if line] == ["فرانكفورت", "أعلن", "كلمة"]
    assert lines[2] == "" and all(line.split(" ")[1] in {"O", "B-PERS", "B-LOC", "B-ORG", "B-MISC", "I-PERS", "I-LOC", "I-ORG", "I-MISC"} for line in lines if line)
