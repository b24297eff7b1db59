"""Long lists fill in batches: the first screen at once, the rest between frames. Whatever
needs a row not yet in the list (a jump, a search, `G`, `j` on the last row so far, the
place kept from the last run) lands on the right row all the same."""

from __future__ import annotations

import shutil
from copy import deepcopy
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content
from tui_helpers import MINI, settle, until

from kzbrief import query
from kzbrief.load import load_set
from kzbrief.load.cached_set import CachedSet
from kzbrief.model import TopicCount
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.draw.sources import topic_row, topic_row_height
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.widgets.nav_list import NavList, Row, fixed

EVENTS = 3000
WORD = "Zyxwvut"
"""In the title of the event the Timeline lists last, and nowhere else."""


def rows(count: int) -> list[Row]:
    """`count` one-line rows, under a heading every 100 rows."""
    out: list[Row] = []
    for n in range(count):
        if n % 100 == 0:
            out.append(Row(None, fixed(Content(f"heading {n // 100}")), 1))
        out.append(Row(f"row-{n}", fixed(Content(f"row {n}")), 1))
    return out


class Lists(App[None]):
    CSS = "NavList { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield NavList(id="items")


async def shown(app: Lists, pilot: object, count: int = 5000) -> NavList:
    """The list, laid out, just given `count` rows from the top: only the first batch is
    in it."""
    items = app.query_one(NavList)
    items.show_rows(rows(count), keep="row-0")
    assert 0 < items.option_count < len(items._rows)
    return items


async def test_the_first_rows_are_in_the_list_before_the_rest() -> None:
    app = Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        items = await shown(app, pilot)
        assert items.current == "row-0"
        assert items.text_at(1) == "row 0"
        await until(pilot, lambda: items.complete, timeout=10)
        assert items.option_count == len(items._rows)
        assert items.keys == [f"row-{n}" for n in range(5000)]
        assert items.virtual_size.height == len(items._rows)  # the scroll bar tells the truth
        assert items.current == "row-0"  # filling moved nothing


async def test_a_row_not_yet_in_the_list_is_chosen_at_once() -> None:
    app = Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        items = await shown(app, pilot)
        assert items.select_key("row-4999")
        assert items.current == "row-4999"
        assert items.text_at(items.highlighted or 0) == "row 4999"
        await pilot.pause()
        assert items.current == "row-4999"
        assert items.scroll_y == items.max_scroll_y  # scrolled to it


async def test_keys_reach_rows_not_yet_in_the_list() -> None:
    app = Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        items = await shown(app, pilot)
        last_so_far = items.option_count - 1
        items.highlighted = last_so_far
        before = items.current
        assert before is not None
        items.action_cursor_down()  # the next row, not round to the top
        assert items.current == f"row-{int(before.removeprefix('row-')) + 1}"

        items = await shown(app, pilot)
        items.action_last()
        assert items.current == "row-4999"

        items = await shown(app, pilot)
        items.action_cursor_up()  # from the first row round to the very last
        assert items.current == "row-4999"

        items = await shown(app, pilot)
        start = items.highlighted = items.option_count - 2
        items.action_page_down()  # a page on, past the rows so far
        at = items.highlighted or 0
        assert at > start + 1 and items._rows[at].key is not None


async def test_rows_whose_height_depends_on_the_width_are_laid_out_by_it() -> None:
    app = Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        items = app.query_one(NavList)
        items.show_rows(
            [
                Row(f"r{n}", fixed(Content(f"one\ntwo\nthree {n}")), lambda width: 3)
                for n in range(1000)
            ]
        )
        await until(pilot, lambda: items.complete, timeout=10)
        assert items.virtual_size.height == 3000
        items.select_key("r999")
        await pilot.pause()
        assert items.scroll_y == items.max_scroll_y


@given(
    title=st.lists(
        st.sampled_from([*"abc xyz", "中", "👨‍👩‍👧", "e\u0301", "\t", "\n", "-"]), max_size=40
    ).map("".join),
    width=st.integers(1, 40),
    events=st.integers(0, 100_000),
    chosen=st.booleans(),
)
def test_a_topic_rows_height_is_the_lines_it_draws(
    title: str, width: int, events: int, chosen: bool
) -> None:
    count = TopicCount(events, events // 3, events // 7)
    drawn = topic_row(title, count, width, chosen).plain.count("\n") + 1
    assert topic_row_height(title, count, width, chosen) == drawn


# The reader on a large set ---------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini set with thousands more events and glossary entries; the event dated
    last has a word no other text has."""
    root = tmp_path_factory.mktemp("large") / "mini"
    shutil.copytree(MINI, root)
    timeline = root / "timeline.yaml"
    data = yaml.safe_load(timeline.read_text(encoding="utf-8"))
    template = data["events"][1]
    for n in range(EVENTS):
        title = f"{WORD} accord" if n == EVENTS - 1 else f"Event number {n}"
        date = f"{2100 + n // 12}-{n % 12 + 1:02d}"
        data["events"].append(
            {**deepcopy(template), "id": f"many-{n}", "date": date, "title": title}
        )
    timeline.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    glossary = root / "glossary.yaml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    template = data["glossary"][0]
    for n in range(EVENTS):
        data["glossary"].append(
            {**deepcopy(template), "id": f"term-{n}", "term": f"zz term {n:05d}"}
        )
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load_set(root, use_cache=False)
    assert loaded.briefing is not None, loaded.problems
    return root


def last_event(root: Path) -> str:
    loaded = load_set(root, use_cache=False)
    assert loaded.briefing is not None
    return query.events(loaded.briefing)[-1].id


def main(app: KzbriefApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_a_jump_as_the_timeline_opens_lands_on_its_last_event_and_a_relaunch_too(
    large: Path,
) -> None:
    last = last_event(large)
    app = KzbriefApp(large, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        main(app).jump("event", last)
        items = main(app).query_one("#timeline-list", NavList)
        await until(pilot, lambda: items.current == last, timeout=10)
        await settle(pilot)
        assert items.current == last
        assert WORD in main(app).query_one("#timeline-detail").plain  # type: ignore[attr-defined]
        await pilot.press("q")

    again = KzbriefApp(large, use_cache=True)  # opens on the Timeline, at the last event
    async with again.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: bool(main(again).query("#timeline-list")), timeout=10)
        items = main(again).query_one("#timeline-list", NavList)
        await until(pilot, lambda: items.current == last, timeout=10)
        await settle(pilot)
        assert items.current == last


async def test_search_finds_a_word_only_in_the_last_row(large: Path) -> None:
    last = last_event(large)
    app = KzbriefApp(large, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "slash", *WORD.lower())
        results = app.screen.query_one("#search-results", NavList)
        await until(pilot, lambda: bool(results.keys), timeout=10)
        await pilot.press("enter")
        items = main(app).query_one("#timeline-list", NavList)
        await until(pilot, lambda: items.current == last, timeout=10)
        assert main(app).active_name == "timeline"


async def test_the_last_glossary_entry_is_reached_as_the_sources_tab_opens(large: Path) -> None:
    app = KzbriefApp(large, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        main(app).jump("glossary", f"term-{EVENTS - 1}")
        items = main(app).query_one("#sources-list", NavList)
        await until(pilot, lambda: items.current == f"glossary:term-{EVENTS - 1}", timeout=10)
        await pilot.press("g", "G")
        assert items.current == f"glossary:term-{EVENTS - 1}"
        await pilot.press("j", "k")  # round to the top and back, as in any list
        assert items.current == f"glossary:term-{EVENTS - 1}"


async def test_a_set_the_cache_holds_is_shown_once_not_loaded_again(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache's set is in the first frame; a second load would decode it all again and
    draw every list a second time, over whatever tab a first key opened."""
    from kzbrief.load import unchanged

    monkeypatch.setattr(unchanged, "SETTLE_NS", -(10**12))  # status records are trusted
    assert load_set(mini_copy).ok  # the cache holds it
    app = KzbriefApp(mini_copy, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = main(app).view
        assert first is not None and isinstance(first.bset, CachedSet)
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert main(app).view is not None and main(app).view.bset is first.bset  # type: ignore[union-attr]
        assert main(app).query_one("#timeline-list", NavList).keys  # drawn from it


async def test_keys_typed_straight_after_a_tab_key_wait_for_its_pane(large: Path) -> None:
    """h, c, m, O or d before the tab's pane has built its widgets do nothing yet (they
    raised NoMatches); the pane then opens as usual."""
    app = KzbriefApp(large, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        for tab in ("compare", "timeline", "figures", "sources"):
            screen.action_show_tab(tab)  # mounting: its widgets come with the next turns
            screen.action_focus_left()
            screen.action_focus_right()
            screen.action_copy()
            screen.action_mark()
            screen.action_only_source()
            screen.action_open_document()
            await settle(pilot)
            assert screen.active_pane is not None and screen.active_pane.id == tab
            assert screen.active_pane.first_screen_text()


async def test_the_sources_come_first_and_the_glossary_follows_them(large: Path) -> None:
    app = KzbriefApp(large, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        items = main(app).query_one("#sources-list", NavList)
        await until(pilot, lambda: len(items.keys) > 2, timeout=10)
        assert items.keys[0].startswith("source:")  # the first screen: the sources
        await until(pilot, lambda: items.keys[-1].startswith("glossary:"), timeout=10)
        sources = [k for k in items.keys if k.startswith("source:")]
        assert items.keys[: len(sources)] == sources
        terms = [k.removeprefix("glossary:") for k in items.keys[len(sources) :]]
        assert len(terms) == EVENTS + 1 and terms[-1] == f"term-{EVENTS - 1}"
