"""A key goes before background work: while one is on its way to its binding, the slices
that draw long texts and fill long lists hold off, and go on after it. A tab whose pane
draws from a few parts of a cached set decodes only those before it draws."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from tui_helpers import settle, until

from kzbrief.load import load_set, unchanged
from kzbrief.load.cached_set import CachedSet
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens import main as main_screen
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.widgets import keys_first
from kzbrief.tui.widgets.lines import Lines
from kzbrief.tui.widgets.nav_list import NavList
from kzbrief.tui.widgets.overview import OverviewPane

PARTS = 50
MINI_DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "mini-docs"


def parts(width: int) -> Iterator[list[Content]]:
    yield [Content("first part")]
    for n in range(1, PARTS):
        yield [Content(f"part {n}")]


class Shows(App[None]):
    def compose(self) -> ComposeResult:
        yield Lines(id="lines")


async def test_a_key_on_its_way_holds_the_slices_off_and_they_go_on_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keys_first, "HOLD", 0.5)
    app = Shows()
    async with app.run_test(size=(60, 10)) as pilot:
        lines = app.query_one(Lines)
        keys_first.key_arrived(app)
        lines.show(parts)
        await pilot.pause(0.1)
        assert lines.drawn == "first part"  # the first part at once, the rest held off
        await until(pilot, lambda: lines.drawn.endswith(f"part {PARTS - 1}"), timeout=10)
        assert lines.drawn.count("\n") == PARTS - 1


async def test_the_reader_holds_its_slices_off_for_a_key() -> None:
    app = KzbriefApp(Path("tests/fixtures/mini"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert keys_first.hold_for(app) == 0.0
        await pilot.press("2")
        # Pressed just now: within the hold (unless this machine took it all to get here).
        assert 0.0 <= keys_first.hold_for(app) <= keys_first.HOLD


@pytest.mark.parametrize(
    ("key", "pane", "left_encoded"),
    [
        ("3", "framing", {"events", "contested", "figures", "measures", "glossary"}),
        ("7", "documents", {"measures", "glossary"}),  # the others: the placing thread's
    ],
)
async def test_a_tab_decodes_only_the_parts_it_draws_from(
    mini_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    pane: str,
    left_encoded: set[str],
) -> None:
    monkeypatch.setattr(unchanged, "SETTLE_NS", -(10**12))  # status records are trusted
    monkeypatch.setattr(main_screen, "SETTLE_DELAY", 1e6)  # the rest is never decoded
    monkeypatch.setattr(OverviewPane, "draw", lambda self, view: None)  # it reads every part
    assert load_set(mini_copy).ok  # the cache holds it
    # The documents only for their tab: the thread placing their quotes reads other parts.
    documents = mini_copy if pane == "documents" else None
    app = KzbriefApp(mini_copy, use_cache=True, documents=documents)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None
        bset = screen.view.bset
        assert isinstance(bset, CachedSet)
        await pilot.press(key)
        await settle(pilot)
        await app.workers.wait_for_complete()
        items = screen.query_one(f"#{pane}-list", NavList)
        await until(pilot, lambda: bool(items.keys))
        assert left_encoded.isdisjoint(bset.__dict__)


async def test_the_documents_are_listed_at_once_and_their_quotes_placed_once_settled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The placing thread reads the documents at once, then waits for the set to settle
    (so a first key's tab is not drawn on half the UI thread's turns); then it places
    every quote, as before."""
    monkeypatch.setattr(main_screen, "SETTLE_DELAY", 1e6)
    monkeypatch.setattr(main_screen, "PLACING_WAIT", 1e6)
    monkeypatch.setattr(main_screen, "PLACING_WAITS_FROM", 1)  # as a large set's
    app = KzbriefApp(Path("tests/fixtures/mini"), documents=MINI_DOCS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        try:
            await until(pilot, lambda: screen.placing is not None, timeout=10)
            await pilot.press("7")
            items = screen.query_one("#documents-list", NavList)
            await until(pilot, lambda: bool(items.keys), timeout=10)  # listed
            assert screen.placing is not None and screen.placing.pending
            assert not screen.placing.passages  # no quote placed yet
            assert screen.view is not None and screen.view.located is None
        finally:
            screen._settled.set()  # as `_decode_rest` does once the set has settled
        await until(pilot, lambda: screen.view is not None and screen.view.located is not None)
        located = screen.view.located if screen.view is not None else None
        assert located is not None and located.passages and not located.pending
