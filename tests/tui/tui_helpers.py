"""Shared pieces of the reader's tests (a module, not conftest, so tests can import it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.pilot import Pilot

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
P = TypeVar("P")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


async def settle(pilot: Pilot[object]) -> None:
    """Wait for the load worker, lazily mounted panes and the redraws they cause."""
    from kzbrief.tui.screens.main import MainScreen
    from kzbrief.tui.widgets.nav_list import NavList

    await pilot.app.workers.wait_for_complete()
    for _ in range(100):
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, MainScreen):
            break
        pane = screen.active_pane
        if screen.view is None or pane is None or pane.view is not screen.view:
            await pilot.pause(0.01)
            continue
        lists = list(pane.query(NavList))
        if all(n.size.width and n.option_count == len(n._rows) for n in lists):
            break
        # Layout runs on the screen's refresh timer, not on the message queue.
        await pilot.pause(0.01)
    await pilot.pause()


async def until(pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 3.0) -> None:
    """Pause until `condition()` holds (for debounced search and the palette's workers)."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "timed out"


def active_pane(app: object, kind: type[P]) -> P:
    """The main screen's shown pane, which must be a `kind`."""
    from kzbrief.tui.screens.main import MainScreen

    screen = getattr(app, "screen", None)
    assert isinstance(screen, MainScreen)
    pane = screen.active_pane
    assert isinstance(pane, kind)
    return pane
