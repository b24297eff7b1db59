"""The reader at scale, in-process (Textual Pilot, headless, 120×40): how soon each tab
shows its first screen after its key, and key-to-repaint in every list.

    python benchmarks/tabs.py --briefing benchmarks/out/x100 [--presses 30]

Every frame the screen composes is also rendered to the bytes a terminal would get
(the headless driver skips that step) and timestamped, with what was on it then.

* question: from the app's start to the first frame with the Overview's question.
* tab: for each tab, in a fresh app, from its key (pressed in the frame after the
  question appeared, so the first key counts) to the first frame that holds the
  pane's first screen of content (its list's first rows, or the Overview's text).
* list: in each list (topics, Timeline, Compare, Figures, Framing, Sources, the
  glossary, Documents), `j` pressed N times after the app has gone idle; repaint
  is the time to the first frame with the highlight on the next row.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import fresh_reader_state  # noqa: E402

TAB_KEYS = {
    "overview": "1",
    "timeline": "2",
    "framing": "3",
    "compare": "4",
    "figures": "5",
    "sources": "6",
    "documents": "7",
}
# list name: (tab, the list's id)
LISTS = {
    "topics": ("overview", "topics"),
    "timeline": ("timeline", "timeline-list"),
    "compare": ("compare", "compare-list"),
    "figures": ("figures", "figures-list"),
    "framing": ("framing", "framing-list"),
    "sources": ("sources", "sources-list"),
    "glossary": ("sources", "sources-list"),
    "documents": ("documents", "documents-list"),
}
TIMEOUT = 120.0


class Recorder:
    """Timestamps every frame, with what `probe` said about the app when it was drawn."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[tuple[float, Any]] = []
        self.probe: Callable[[], Any] = lambda: None
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                if hasattr(renderable, "render_segments"):
                    renderable.render_segments(app.console)
                self.frames.append((time.perf_counter(), self.probe()))

        app._display = timed_display

    async def until(self, pilot: Any, since: int, test: Callable[[Any], bool]) -> float:
        """The time of the first frame from `since` on whose probe passes `test`."""
        start = time.perf_counter()
        while True:
            hit = next((t for t, seen in self.frames[since:] if test(seen)), None)
            if hit is not None:
                return hit
            if time.perf_counter() - start > TIMEOUT:
                raise TimeoutError("no such frame")
            await pilot.pause(0.002)


def _question_shown(app: Any) -> bool:
    from kzbrief.tui.screens.main import MainScreen

    screen = app.screen
    if not isinstance(screen, MainScreen) or screen.view is None:
        return False
    question = screen.view.bset.briefing.question
    return _pane_has_text(screen, "overview", question[:30])


def _pane_has_text(screen: Any, tab: str, text: str) -> bool:
    pane = next((p for p in screen.query("#" + tab)), None)
    if pane is None or not pane.is_mounted or pane.view is None:
        return False
    return text in pane.first_screen_text()


def _pane_drawn(screen: Any, tab: str) -> bool:
    pane = next((p for p in screen.query("#" + tab)), None)
    if pane is None or not pane.is_mounted or pane.view is None or not pane.display:
        return False
    return bool(pane.first_screen_text().strip())


SOURCES: Path | None = None
"""The documents' folder: without it the Documents tab is left out."""


async def start(root: Path) -> tuple[Any, Any, Any]:
    from kzbrief.tui.app import KzbriefApp

    fresh_reader_state()
    app = KzbriefApp(root, use_cache=True, documents=SOURCES)
    return app, Recorder(app), app.run_test(size=(120, 40))


async def question_and_tab(root: Path, tab: str | None) -> tuple[float, float | None]:
    app, rec, ctx = await start(root)
    t0 = time.perf_counter()
    rec.probe = lambda: _question_shown(app)  # from the first frame
    async with ctx as pilot:
        shown = await rec.until(pilot, 0, bool)
        question = shown - t0
        opened = None
        if tab is not None:
            rec.probe = lambda: _pane_drawn(app.screen, tab)
            seen = len(rec.frames)
            t1 = time.perf_counter()
            await pilot.press(TAB_KEYS[tab])
            opened = await rec.until(pilot, seen, bool) - t1
        await pilot.press("ctrl+q")
    return question, opened


async def list_latency(root: Path, name: str, presses: int) -> list[float]:
    from kzbrief.tui.widgets.nav_list import NavList

    tab, list_id = LISTS[name]
    app, rec, ctx = await start(root)
    async with ctx as pilot:
        while (main := app._main()) is None or main.view is None:
            await pilot.pause(0.01)
        await pilot.press(TAB_KEYS[tab])
        items = app.screen.query_one("#" + list_id, NavList)
        start_ = time.perf_counter()
        while items.option_count == 0:
            await pilot.pause(0.01)
            if time.perf_counter() - start_ > TIMEOUT:
                raise TimeoutError(f"{name}: no rows")
        if name == "glossary":
            while not any(k.startswith("glossary:") for k in items.keys):  # after the sources
                await pilot.pause(0.01)
            first = next(i for i, k in enumerate(items.keys) if k.startswith("glossary:"))
            items.select_key(items.keys[first])
            while not items.complete:
                await pilot.pause(0.01)
            items.highlighted = items._index[items.keys[first]]
        app.screen.set_focus(items)
        await pilot.pause(0.2)
        rec.probe = lambda: items.highlighted
        times = []
        for _ in range(presses):
            before = items.highlighted
            seen = len(rec.frames)
            t0 = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            now = items.highlighted
            if now == before:
                break
            times.append(await rec.until(pilot, seen, lambda row, now=now: row == now) - t0)
        await pilot.press("ctrl+q")
    return times


async def measure(
    root: Path, presses: int, rounds: int, lists: bool, only: set[str] | None = None
) -> dict[str, Any]:
    questions: list[float] = []
    tabs: dict[str, list[float]] = {t: [] for t in TAB_KEYS if only is None or t in only}
    if SOURCES is None:
        tabs.pop("documents", None)
    for _ in range(rounds):
        for tab in tabs:
            q, opened = await question_and_tab(root, tab)
            questions.append(q)
            assert opened is not None
            tabs[tab].append(opened)
    result: dict[str, Any] = {
        "question_ms": statistics.median(questions) * 1000 if questions else None,
        "tab_ms": {t: statistics.median(v) * 1000 for t, v in tabs.items()},
    }
    if lists:
        result["list_ms"] = {}
        for name in LISTS:
            if only is not None and name not in only:
                continue
            if name == "documents" and SOURCES is None:
                continue
            times = await list_latency(root, name, presses)
            result["list_ms"][name] = statistics.median(times) * 1000 if times else None
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefing", type=Path, required=True, metavar="DIR")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-lists", action="store_true")
    parser.add_argument("--sources", type=Path, metavar="DIR", help="the documents' folder")
    parser.add_argument("--uncapped", action="store_true", help="lift kzbrief's size caps")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated tabs and lists to measure (e.g. framing,topics); all by default",
    )
    args = parser.parse_args()
    if args.uncapped:
        from uncapped import lift_caps

        lift_caps()
    global SOURCES
    SOURCES = args.sources
    only = set(args.only.split(",")) if args.only else None
    result = asyncio.run(measure(args.briefing, args.presses, args.rounds, not args.no_lists, only))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
