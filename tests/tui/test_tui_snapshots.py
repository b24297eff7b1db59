"""What the reader looks like: every tab at 120×40 and 80×24, the help, and too small a terminal.

Accept changes with `pytest tests/tui --snapshot-update` after looking at the report.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import MINI, settle

from kzbrief.tui.app import KzbriefApp

FIVE = Path(__file__).resolve().parent / "fixtures" / "five"
SIZES = {"wide": (120, 40), "narrow": (80, 24)}
TABS = ["overview", "timeline", "framing", "compare", "figures", "sources"]


def keys(*pressed: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("tab", TABS)
def test_tab(snap_compare: Callable[..., bool], tab: str, size: str) -> None:
    """The five-source fixture: five columns side by side on Compare at 120 columns."""
    app = KzbriefApp(FIVE)
    run = (
        keys(str(TABS.index(tab) + 1), "j") if tab == "timeline" else keys(str(TABS.index(tab) + 1))
    )
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run)


def test_topic_chosen(snap_compare: Callable[..., bool]) -> None:
    """Foreign policy chosen: the framing cards show each source's stance on it."""
    assert snap_compare(KzbriefApp(MINI), terminal_size=(120, 40), run_before=keys("h", "j", "3"))


def test_help(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(KzbriefApp(MINI), terminal_size=(120, 40), run_before=keys("question_mark"))


def test_too_small(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(KzbriefApp(MINI), terminal_size=(40, 12), run_before=keys())


MINI_DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "mini-docs"


@pytest.mark.parametrize("size", SIZES)
def test_documents_from_a_quote(snap_compare: Callable[..., bool], size: str) -> None:
    """d on the neutrality comparison: Alpha's quote current in its document, its citing items."""
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("4", "d"))


@pytest.mark.parametrize("size", SIZES)
def test_documents_tab(snap_compare: Callable[..., bool], size: str) -> None:
    """Tab 7 on Beta's document, at its second passage: the list of documents on top."""
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    run = keys("7", "j", "l", "n", "n")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run)


def test_documents_tab_without_documents(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(KzbriefApp(MINI), terminal_size=(120, 40), run_before=keys("7"))


@pytest.mark.parametrize("size", SIZES)
def test_framing_card(snap_compare: Callable[..., bool], size: str) -> None:
    """Framing, enter: the first source's full card, focused to scroll by keyboard."""
    app = KzbriefApp(FIVE)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("3", "enter"))


def test_framing_side_by_side_on_a_topic(snap_compare: Callable[..., bool]) -> None:
    """A topic chosen, two sources hidden: the header says 3/5, the stance row appears."""

    async def run(pilot: Pilot[object]) -> None:
        from kzbrief.tui.screens.main import MainScreen

        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None
        screen.view = screen.view.with_hidden(frozenset({"beta", "delta"}))
        await keys("h", "j", "3")(pilot)

    assert snap_compare(KzbriefApp(FIVE), terminal_size=(200, 50), run_before=run)


def test_source_chooser(snap_compare: Callable[..., bool]) -> None:
    """Each row says shown or hidden in words; the first unticked."""
    assert snap_compare(KzbriefApp(FIVE), terminal_size=(120, 40), run_before=keys("s", "space"))


def test_marks(snap_compare: Callable[..., bool]) -> None:
    """Two items marked, then the list of marks."""
    run = keys("4", "m", "2", "j", "m", "apostrophe")
    assert snap_compare(KzbriefApp(FIVE), terminal_size=(120, 40), run_before=run)
