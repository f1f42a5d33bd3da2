import orjson

from workers.inputs import InputProblem, InputRecord, read_inputs
from workers.parse import derive_page_id


def test_txt_page_is_wrapped_with_a_content_derived_page_id(tmp_path):
    (tmp_path / "a.txt").write_text("Title\nBody", encoding="utf-8")
    [record] = read_inputs([str(tmp_path / "a.txt")], source="example.org")
    value = orjson.loads(record.value)
    assert record.key == b"example.org"
    assert value == {
        "schema_version": 1, "page_id": derive_page_id("Title\nBody"), "source": "example.org",
        "content_type": "text/plain", "content": "Title\nBody",
    }


def test_txt_page_without_source_is_a_problem_not_a_record(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    [problem] = read_inputs([str(tmp_path / "a.txt")])
    assert isinstance(problem, InputProblem) and "--source" in problem.reason


def test_html_page_gets_the_html_content_type(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    [record] = read_inputs([str(tmp_path / "a.html")], source="s")
    assert orjson.loads(record.value)["content_type"] == "text/html"


def test_jsonl_lines_keep_their_line_numbers_and_blank_lines_are_ignored(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_bytes(b'{"source": "a", "content": "x"}\n\n{broken\n')
    items = list(read_inputs([str(path)]))
    assert [(i.where, type(i)) for i in items] == [(f"{path}:1", InputRecord), (f"{path}:3", InputRecord)]
    assert items[0].key == b"a" and items[1].key is None and items[1].value == b"{broken"


def test_directory_reads_known_files_in_name_order(tmp_path):
    (tmp_path / "b.json").write_bytes(b'{"source": "b"}')
    (tmp_path / "a.jsonl").write_bytes(b'{"source": "a"}\n')
    (tmp_path / "README.md").write_text("not a record")
    assert [i.key for i in read_inputs([str(tmp_path)])] == [b"a", b"b"]


def test_unknown_suffix_and_missing_file_are_reported(tmp_path):
    (tmp_path / "x.csv").write_text("a,b")
    problems = list(read_inputs([str(tmp_path / "x.csv"), str(tmp_path / "missing.json")]))
    assert [type(p) for p in problems] == [InputProblem, InputProblem]
    assert "unknown file type .csv" in problems[0].reason and "cannot read" in problems[1].reason
