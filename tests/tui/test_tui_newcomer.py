"""What a newcomer needs from the reader: framing side by side, keeping one's place,
search like less, one name per source, visible filters, room to read, conventions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tui_helpers import MINI, settle, until

from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.widgets.framing import FramingPane
from kzbrief.tui.widgets.scroller import Scroller

FIVE = Path(__file__).resolve().parent / "fixtures" / "five"
SIZE = (120, 40)


def main(app: KzbriefApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def framing(app: KzbriefApp) -> FramingPane:
    pane = main(app).active_pane
    assert isinstance(pane, FramingPane)
    return pane


async def test_framing_puts_every_shown_source_side_by_side_and_opens_a_card() -> None:
    app = KzbriefApp(FIVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pane = framing(app)
        shown = main(app).view.shown  # type: ignore[union-attr]
        first_line = next(line for line in pane.detail_text.splitlines() if "▌" in line)
        labels = [main(app).view.legend.label(s) for s in shown]  # type: ignore[union-attr]
        # Three columns side by side at 80 columns, in the order of writing.
        assert [label in first_line for label in labels[:3]] == [True, True, True]
        assert "Thesis" in pane.detail_text and "Tone" in pane.detail_text
        await pilot.press("enter")  # the highlighted source's full card, focused
        await settle(pilot)
        detail = pane.query_one("#framing-detail-scroll", Scroller)
        assert app.focused is detail
        assert pane.detail_text.splitlines()[0].strip().startswith(labels[0].strip())
        assert labels[1] not in pane.detail_text.splitlines()[0]
        # The card scrolls by keyboard.
        assert detail.max_scroll_y > 0
        await pilot.press("space")
        await pilot.pause()
        assert detail.scroll_y > 0
        await pilot.press("b")
        await pilot.pause()
        assert detail.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert detail.scroll_y == 2
        await pilot.press("v")  # back to all side by side
        await pilot.pause()
        assert all(label in pane.detail_text for label in labels)


async def test_quit_and_relaunch_returns_to_the_same_tab_topic_sources_and_item() -> None:
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(app)
        topic = screen.view.bset.topics[0].id  # type: ignore[union-attr]
        hidden = screen.view.legend.ids[-1]  # type: ignore[union-attr]
        screen.view = screen.view.with_topic(topic).with_hidden(frozenset({hidden}))  # type: ignore[union-attr]
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        item = screen.active_pane.place()  # type: ignore[union-attr]
        assert item is not None and item[0] == "event"
        await pilot.press("q")
    assert app.return_code == 0

    again = KzbriefApp(FIVE)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main(again)
        assert screen.active_name == "timeline"
        assert screen.view is not None and screen.view.topic == topic
        assert screen.view.hidden == {hidden}
        assert screen.active_pane.place() == item  # type: ignore[union-attr]


async def test_ctrl_c_quits_like_q() -> None:
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_m_marks_items_and_the_marks_list_jumps_to_them() -> None:
    from kzbrief.tui.screens.marks import MarksScreen

    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "j")
        await settle(pilot)
        point = main(app).active_pane.place()  # type: ignore[union-attr]
        await pilot.press("m")
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, MarksScreen)
        assert [m[:2] for m in app.screen.marks] == [point]
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).active_name == "compare"
        assert main(app).active_pane.place() == point  # type: ignore[union-attr]
        await pilot.press("m")  # unmarks
        await pilot.press("apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, MarksScreen) and app.screen.marks == []


async def test_a_corrupt_state_file_is_ignored_with_one_line(tmp_path: Path) -> None:
    import os

    state = Path(os.environ["KZBRIEF_STATE_DIR"])
    state.mkdir(parents=True)
    (state / "state.sqlite3").write_bytes(b"this is not a database" * 100)
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert [m for m in said if "state.sqlite3: ignored (not a kzbrief state file)" in m]
        assert main(app).active_name == "overview"
        await pilot.press("q")
    assert app.return_code == 0
    assert (state / "state.sqlite3").read_bytes().startswith(b"this is not a database")


def test_two_readers_share_the_state_file(tmp_path: Path) -> None:
    from kzbrief.tui.state import Place, State

    path = tmp_path / "state.sqlite3"
    one, two = State.open(path), State.open(path)
    assert one is not None and two is not None
    one.save_place("a", Place("timeline", "t", frozenset({"x"}), ("event", "e1")))
    assert two.toggle_mark("a", "event", "e1") is True
    two.save_place("b", Place("compare", None, frozenset(), None))
    assert one.place("a") == Place("timeline", "t", frozenset({"x"}), ("event", "e1"))
    assert one.place("b") == Place("compare", None, frozenset(), None)
    assert one.marks("a") == [("event", "e1")]
    one.close()
    two.close()


def test_a_state_path_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    import pytest

    from kzbrief.tui.state import State, StateError

    (tmp_path / "state.sqlite3").mkdir()
    with pytest.raises(StateError, match="not a regular file"):
        State.open(tmp_path / "state.sqlite3")


async def test_n_and_N_walk_search_results_and_slash_offers_the_last_query() -> None:
    from textual.widgets import Input

    from kzbrief.tui.screens.search import SearchScreen
    from kzbrief.tui.widgets.flow import Flow
    from kzbrief.tui.widgets.nav_list import NavList

    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # nothing searched yet: says how
        assert any("No search yet" in n.message for n in app._notifications)
        await pilot.press("slash", *"kremlin")
        results = app.screen.query_one("#search-results", NavList)
        await until(pilot, lambda: len(results.keys) >= 2)
        keys = results.keys
        await pilot.press("enter")
        await settle(pilot)
        screen = main(app)
        assert screen.found is not None and screen.found.at == 0
        seen = [screen.found.item]
        for _ in keys[1:]:
            await pilot.press("n")
            await settle(pilot)
            seen.append(screen.found.item)
        assert [f"{k}:{v}" for k, v in seen] == keys
        await pilot.press("n")  # round the end to the first
        await settle(pilot)
        assert screen.found.at == 0
        await pilot.press("N")
        await settle(pilot)
        assert screen.found.at == len(keys) - 1
        # Where it lands, the match is highlighted in the detail.
        pane = screen.active_pane
        assert pane is not None
        flows = [f for f in pane.query(Flow) if "kremlin" in f.plain.lower()]
        assert flows and all(f._highlight is not None for f in flows)
        # The next / offers the last query, and up walks older ones.
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "kremlin"
        await pilot.press("escape")
        await pilot.press("slash")
        await pilot.press(*"alpha", "enter")  # typing replaces the offered query
        await settle(pilot)
        await pilot.press("slash")
        box = app.screen.query_one(Input)
        assert box.value == "alpha"
        await pilot.press("up")
        assert box.value == "kremlin"
        await pilot.press("down")
        assert box.value == "alpha"


def test_search_results_date_events_as_the_reader_does() -> None:
    from kzbrief import query
    from kzbrief.tui.screens.search import result_row

    hit = query.Hit("event", "e", "2022-03~ Talks", "text")
    assert result_row(hit, "talks", {}, 60).plain.splitlines()[0].split()[1:4] == [
        "c.",
        "Mar",
        "2022",
    ]


def _five_view():  # type: ignore[no-untyped-def]
    from kzbrief.load import load_set
    from kzbrief.tui.view import View

    bset = load_set(FIVE).whole()
    assert bset is not None
    return View.of(bset)


def test_prose_names_sources_by_their_labels_but_quotes_stay_as_written() -> None:
    view = _five_view()
    named = view.legend.named('gamma and alpha agree; "gamma" is quoted; alphabet and beta-x stay.')
    assert named.plain == 'Қазақ үні and Alpha agree; "gamma" is quoted; alphabet and beta-x stay.'
    # The label is drawn in its source's colour.
    assert any(view.legend.colour("alpha") in str(span.style) for span in named.spans)


def test_one_order_of_sources_everywhere_as_sources_yaml_writes_them() -> None:
    from kzbrief.tui.draw.overview import matrix_lines, sources_lines
    from kzbrief.tui.draw.timeline import reporters

    view = _five_view()
    labels = [view.legend.label(s) for s in view.legend.ids]
    assert view.legend.ids == ["alpha", "beta", "gamma", "delta", "epsilon"]
    glance = "\n".join(line.plain for line in sources_lines(view, 120))
    assert [glance.index(label) for label in labels] == sorted(glance.index(x) for x in labels)
    header = next(line.plain for line in matrix_lines(view, 200) if "Alpha" in line.plain)
    assert [header.index(label[:6]) for label in labels] == sorted(
        header.index(label[:6]) for label in labels
    )
    event = view.bset.events[0]
    chips = reporters(event, view).plain.replace(" ", "")
    assert len(chips) == len(labels)


def test_year_only_events_read_after_the_dated_ones_of_their_year() -> None:
    from kzbrief import query
    from kzbrief.dates import order_key

    assert order_key("2022-01") < order_key("2022-12-31") < order_key("2022") < order_key("2023-01")
    assert order_key("2022-03-31") < order_key("2022-03~") < order_key("2022-04-01")
    view = _five_view()
    dates = [e.date for e in query.events(view.bset)]
    assert dates == ["1991", "2022-01", "2022~"]


async def test_the_timeline_groups_year_only_events_as_month_unknown() -> None:
    from kzbrief.tui.widgets.nav_list import NavList

    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        rows = main(app).query_one("#timeline-list", NavList)
        texts = [rows.text_at(i) for i in range(rows.option_count)]
        at = next(i for i, t in enumerate(texts) if "month unknown" in t)
        assert "2022, month unknown" in texts[at]
        assert "Troops arrive" in "".join(texts[:at]) and "Trade in 2022" in texts[at + 1]


async def test_hidden_sources_show_in_the_header_and_counts_and_O_shows_one_alone() -> None:
    from kzbrief.tui.widgets.brief_header import BriefHeader

    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = main(app).query_one(BriefHeader)
        assert "/5 sources" not in header.render().plain
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("j")  # a source (the list starts at the first)
        await settle(pilot)
        item = main(app).active_pane.place()  # type: ignore[union-attr]
        assert item is not None and item[0] == "source"
        await pilot.press("O")
        await settle(pilot)
        view = main(app).view
        assert view is not None and view.shown == [item[1]]
        assert "1/5 sources" in header.render().plain
        whole = view.bset.topic_counts()[None]
        assert view.topic_counts()[None].total < whole.total
        await pilot.press("O")  # and back
        await settle(pilot)
        assert main(app).view.hidden == frozenset()  # type: ignore[union-attr]
        assert "/5 sources" not in header.render().plain


async def test_the_source_chooser_cancels_on_escape_and_says_what_is_ticked() -> None:
    from textual.widgets import SelectionList

    from kzbrief.tui.screens.source_picker import SourcePicker

    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcePicker)
        choices = app.screen.query_one(SelectionList)
        assert str(choices.get_option_at_index(0).prompt).startswith("shown")
        await pilot.press("space")
        await pilot.pause()
        assert "hidden" in str(choices.get_option_at_index(0).prompt).split()[0]
        await pilot.press("escape")
        await settle(pilot)
        assert main(app).view.hidden == frozenset()  # type: ignore[union-attr]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("o", "enter")  # only the highlighted one, applied
        await settle(pilot)
        assert main(app).view.shown == ["alpha"]  # type: ignore[union-attr]


async def test_choosing_a_topic_on_the_overview_shows_its_section_on_the_first_screen() -> None:
    from kzbrief.tui.widgets.lines import Lines

    app = KzbriefApp(FIVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space", "space")  # read on down the page
        await pilot.press("h", "j")  # then choose the first topic
        await settle(pilot)
        screen = main(app)
        topic = screen.view.topic_title  # type: ignore[union-attr]
        body = screen.query_one("#overview-body", Lines)  # drawn line by line, and scrolls
        at = next(i for i, line in enumerate(body.plain.splitlines()) if f"Topic: {topic}" in line)
        assert body.scroll_y <= at < body.scroll_y + body.size.height


def test_the_matrix_never_splits_a_word_and_repeats_its_header() -> None:
    from kzbrief.tui.draw.overview import HEADER_EVERY, matrix_lines

    view = _five_view()
    b = view.bset
    texts = [st.stance for f in b.framing for st in f.stances] + [t.title for t in b.topics]
    texts += [s.label for s in b.sources] + ["mentions it"]
    for width in (60, 90, 120, 180):
        lines = [line.plain for line in matrix_lines(view, width)]
        key = len(lines) - next(i for i, x in enumerate(reversed(lines)) if not x.strip())
        vocabulary = set(" ".join(texts + lines[key:]).split())
        body = lines[3:key]
        for token in " ".join(body).split():
            # Whole words only: a shortened cell ends in an ellipsis, never mid-word.
            assert token in vocabulary or token.endswith("…") or token in "●○·▸Topic", (
                width,
                token,
            )
        header = lines[2]
        if len(body) > HEADER_EVERY + 4:
            assert body.count(header) >= 1, width


async def test_t_hides_the_topics_and_z_maximises_the_focused_pane() -> None:
    from kzbrief.tui.widgets.topic_nav import TopicNav

    app = KzbriefApp(FIVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        screen = main(app)
        events = screen.query_one("#timeline-list")
        before = events.size.width
        await pilot.press("t")
        await settle(pilot)
        assert not screen.query_one(TopicNav).display or screen.query_one(TopicNav).size.width == 0
        assert events.size.width > before
        await pilot.press("t")
        await settle(pilot)
        assert screen.query_one(TopicNav).size.width > 0
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is events
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None


async def test_a_jump_to_the_item_already_shown_scrolls_its_detail_to_the_top() -> None:
    app = KzbriefApp(FIVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = main(app)
        point = screen.active_pane.place()  # type: ignore[union-attr]
        assert point is not None
        await pilot.press("enter", "space")
        await pilot.pause()
        detail = screen.query_one("#compare-detail-scroll", Scroller)
        assert detail.scroll_y > 0
        screen.jump(*point)
        await settle(pilot)
        assert detail.scroll_y == 0


async def test_every_reader_key_is_in_the_palette() -> None:
    from textual.command import CommandList

    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"hide or show the topics")

        def top() -> str:
            commands = app.screen.query_one(CommandList)
            return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""

        await until(pilot, lambda: "Hide or show the topics" in top())
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).has_class("-no-topics")


async def test_the_config_names_an_unknown_theme_key_id_and_a_key_that_is_not_text() -> None:
    import json
    import os

    folder = Path(os.environ["KZBRIEF_CONFIG_DIR"])
    folder.mkdir(parents=True)
    config = {"theme": "no-such-theme", "keymap": {"nonsense-id": "z", "copy": 5, "mark": "M"}}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = " | ".join(n.message for n in app._notifications)
        assert "no theme 'no-such-theme'" in said
        assert "no key id 'nonsense-id'" in said and "'mark'" not in said
        assert "keymap 'copy' ignored" in said


async def test_copy_goes_through_a_clipboard_tool_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pasted = tmp_path / "pasted"
    tool = bin_dir / "xclip"
    tool.write_text(f"#!/bin/sh\ncat > {pasted}\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ.get('PATH', '')}")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "c")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: any("(xclip)" in n.message for n in app._notifications))
        assert pasted.read_text(encoding="utf-8") == app.clipboard


async def test_without_a_clipboard_tool_copy_does_not_claim_it_arrived(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "c")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: any("OSC 52" in n.message for n in app._notifications))
        assert not any(n.message.startswith("Copied") for n in app._notifications)


async def test_the_screenshot_is_saved_in_the_current_folder_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.save_picture()
        await pilot.pause()
        [svg] = list(tmp_path.glob("kzbrief-*.svg"))
        said = [n.message for n in app._notifications]
        assert any(str(svg) in m for m in said), said


async def test_the_footer_shows_the_focused_panes_keys() -> None:
    from kzbrief.tui.widgets.key_bar import KeyBar

    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        bar = main(app).query_one(KeyBar)
        assert "enter Open" in str(bar.render())
        await pilot.press("enter")
        await settle(pilot)
        assert "esc Back" in str(bar.render())


async def test_source_colours_darken_on_a_light_theme() -> None:
    app = KzbriefApp(FIVE)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dark = main(app).view.legend.ink("x", "alpha")  # type: ignore[union-attr]
        app.theme = "textual-light"
        await settle(pilot)
        legend = main(app).view.legend  # type: ignore[union-attr]
        assert legend.dark is False
        assert str(legend.ink("x", "alpha").spans) != str(dark.spans)
        assert legend.colour("alpha") in str(legend.badge("alpha").spans)  # badges keep theirs


def test_a_config_that_is_not_json_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    from kzbrief.tui.config import load_config

    path = tmp_path / "config.json"
    path.write_text('{\n  "theme": "nord",\n  "keymap": {"copy": "y",}\n}\n', encoding="utf-8")
    assert load_config(path).problem.startswith(f"{path}:3:")
