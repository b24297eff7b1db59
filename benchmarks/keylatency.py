"""Key-to-repaint latency while moving through the reader's timeline (Textual Pilot).

    python benchmarks/keylatency.py --briefing benchmarks/out/x100 [--presses 100]

Runs the reader in-process, headless, at 120×40 (`App.run_test`) with the parse
cache as a user has it, opens the Timeline tab (2) and presses `j` N times,
each after the app has gone idle. Every frame the screen composes is also
rendered to the bytes a terminal would get (`CompositorUpdate.render_segments`,
which the headless driver otherwise skips) and timestamped. For each press,
timed from just before the key is sent:

* repaint: the first frame composed after the highlight has moved, i.e. the
  frame that shows the cursor on the next event (the figure with the target);
* settled: the last frame the press caused, once the event's detail pane,
  its layout and its scroll bars have been drawn too (Textual draws these in
  follow-up frames, each on a later tick of its 60 Hz update timer).

Both include Textual's real scheduling (message queues, the update timer);
`pilot.press` and `pilot.pause` only wait for the app to go idle between presses.
Prints one JSON line: medians, p90 and max of both, the time to load the set
and to open the tab, and the process's peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import fresh_reader_state  # noqa: E402


async def measure(root: Path, presses: int, key: str) -> dict[str, Any]:
    from textual.widgets import OptionList

    from kzbrief.tui.app import KzbriefApp

    fresh_reader_state()
    app = KzbriefApp(root, use_cache=True)
    frames: list[tuple[float, int | None]] = []  # (when rendered, highlighted row then)
    events: OptionList | None = None
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            if hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            frames.append((time.perf_counter(), events.highlighted if events else None))

    app._display = timed_display  # type: ignore[method-assign]

    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        while (main := app._main()) is None or main.view is None:
            await pilot.pause(0.005)
            if time.perf_counter() - start > 120:
                raise TimeoutError("the set did not load in 120 s")
        loaded = time.perf_counter() - start

        start = time.perf_counter()
        await pilot.press("2")
        events = app.screen.query_one("#timeline-list", OptionList)
        while events.option_count == 0 or app.focused is not events:
            await pilot.pause(0.005)
            if time.perf_counter() - start > 120:
                raise TimeoutError("the timeline did not open in 120 s")
        await pilot.pause()
        opened = time.perf_counter() - start
        rows = events.option_count

        repaint: list[float] = []
        settled: list[float] = []
        moved = 0
        for _ in range(presses):
            before = events.highlighted
            seen = len(frames)
            t0 = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            t1 = time.perf_counter()
            now = events.highlighted
            moved += now != before
            caused = [(t, row) for t, row in frames[seen:] if t <= t1]
            shown = [t for t, row in caused if row == now]
            repaint.append((shown[0] if shown else t1) - t0)
            settled.append((caused[-1][0] if caused else t1) - t0)
        await pilot.press("q")

    def stats(name: str, values: list[float]) -> dict[str, float]:
        ms = sorted(x * 1000 for x in values)
        return {
            f"{name}_median_ms": statistics.median(ms),
            f"{name}_p90_ms": ms[max(0, int(len(ms) * 0.9) - 1)],
            f"{name}_max_ms": ms[-1],
        }

    return {
        "briefing": str(root),
        "presses": presses,
        "moved": moved,
        "rows": rows,
        **stats("repaint", repaint),
        **stats("settled", settled),
        "load_s": loaded,
        "open_timeline_s": opened,
        "rss_mb": _vm_hwm(),
    }


def _vm_hwm() -> float:
    """This process's peak RSS in MB (VmHWM: unlike ru_maxrss, it leaves out the copy of the
    harness this process was forked from before its exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefing", type=Path, required=True, metavar="DIR")
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--key", default="j")
    parser.add_argument("--uncapped", action="store_true", help="lift kzbrief's size caps")
    args = parser.parse_args()
    if args.uncapped:
        from uncapped import lift_caps

        lift_caps()
    result = asyncio.run(measure(args.briefing, args.presses, args.key))
    print(json.dumps(result))
    return 0 if result["moved"] == args.presses else 1


if __name__ == "__main__":
    sys.exit(main())
