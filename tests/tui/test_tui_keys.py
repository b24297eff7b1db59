"""Every key and pane of the reader, driven through Pilot on the mini fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Input, SelectionList, Static
from tui_helpers import MINI, settle, until

from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.help import HelpScreen
from kzbrief.tui.screens.main import TABS, MainScreen
from kzbrief.tui.screens.search import SearchScreen
from kzbrief.tui.screens.source_picker import SourcePicker
from kzbrief.tui.widgets.flow import Flow
from kzbrief.tui.widgets.framing import FramingPane
from kzbrief.tui.widgets.lines import Lines
from kzbrief.tui.widgets.nav_list import NavList
from kzbrief.tui.widgets.topic_nav import TopicNav

SIZE = (120, 40)


def main(app: KzbriefApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def text(app: KzbriefApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    assert isinstance(widget, Flow | Lines)
    return widget.plain


def first_command(app: KzbriefApp) -> str:
    """The palette's top hit, once it has any."""
    commands = app.screen.query_one(CommandList)
    return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""


def active(app: KzbriefApp) -> str:
    return main(app).active_name


async def test_opens_on_the_overview() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert active(app) == "overview"
        body = text(app, "#overview-body")
        assert "Is the republic balancing or aligned?" in body
        assert "Bottom line" in body and "Sources at a glance" in body
        assert "Who addresses what" in body
        assert "A solid ally of the Kremlin." in body  # a stance in the matrix
        header = str(main(app).query_one("#header").render())
        assert "Mini briefing" in header and "21 Nov 2026" in header
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


COPIED = {
    "1": "Is the republic balancing or aligned?",
    "2": "1991 — Independence",
    "3": "How Alpha frames it",
    "4": "Why they differ: Alpha is an analysis",
    "5": "Trade in 2022: 26 billion dollars (2022)",
    "6": "Alpha — Alpha Report on the Steppe; author: not stated",
}


async def test_number_keys_choose_tabs_and_c_copies_with_the_citation() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The Documents tab (7) copies a passage; without documents it has none.
        for n, (name, _, _) in enumerate(TABS[:6], 1):
            await pilot.press(str(n))
            await settle(pilot)
            assert active(app) == name
            pane = main(app).active_pane
            assert pane is not None and pane.view is main(app).view
            assert app.focused is pane.main_widget()
            await pilot.press("c")
            assert COPIED[str(n)] in app.clipboard, name
            assert "as of 21 Nov 2026" in app.clipboard


async def test_timeline_moves_shows_each_sources_words_and_filters() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        events = main(app).query_one("#timeline-list", NavList)
        assert events.current == "independence"
        assert "1991" in text(app, "#timeline-detail")
        await pilot.press("j")
        assert events.current == "troops-2022"
        detail = text(app, "#timeline-detail")
        assert "Troops arrive — Қазақстан" in detail
        assert "“In January 2022 more than 2,000 troops arrived.”" in detail
        assert "Only Beta gives a number." in detail
        await pilot.press("j")
        assert events.current == "trade-2022"  # 2022~ reads after 2022-01
        await pilot.press("k")
        assert events.current == "troops-2022"
        await pilot.press("G")
        assert events.current == "trade-2022"
        await pilot.press("g")
        assert events.current == "independence"
        await pilot.press("down")
        assert events.current == "troops-2022"
        await pilot.press("f")  # the first source in file order: Alpha
        assert len(events.keys) == 3
        await pilot.press("f")  # Beta does not report independence
        assert events.keys == ["troops-2022", "trade-2022"]
        assert "reported by Beta" in str(main(app).query_one("#timeline-context").render())
        await pilot.press("f")
        assert len(events.keys) == 3


async def test_topic_filters_the_tabs() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is main(app).query_one("#overview-body")
        await pilot.press("h")
        assert isinstance(app.focused, TopicNav)
        await pilot.press("j")  # Foreign policy
        await settle(pilot)
        assert main(app).view is not None and main(app).view.topic == "foreign-policy"
        assert "Topic: Foreign policy" in text(app, "#overview-body")
        await pilot.press("2")
        await settle(pilot)
        assert main(app).query_one("#timeline-list", NavList).keys == [
            "independence",
            "troops-2022",
        ]
        await pilot.press("4")
        await settle(pilot)
        assert main(app).query_one("#compare-list", NavList).keys == ["neutrality"]
        await pilot.press("5")
        await settle(pilot)
        assert main(app).query_one("#figures-list", NavList).keys == ["troops-beta"]
        await pilot.press("3")
        await settle(pilot)
        pane = main(app).active_pane
        assert isinstance(pane, FramingPane)
        assert "A solid ally of the Kremlin." in pane.detail_text
        assert "Stance on" in pane.detail_text


async def test_enter_escape_h_l_tab_and_shift_tab_move_between_panes() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = main(app)
        topics, events = screen.query_one(TopicNav), screen.query_one("#timeline-list")
        detail = screen.query_one("#timeline-detail-scroll")
        assert app.focused is events
        await pilot.press("l")
        assert app.focused is detail
        await pilot.press("h")
        assert app.focused is events
        await pilot.press("left")
        assert app.focused is topics
        await pilot.press("right")
        assert app.focused is events
        await pilot.press("shift+tab")
        assert app.focused is topics
        await pilot.press("tab")
        assert app.focused is events
        await pilot.press("h", "enter")  # on the topic navigator: into the content
        assert app.focused is events
        await pilot.press("enter")
        assert app.focused is detail
        await pilot.press("escape")
        assert app.focused is events


async def test_compare_side_by_side_and_s_chooses_the_sources_shown() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        detail = text(app, "#compare-detail")
        assert "Is the republic neutral?" in detail
        assert "Balancing" in detail and "Aligned with Moscow" in detail
        row = next(line for line in detail.splitlines() if "Neither client nor enemy." in line)
        assert "Neutrality is impossible." in row  # the two columns share lines
        assert "Why they differ" in detail
        await pilot.press("j")
        assert "How large was trade in 2022?" in text(app, "#compare-detail")
        await pilot.press("k", "s")
        await settle(pilot)
        assert isinstance(app.screen, SourcePicker)
        picker = app.screen.query_one(SelectionList)
        assert set(picker.selected) == {"alpha", "beta"}
        await pilot.press("space")  # as sources.yaml writes them: Alpha first; hide it
        await pilot.press("enter")  # enter applies (escape cancels)
        await settle(pilot)
        screen = main(app)
        assert screen.view is not None and screen.view.hidden == {"alpha"}
        detail = text(app, "#compare-detail")
        assert "Neutrality is impossible." in detail
        assert "Neither client nor enemy." not in detail
        assert "1 position from hidden sources" in detail
        await pilot.press("3")
        await settle(pilot)
        assert screen.query_one("#framing-list", NavList).keys == ["beta"]
        await pilot.press("s", "a", "s")
        await settle(pilot)
        assert screen.view.hidden == frozenset()


async def test_slash_searches_all_text_and_jumps() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"impossible")
        results = app.screen.query_one("#search-results", NavList)
        await until(pilot, lambda: bool(results.keys))
        assert "contested:neutrality" in results.keys  # found in a quote
        await pilot.press("down")
        assert app.focused is results
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("slash")
        app.screen.query_one(Input).value = "қазақстан"  # case-folded Cyrillic
        results = app.screen.query_one("#search-results", NavList)
        await until(pilot, lambda: bool(results.keys))
        assert results.keys == ["event:troops-2022"]
        await pilot.press("enter")
        await settle(pilot)
        assert active(app) == "timeline"
        assert main(app).query_one("#timeline-list", NavList).current == "troops-2022"


async def test_question_mark_lists_every_key() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.text
        for binding in [*KzbriefApp.BINDINGS, *MainScreen.BINDINGS]:
            ident = getattr(binding, "id", None)
            if ident and ident != "help-quit":
                assert f"({ident})" in shown, ident
        assert "(timeline-filter)" in shown
        scroll = app.screen.query_one("#help-scroll")
        await pilot.press("space")
        assert scroll.scroll_y > 0
        await pilot.press("b")
        assert scroll.scroll_y == 0
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("g", "j")
        assert scroll.scroll_y == 1
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_ctrl_p_jumps_to_topics_events_points_and_sources() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"trade 20")
        await until(pilot, lambda: "large was trade" in first_command(app))
        await pilot.press("enter")
        await settle(pilot)
        assert active(app) == "compare"
        screen = main(app)
        assert screen.query_one("#compare-list", NavList).current == "trade-size"
        screen.jump("topic", "economy")
        await settle(pilot)
        assert screen.view is not None and screen.view.topic == "economy"
        assert screen.query_one(TopicNav).current == "economy"
        screen.jump("source", "beta")
        await settle(pilot)
        assert active(app) == "sources"
        assert screen.query_one("#sources-list", NavList).current == "source:beta"
        screen.jump("event", "independence")  # not in Economy: the topic resets
        await settle(pilot)
        assert screen.view.topic is None
        assert screen.query_one("#timeline-list", NavList).current == "independence"
        for kind, key, tab, selector, current in [
            ("figure", "troops-beta", "figures", "#figures-list", "troops-beta"),
            ("framing", "alpha", "framing", "#framing-list", "alpha"),
            ("glossary", "kremlin", "sources", "#sources-list", "glossary:kremlin"),
            ("contested", "neutrality", "compare", "#compare-list", "neutrality"),
        ]:
            screen.jump(kind, key)
            await settle(pilot)
            assert active(app) == tab
            assert screen.query_one(selector, NavList).current == current


async def test_o_opens_a_known_url_only(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app = KzbriefApp(MINI)
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("o")  # Alpha: stated URL, shown in full before anything opens
        await settle(pilot)
        assert opened == [] and "https://example.org/alpha" in str(
            app.screen.query_one("#confirm-url", Static).content
        )
        await pilot.press("n")  # cancelled: nothing opens
        await settle(pilot)
        await pilot.press("o", "y")
        await settle(pilot)
        assert opened == ["https://example.org/alpha"]
        await pilot.press("j", "o")  # Beta: not stated
        assert opened == ["https://example.org/alpha"]
        detail = text(app, "#sources-detail")
        assert "not stated" in detail and "Jane Roe" in detail
        await pilot.press("k")
        assert "inferred" in text(app, "#sources-detail")


async def test_r_reloads_from_disk(mini_copy: Path) -> None:
    app = KzbriefApp(mini_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "j")
        await settle(pilot)
        path = mini_copy / "briefing.yaml"
        path.write_text(path.read_text().replace("title: Mini briefing", "title: Edited briefing"))
        await pilot.press("r")
        await settle(pilot)
        assert "Edited briefing" in str(main(app).query_one("#header").render())
        assert active(app) == "timeline"
        assert main(app).query_one("#timeline-list", NavList).current == "troops-2022"


async def test_user_keymap_rebinds_by_id(tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"keymap": {"copy": "y"}}))
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert "Is the republic balancing or aligned?" in app.clipboard


async def test_theme_persists_between_runs(tmp_path: Path) -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    saved = json.loads((tmp_path / "config" / "config.json").read_text())
    assert saved["theme"] == "nord"
    again = KzbriefApp(MINI)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_corrupt_config_is_ignored(tmp_path: Path) -> None:
    config = tmp_path / "config" / "config.json"
    config.parent.mkdir()
    config.write_text("{not json")
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        app.theme = "nord"
        await pilot.pause()
    assert config.read_text() == "{not json"


async def test_watch_reloads_on_change(mini_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kzbrief.tui.app.WATCH_INTERVAL", 0.05)
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        path = mini_copy / "briefing.yaml"
        path.write_text(
            path.read_text().replace("title: Mini briefing", "title: Watched briefing!")
        )
        for _ in range(40):
            await pilot.pause(0.05)
            await settle(pilot)
            if "Watched" in str(main(app).query_one("#header").render()):
                break
        assert "Watched briefing!" in str(main(app).query_one("#header").render())


async def test_clicking_a_tab_title_shows_its_pane() -> None:
    from kzbrief.tui.widgets.tab_bar import TabBar

    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = main(app).query_one(TabBar)
        start, _, name = next(span for span in bar._spans if span[2] == "compare")
        await pilot.click(TabBar, offset=(start + 1, 0))
        await settle(pilot)
        assert name == active(app) == "compare" and bar.active == "compare"
        assert main(app).active_pane is not None and main(app).active_pane.id == "compare"
        await pilot.click(TabBar, offset=(bar.size.width - 1, 0))  # past the last title
        await pilot.pause()
        assert active(app) == "compare"


def test_tab_titles_shorten_to_fit() -> None:
    from kzbrief.tui.widgets.tab_bar import TabBar

    bar = TabBar([("a", "Overview"), ("b", "Timeline")])
    assert bar.labels(80) == (["1 Overview", "2 Timeline"], 3, 1)
    assert bar.labels(21) == (["1 Overview", "2 Timeline"], 1, 0)
    assert bar.labels(12) == (["1 Ove", "2 Tim"], 1, 0)


async def test_a_tab_key_pressed_before_the_first_frame_is_kept(mini_copy: Path) -> None:
    from kzbrief.load import load_set

    assert load_set(mini_copy).ok  # cached: the set is shown in the first frame
    app = KzbriefApp(mini_copy, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        main(app).action_show_tab("timeline")  # as a "2" typed while the app starts
        await settle(pilot)
        assert active(app) == "timeline"
        assert main(app).active_pane is not None and main(app).active_pane.id == "timeline"
