"""What the reader does before its first frame: only what that frame shows.

The question is the first thing a reader reads, so nothing that only a later tab, a
key or a set's documents need is imported before the frame that shows it, the cycle
collector (off from the start, as `kzbrief.__main__` leaves it) walks none of
start-up's objects until then, and a first launch makes its state file only later. Run in a fresh interpreter, so its imports are its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tui_helpers import MINI

ROOT = Path(__file__).resolve().parents[2]

LATER = [
    "kzbrief.places",  # placing quotes: only with documents, in its own thread
    "kzbrief.documents",
    "kzbrief.diff",  # only with --since
    "kzbrief.tui.screens.help",  # ? and a keymap to check
    "kzbrief.tui.widgets.timeline",  # other tabs: imported when first shown
    "kzbrief.tui.widgets.framing",
    "kzbrief.tui.widgets.document_text",
    "kzbrief.tui.citation",  # c (copy)
    "kzbrief.load.apart",  # a load: the cache held the set
    "json",  # the config file, when there is one
]

_FIRST_FRAME = """
import gc, os, sys
gc.disable()  # as kzbrief.__main__ leaves it for the reader
from pathlib import Path
from kzbrief.load import load_set
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.main import MainScreen

root = Path(sys.argv[1])
load_set(root, use_cache=True)  # a warm cache: the set is in the first frame
app = KzbriefApp(root, use_cache=True)
seen = {}
display = app._display

def frame(screen, renderable):
    display(screen, renderable)
    main = app.screen
    if "modules" in seen or not isinstance(main, MainScreen) or main.view is None:
        return
    pane = main.query_one("#overview")
    if main.view.bset.briefing.question[:30] in pane.first_screen_text():
        seen["modules"] = sorted(sys.modules)
        seen["collecting"] = gc.isenabled()
        state = os.path.join(os.environ["KZBRIEF_STATE_DIR"], "state.sqlite3")
        seen["state file"] = os.path.lexists(state)

app._display = frame

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if "modules" in seen and gc.isenabled():
                break
        seen["collecting after"] = gc.isenabled()

import asyncio
asyncio.run(main())
import json  # only now: whether the reader imported it is part of what is checked
print(json.dumps(seen))
"""


def _first_frame(tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "KZBRIEF_CACHE_DIR": str(tmp_path / "cache")}
    env["KZBRIEF_STATE_DIR"] = str(tmp_path / "state")
    env["KZBRIEF_CONFIG_DIR"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME, str(MINI)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_first_frame_imports_only_what_it_shows_and_collects_after_it(
    tmp_path: Path,
) -> None:
    seen = _first_frame(tmp_path)
    assert "modules" in seen, "the question never reached a frame"
    modules = set(seen["modules"])  # type: ignore[call-overload]
    assert "kzbrief.tui.widgets.overview" in modules  # the frame's own pane
    assert [m for m in LATER if m in modules] == []
    assert seen["collecting"] is False  # start-up's objects were never walked
    assert seen["collecting after"] is True  # the reader runs for hours: it collects
    # A first launch has no place to restore: its state file is made when first needed
    # (tests/tui/test_tui_newcomer.py quits, relaunches and finds its place).
    assert seen["state file"] is False


def test_the_overview_wraps_only_a_screenful_of_its_bottom_line_before_the_first_frame() -> None:
    from kzbrief.load import load_set
    from kzbrief.tui.draw.overview import header_lines, header_parts
    from kzbrief.tui.view import View

    loaded = load_set(ROOT / "briefings" / "kazakhstan-russia", use_cache=False)
    assert loaded.briefing is not None
    view = View.of(loaded.briefing)
    whole = header_lines(view, 80)
    for screen in (0, 12, 40, 10_000):
        parts = list(header_parts(view, 80, screen=screen))
        assert [line for part in parts for line in part] == whole  # the same page, in parts
        assert len(parts[0]) >= min(screen, len(whole))  # the first frame's lines are there
    first = next(header_parts(view, 80, screen=12))
    assert first[0].plain.startswith(view.bset.briefing.question[:20])
    assert len(first) < len(whole)  # the rest of the bottom line waits for later slices


def test_the_command_line_hands_over_to_the_reader_without_the_documents_reader() -> None:
    """What `kzbrief` does before the reader starts (its arguments, the set, where the
    documents are) imports nothing that reads documents or draws the reader."""
    readers = ["kzbrief.documents", "kzbrief.places", "kzbrief.quotes"]
    code = (
        "import sys, kzbrief.cli as cli;"
        "args = cli.build_parser().parse_args(['--sources', '.']);"
        "cli.resolve_briefing(args.briefing);"
        "print(cli._documents_folder(args, required=False));"
        f"print(sorted(m for m in sys.modules if m in {readers!r} or m.startswith('textual')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    folder, imported = done.stdout.strip().splitlines()
    assert folder == "."  # the folder is still found
    assert imported == "[]"
