import copy

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.cleaning.template import TemplateConfig, empty_state, find_template_blocks, key_hash, learn
from workers.model import Block, Removal
from workers.text import block_key

CONFIG = TemplateConfig()
MENU = ["Home", "World", "Economy", "Sports", "Opinion"]
FOOTER = "All rights reserved to the Daily Example 2024"


def make_blocks(*texts: str) -> list[Block]:
    return [Block(i, text, block_key(text)) for i, text in enumerate(texts)]


def page(n: int) -> list[Block]:
    """Page ``n`` of a synthetic site: shared menu and footer around its own article."""
    return make_blocks(
        *MENU,
        f"Headline number {n} about something new",
        f"Body paragraph {n} with its own facts and figures.",
        f"Second paragraph {n}, different quotes.",
        FOOTER,
    )


def learned(pages: range, config: TemplateConfig = CONFIG) -> dict:
    state = None
    for n in pages:
        state = learn(state, f"p{n}", page(n), config)
    return state


def test_after_min_pages_pages_the_menu_and_footer_are_template_and_the_body_is_kept():
    state = learned(range(CONFIG.min_pages))
    blocks = page(99)
    removed = find_template_blocks(blocks, state, CONFIG, "p99")
    assert removed == [Removal(b.index, b.text, "template") for b in blocks if b.text in MENU or b.text == FOOTER]
    kept = {b.text for b in blocks} - {r.text for r in removed}
    assert kept == {b.text for b in blocks[len(MENU) : -1]}


def test_fewer_than_min_pages_pages_remove_nothing():
    assert find_template_blocks(page(0), None, CONFIG) == []
    for n in range(1, CONFIG.min_pages):
        assert find_template_blocks(page(99), learned(range(n)), CONFIG, "p99") == []


def test_a_key_counts_once_per_page():
    state = learned(range(CONFIG.min_pages - 1))
    repeated = make_blocks(*MENU, *MENU, FOOTER, FOOTER)
    state = learn(state, "twice", repeated, CONFIG)
    assert state["keys"][key_hash(block_key(FOOTER))][0] == CONFIG.min_pages
    state_once = learn(learned(range(CONFIG.min_pages - 1)), "twice", make_blocks(*MENU, FOOTER), CONFIG)
    assert state["keys"] == state_once["keys"]


def test_relearning_the_same_page_id_does_not_change_the_state():
    state = learned(range(6))
    assert learn(state, "p3", page(3), CONFIG) == state
    assert learn(state, "p5", page(42), CONFIG) == state  # same id, other content: still not counted


def test_a_page_does_not_make_its_own_blocks_template():
    before = learned(range(CONFIG.min_pages - 1))
    blocks = page(99)
    first = find_template_blocks(blocks, before, CONFIG, "p99")
    after = learn(before, "p99", blocks, CONFIG)
    assert first == []
    assert find_template_blocks(blocks, after, CONFIG, "p99") == first
    # A new page, though, sees the menu on min_pages earlier pages now.
    assert len(find_template_blocks(page(100), after, CONFIG, "p100")) == len(MENU) + 1


def test_judging_before_or_after_learning_gives_the_same_answer():
    state = None
    for n in range(12):
        blocks = page(n)
        before = find_template_blocks(blocks, state, CONFIG, f"p{n}")
        state = learn(state, f"p{n}", blocks, CONFIG)
        assert find_template_blocks(blocks, state, CONFIG, f"p{n}") == before
        assert find_template_blocks(blocks, learn(state, f"p{n}", blocks, CONFIG), CONFIG, f"p{n}") == before


def test_long_blocks_are_never_template_and_not_stored():
    paragraph = "Syndicated agency paragraph repeated on every page of the site word " * 4
    assert len(block_key(paragraph)) > CONFIG.max_key_chars
    state = None
    for n in range(10):
        state = learn(state, f"p{n}", make_blocks(paragraph, f"own line {n}", FOOTER), CONFIG)
    removed = find_template_blocks(make_blocks(paragraph, "new line", FOOTER), state, CONFIG, "new")
    assert [r.text for r in removed] == [FOOTER]
    assert key_hash(block_key(paragraph)) not in state["keys"]


def test_short_and_empty_keys_are_ignored():
    state = None
    for n in range(10):
        state = learn(state, f"p{n}", make_blocks("***", "7", f"line {n}"), CONFIG)
    assert find_template_blocks(make_blocks("***", "7"), state, CONFIG) == []
    assert len(state["keys"]) == 10


def test_the_state_is_plain_json_and_round_trips_through_orjson():
    state = learned(range(8))
    assert orjson.loads(orjson.dumps(state)) == state
    assert state["v"] == 1 and state["pages"] == 8
    assert state["recent"][0] == ["p0", 1] and state["recent"][-1] == ["p7", 8]
    restored = orjson.loads(orjson.dumps(state))
    assert learn(restored, "p8", page(8), CONFIG) == learn(state, "p8", page(8), CONFIG)


def test_learn_does_not_mutate_its_input():
    state = learned(range(5))
    snapshot = copy.deepcopy(state)
    new = learn(state, "p5", page(5), CONFIG)
    learn(state, "p2", page(2), CONFIG)
    assert state == snapshot
    assert new != state
    new["keys"].clear()
    new["recent"].clear()
    assert state == snapshot


def test_learn_in_place_updates_and_returns_the_state_itself():
    state = learned(range(5))
    expected = learn(state, "p5", page(5), CONFIG)
    assert learn(state, "p5", page(5), CONFIG, in_place=True) is state
    assert state == expected
    assert learn(state, "p5", page(5), CONFIG, in_place=True) is state and state == expected  # a re-delivery
    assert learn({"v": 0}, "p", page(0), CONFIG, in_place=True) == learn(None, "p", page(0), CONFIG)


def test_recent_pages_are_bounded_and_old_pages_are_forgotten():
    config = TemplateConfig(max_recent_pages=3)
    state = learned(range(5), config)
    assert [r[0] for r in state["recent"]] == ["p2", "p3", "p4"]
    assert learn(state, "p0", page(0), config)["pages"] == 6  # forgotten: counted again


def test_recent_pages_keep_the_last_max_recent_pages_ids_in_order():
    config = TemplateConfig(max_recent_pages=8)
    for n in (1, 5, 8, 9, 20):
        assert [r[0] for r in learned(range(n), config)["recent"]] == [f"p{i}" for i in range(max(0, n - 8), n)]


def test_a_full_state_is_evicted_down_to_its_low_water_mark():
    config = TemplateConfig(max_keys=16, min_pages=2)
    state = learn(None, "menu", make_blocks("menu one", "menu two"), config)
    state = learn(state, "menu again", make_blocks("menu one", "menu two"), config)
    for n in range(20):
        state = learn(state, f"p{n}", make_blocks(f"line {n} a", f"line {n} b"), config)
        assert len(state["keys"]) <= 16
    # 2 keys and 2 more per page: 18 at p7, evicted to 16 - 16 // 8 = 14; 16 at p8; 18 -> 14 at
    # p9; ... 14 after p19 (evicting only the excess would leave 16).
    assert len(state["keys"]) == 14
    assert {key_hash("menu one"), key_hash("menu two")} <= set(state["keys"])


def test_eviction_drops_lowest_counts_then_oldest_then_hash_order():
    config = TemplateConfig(max_keys=4)
    state = learn(None, "a", make_blocks("menu", "old one", "old two"), config)
    state = learn(state, "b", make_blocks("menu", "new one"), config)
    assert set(state["keys"]) == {key_hash(k) for k in ("menu", "old one", "old two", "new one")}
    state = learn(state, "c", make_blocks("menu", "newest"), config)
    # "old one" and "old two" tie on (count 1, last seen page 1): the lower hash goes first.
    dropped = min(key_hash("old one"), key_hash("old two"))
    assert set(state["keys"]) == {key_hash(k) for k in ("menu", "old one", "old two", "new one", "newest")} - {dropped}
    assert state["keys"][key_hash("menu")] == [3, 1, 3]


def test_an_evicted_key_starts_over_and_does_not_discount_older_pages():
    config = TemplateConfig(max_keys=2, min_pages=1)
    state = learn(None, "a", make_blocks("alpha"), config)
    state = learn(state, "b", make_blocks("beta", "gamma"), config)  # alpha is evicted
    assert key_hash("alpha") not in state["keys"]
    state = learn(state, "c", make_blocks("alpha"), config)
    assert state["keys"][key_hash("alpha")] == [1, 3, 3]
    # Page "a" had alpha, but its count no longer includes "a": nothing is taken off.
    assert find_template_blocks(make_blocks("alpha"), state, config, "a") == [Removal(0, "alpha", "template")]


def test_a_state_of_another_version_is_an_empty_state():
    assert find_template_blocks(page(1), {"v": 0, "keys": {"x": 1}}, CONFIG) == []
    assert learn({"v": 99}, "p", [], CONFIG) == {**empty_state(), "pages": 1, "recent": [["p", 1]]}


texts = st.text(alphabet="abcdefgh \u0627\u0628\u062a", min_size=0, max_size=12)
pages = st.lists(st.tuples(st.sampled_from([f"p{i}" for i in range(30)]), st.lists(texts, max_size=12)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(pages, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=8))
def test_state_stays_bounded_plain_and_deterministic(pages, max_keys, max_recent):
    config = TemplateConfig(max_keys=max_keys, max_recent_pages=max_recent, min_pages=2)
    state = None
    replay = None
    for page_id, lines in pages:
        blocks = make_blocks(*lines)
        before = copy.deepcopy(state)
        state = learn(state, page_id, blocks, config)
        replay = learn(replay, page_id, blocks, config)
        assert state == replay  # deterministic
        assert before is None or learn(before, page_id, blocks, config) == state
        updated = copy.deepcopy(before)
        result = learn(updated, page_id, blocks, config, in_place=True)
        assert result == state and (before is None or result is updated)
        assert len(state["keys"]) <= max_keys
        assert len(state["recent"]) <= max_recent
        assert orjson.loads(orjson.dumps(state)) == state
        assert all(1 <= c and 1 <= f <= l <= state["pages"] for c, f, l in state["keys"].values())
        assert learn(state, page_id, blocks, config) == state
        for r in find_template_blocks(blocks, state, config, page_id):
            assert r.reason == "template" and r.kept_block is None
            assert config.min_key_chars <= len(blocks[r.block].key) <= config.max_key_chars
