"""What a newcomer needs from the reader: framing side by side, keeping one's place,
search like less, one name per source, visible filters, room to read, conventions."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import MINI, settle

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
