"""The Framing tab on a large set: the first row of columns is drawn first, the rest
later, and every source can still be reached by keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tui_helpers import active_pane, settle, until

from kzbrief.load import load_set
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.draw.framing import side_by_side
from kzbrief.tui.view import View
from kzbrief.tui.widgets.framing import FramingPane
from kzbrief.tui.widgets.parts_flow import PartsFlow
from kzbrief.tui.widgets.scroller import Scroller

ROOT = Path(__file__).resolve().parents[2]
FIVE = Path(__file__).resolve().parent / "fixtures" / "five"
SCALE = 12
"""Five sources twelve times over: sixty, a dozen rows of columns at 120 wide."""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("framing") / "x12"
    synth = [sys.executable, str(ROOT / "benchmarks" / "synth.py"), "--scale", str(SCALE)]
    done = subprocess.run(
        [*synth, "--out", str(out), "--from", str(FIVE)], capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def test_the_columns_come_a_row_of_sources_at_a_time(large: Path) -> None:
    bset = load_set(large, use_cache=False).whole()
    assert bset is not None
    view = View.of(bset)
    labels = [view.legend.label(c.source) for c in bset.framing]
    parts = side_by_side(list(bset.framing), view, 100)
    first = "\n".join(line.plain for line in next(parts))
    # The first part holds the first row of columns only: five at 100 cells.
    assert all(label in first for label in labels[:5])
    assert not any(label in first for label in labels[5:] if label not in labels[:5])
    rest = [part for part in parts]
    assert len(rest) == len(labels) // 5 - 1
    last = "\n".join(line.plain for line in rest[-1])
    assert labels[-1] in last


def visible(scroller: Scroller, flow: PartsFlow) -> str:
    """The lines of the columns in view."""
    top, height = int(scroller.scroll_y), scroller.scrollable_content_region.height
    return "\n".join(flow.drawn[top : top + height])


async def test_a_large_set_shows_its_first_columns_and_keys_reach_the_last_source(
    large: Path,
) -> None:
    app = KzbriefApp(large, use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pane = active_pane(app, FramingPane)
        view = pane.view
        assert view is not None
        labels = [view.legend.label(s) for s in view.shown]
        flow = pane.query_one("#framing-detail", PartsFlow)
        scroller = pane.query_one("#framing-detail-scroll", Scroller)
        await until(pilot, lambda: bool(flow.drawn))
        assert all(label in visible(scroller, flow) for label in labels[:3])
        # In the columns, G goes to the end of all of them, drawn or not yet.
        app.screen.set_focus(scroller)
        await pilot.press("G")
        await until(pilot, lambda: labels[-1] in visible(scroller, flow))
        assert scroller.scroll_y == scroller.max_scroll_y > 0
        # In the list, G and enter open the last source's card.
        app.screen.set_focus(pane.cards_list)
        await pilot.press("G")
        await settle(pilot)
        assert pane.cards_list.current == view.shown[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert pane.detail_text.splitlines()[0].strip().startswith(labels[-1].strip())
        await pilot.press("v")  # all side by side again, from the top
        await settle(pilot)
        # Every source's column (a label in wide characters may be cut to fit one).
        assert all(label in pane.detail_text for label in labels if label.isascii())
