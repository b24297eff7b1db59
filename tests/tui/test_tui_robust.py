"""The reader on a broken set, on hostile text, and on terminals too small to use."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import damage_cached_part
from textual.widgets import Static
from tui_helpers import MINI, edit, settle

from kzbrief.load import load_set
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.screens.problems import ProblemsScreen
from kzbrief.tui.widgets.flow import Flow
from kzbrief.tui.widgets.nav_list import NavList
from kzbrief.tui.widgets.topic_nav import TopicNav

HOSTILE = "[bold]x[/] [@click=app.quit]Q[/] :smile: [/] [link=https://e.x]L[/link] $accent"


async def test_a_broken_set_opens_on_its_errors_and_r_loads_the_fix(mini_copy: Path) -> None:
    timeline = mini_copy / "timeline.yaml"
    edit(timeline, "date: 2022-01\n", "date: 2022-13\n")
    edit(mini_copy / "topics.yaml", "  - id: economy\n", "  - id: economy\n    colour: red\n")
    app = KzbriefApp(mini_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        problems = app.screen.query_one("#problems-list", NavList)
        shown = [problems.text_at(i) for i in range(problems.option_count)]
        assert any("timeline.yaml:11:11" in line and "month 13" in line for line in shown)
        assert any("topics.yaml:" in line and "colour" in line for line in shown)
        title = str(app.screen.query_one("#problems-title", Static).render())
        assert "2 problems" in title and "press r" in title
        edit(timeline, "date: 2022-13\n", "date: 2022-01\n")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)  # one problem is left
        assert "1 problem " in str(app.screen.query_one("#problems-title", Static).render())
        edit(mini_copy / "topics.yaml", "    colour: red\n", "")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Mini briefing" in str(app.screen.query_one("#header").render())
        # A later break, as under --watch, shows the errors over the reader again.
        edit(timeline, "date: 2022-01\n", "date: nope\n")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    app = KzbriefApp(tmp_path / "nowhere")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert app.is_running


async def test_hostile_text_is_shown_literally_and_does_nothing(mini_copy: Path) -> None:
    quoted = HOSTILE.replace("'", "''")
    edit(mini_copy / "timeline.yaml", "title: Independence", f"title: '{quoted}'")
    edit(
        mini_copy / "timeline.yaml",
        "summary: Alpha dates independence to 1991.",
        f"summary: '{quoted}'",
    )
    edit(
        mini_copy / "contested.yaml", "question: Is the republic neutral?", f"question: '{quoted}'"
    )
    edit(mini_copy / "sources.yaml", "label: Alpha", "label: '[b]A[/b] :x:'")
    edit(mini_copy / "briefing.yaml", "title: Mini briefing", f"title: '{quoted}'")
    app = KzbriefApp(mini_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert HOSTILE in str(app.screen.query_one("#header").render())
        await pilot.press("2")
        await settle(pilot)
        events = app.screen.query_one("#timeline-list", NavList)
        assert HOSTILE[:40] in events.text_at(1)
        detail = app.screen.query_one("#timeline-detail", Flow)
        assert HOSTILE in detail.plain and "[b]A[/b] :x:" in detail.plain
        # Click on the text: no action in the data may run.
        for y in (5, 19, 20, 21):
            await pilot.click(offset=(45, y))
        await pilot.press("4")
        await settle(pilot)
        assert HOSTILE in app.screen.query_one("#compare-detail", Flow).plain
        await pilot.click("#compare-detail", offset=(5, 0))
        await pilot.press("ctrl+p", *"rep")
        await pilot.pause(0.2)
        await pilot.press("escape", "slash", *"cli")
        await pilot.pause(0.2)
        await pilot.press("escape")
        screenshot = app.export_screenshot()
        assert "[@click=app.quit]Q[/]" in screenshot.replace("&#160;", " ")
        assert app.is_running and app.return_code is None


async def test_too_small_says_so_and_recovers() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        message = app.screen.query_one("#too-small", Static)
        assert message.display
        assert "Terminal too small" in str(message.render())
        await pilot.press("2", "j", "s", "escape", "question_mark", "escape")
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.screen.query_one("#too-small").display
        assert app.screen.query_one("#body").display
        assert app.is_running


async def test_a_cached_set_is_in_the_first_frame_and_an_edit_is_still_loaded(
    mini_copy: Path,
) -> None:
    assert load_set(mini_copy).ok  # fills the parse cache
    app = KzbriefApp(mini_copy, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None  # no worker needed
        nav = screen.query_one(TopicNav)
        assert nav.option_count == len(screen.view.bset.topics) + 1  # drawn before layout
        assert not [w for w in app.workers if w.group == "load"]
        await settle(pilot)
        assert "Foreign policy" in nav.text_at(1)
    edit(mini_copy / "topics.yaml", "title: Foreign policy", "title: Foreign affairs")
    app = KzbriefApp(mini_copy, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # not cached for these bytes: parsed by the worker
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None
        assert "Foreign affairs" in screen.query_one(TopicNav).text_at(1)


async def test_a_damaged_cache_part_is_parsed_again(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzbrief.load import unchanged

    monkeypatch.setattr(unchanged, "SETTLE_NS", -(10**12))  # status records are trusted
    assert load_set(mini_copy).ok
    damage_cached_part(tmp_path / "cache")
    app = KzbriefApp(mini_copy, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None
        assert len(screen.view.bset.events) == len(load_set(mini_copy).whole().events)  # type: ignore[union-attr]


async def test_a_damaged_cache_and_broken_files_open_on_the_problems(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzbrief.load import unchanged

    monkeypatch.setattr(unchanged, "SETTLE_NS", -(10**12))
    assert load_set(mini_copy).ok
    damage_cached_part(tmp_path / "cache")
    load_first_frame = KzbriefApp._cached_set

    def then_break_the_files(self: KzbriefApp) -> object:
        cached = load_first_frame(self)
        edit(mini_copy / "timeline.yaml", "events:", "eventz:")  # before any pane draws
        return cached

    monkeypatch.setattr(KzbriefApp, "_cached_set", then_break_the_files)
    app = KzbriefApp(mini_copy, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)


async def test_keys_that_reach_a_dialog_before_it_has_composed_do_no_harm() -> None:
    """`s a` or `/ ↓` typed fast: the second key can run before the dialog is built."""
    app = KzbriefApp(MINI)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for opened, actions in (
            ("choose_sources", ("down", "up", "all", "only", "apply")),
            ("search", ("newer_or_results", "older", "close")),
        ):
            getattr(screen, f"action_{opened}")()
            dialog = app.screen
            assert dialog is not screen and not dialog.children  # pushed, not yet composed
            for action in actions:
                getattr(dialog, f"action_{action}")()
            await pilot.pause()
            await settle(pilot)
            assert app.screen is screen and app.is_running
