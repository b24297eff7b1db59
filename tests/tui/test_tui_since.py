"""--since: changed items carry a Δ badge, and `w` lists the changes and jumps to one."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import MINI, edit, settle

from kzbrief.load import load_set
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.changes import ChangesScreen
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.widgets.lines import Lines
from kzbrief.tui.widgets.nav_list import NavList

SIZE = (120, 40)


def _row_text(app: KzbriefApp, selector: str, key: str) -> str:
    items = app.screen.query_one(selector, NavList)
    return items.text_at(items._index[key])


async def test_a_moved_position_is_badged_and_the_changes_list_jumps_to_it(
    mini_copy: Path,
) -> None:
    edit(mini_copy / "contested.yaml", "stance: right", "stance: leans-right")
    old = load_set(MINI, use_cache=False).whole()
    assert old is not None
    app = KzbriefApp(mini_copy, since=("mini", old))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert _row_text(app, "#compare-list", "neutrality").startswith("Δ ")
        assert _row_text(app, "#compare-list", "trade-size").startswith("  ")
        await pilot.press("2", "w")  # from another tab, so the jump has somewhere to go
        await settle(pilot)
        assert isinstance(app.screen, ChangesScreen)
        assert "position-moved" in _row_text(app, "#changes-list", "0")
        assert "right → leans-right" in _row_text(app, "#changes-list", "0")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.active_name == "compare"
        assert screen.query_one("#compare-list", NavList).current == "neutrality"
        # Items that did not change carry no badge on the other tabs.
        await pilot.press("2")
        await settle(pilot)
        assert not _row_text(app, "#timeline-list", "independence").startswith("Δ")


async def test_without_since_w_says_how_to_get_changes() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("--since" in str(n.message) for n in app._notifications)


async def test_a_changed_source_and_bottom_line_claim_are_badged(mini_copy: Path) -> None:
    edit(mini_copy / "sources.yaml", "title: Beta Dispatch", "title: Beta Dispatch, revised")
    edit(mini_copy / "briefing.yaml", "Beta sees alignment.", "Beta sees alignment with Moscow.")
    old = load_set(MINI, use_cache=False).whole()
    assert old is not None
    app = KzbriefApp(mini_copy, since=("mini", old))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        overview = app.screen.query_one("#overview-body", Lines).plain
        assert "Δ Alpha sees balancing; Beta sees alignment with Moscow." in overview
        await pilot.press("6")
        await settle(pilot)
        assert _row_text(app, "#sources-list", "source:beta").startswith("Δ ")
        assert _row_text(app, "#sources-list", "source:alpha").startswith("  ")
