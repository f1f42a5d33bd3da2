"""Learned site templates through the pipeline (offline: a dict of states by source)."""

import orjson

from workers.app import build_pipeline
from workers.settings import Settings

# Chrome that reads like headlines (short labels above a headline are categories even unlearned)
MENU = ["Khabar Daily brings you the front page of the region every morning", "Weather, traffic and prayer times for every city of the country"]
FOOTER = "Khabar Daily is published by the Example Media Group"


def site_page(n: int, source: str = "daily.example") -> bytes:
    lines = [*MENU, f"Headline number {n} about a different event", f"Body of story {n}: officials said on day {n} "
             f"that the works on road {n} would continue for {n + 2} weeks.", FOOTER]
    return orjson.dumps({"schema_version": 1, "source": source, "url": f"https://daily.example/{n}", "content": "\n".join(lines)})


def article(outcome) -> dict:
    [value] = [r.value for r in outcome.records if r.kind == "article"]
    return orjson.loads(value)


def test_after_n_pages_of_a_site_page_n_plus_1_loses_its_menu_and_footer():
    pipeline = build_pipeline(Settings(), strict=True)
    n = pipeline.config.template.min_pages
    templates: dict[str, dict] = {}
    first = [article(pipeline.process_record(site_page(i), templates=templates)) for i in range(n)]
    assert all(a["title"] == MENU[0] for a in first)  # nothing learned yet: the menu looks like a title
    last = article(pipeline.process_record(site_page(n), templates=templates))
    assert last["title"] == f"Headline number {n} about a different event"
    assert {r["text"]: r["reason"] for r in last["removed"]} == {MENU[0]: "template", MENU[1]: "template", FOOTER: "template"}
    assert len(orjson.dumps(templates["daily.example"])) < 2_000


def test_templates_are_per_source_and_disabled_without_state():
    pipeline = build_pipeline(Settings(), strict=True)
    templates: dict[str, dict] = {}
    for i in range(8):
        pipeline.process_record(site_page(i), templates=templates)
    other = article(pipeline.process_record(site_page(99, source="other.example"), templates=templates))
    assert other["title"] == MENU[0] and set(templates) == {"daily.example", "other.example"}
    assert article(pipeline.process_record(site_page(100)))["title"] == MENU[0]


def test_a_template_never_empties_a_page():
    pipeline = build_pipeline(Settings(), strict=True)
    templates: dict[str, dict] = {}
    chrome_only = orjson.dumps({"schema_version": 1, "source": "s", "content": "\n".join([*MENU, FOOTER])})
    for i in range(8):
        pipeline.process_record(site_page(i, source="s"), templates=templates)
    assert article(pipeline.process_record(chrome_only, templates=templates))["title"] == MENU[0]


def test_process_cli_learns_across_the_files_it_is_given(tmp_path, capsysbinary):
    from workers.cli import main

    path = tmp_path / "site.jsonl"
    path.write_bytes(b"\n".join(site_page(i) for i in range(6)) + b"\n")
    assert main(["process", str(path)]) == 0
    titles = [orjson.loads(line)["title"] for line in capsysbinary.readouterr().out.splitlines()]
    assert titles[:4] == [MENU[0]] * 4 and titles[4:] == [f"Headline number {i} about a different event" for i in (4, 5)]
