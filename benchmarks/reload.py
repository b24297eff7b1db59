"""Live reload at scale: how soon a save is on screen, and the reader's memory over many saves.

    python benchmarks/reload.py --briefing benchmarks/out/x100 [--saves 100]

Copies the set into a temporary folder and runs the reader on it in-process
(Textual Pilot, headless, 120×40) with --watch and the parse cache, as a user
would. Each save rewrites briefing.yaml with a new question (`Save N. …`); the
time is from the write to the first frame whose Overview shows the new question
(the file watch polls every 0.5 s, which is part of what a user waits). After
each save the process's resident memory (VmRSS) is read. Prints one JSON line:
the median time, the memory after the first and the last save, and both per save.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import fresh_reader_state  # noqa: E402
from tabs import TIMEOUT, Recorder  # noqa: E402


def _vm_rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _shown(app: Any) -> str:
    from kzbrief.tui.screens.main import MainScreen
    from kzbrief.tui.widgets.lines import Lines

    screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    if screen is None:
        return ""
    body = next(iter(screen.query("#overview-body")), None)
    return body.drawn[:400] if isinstance(body, Lines) else ""


async def measure(root: Path, saves: int) -> dict[str, Any]:
    from kzbrief.tui.app import KzbriefApp

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "set"
        shutil.copytree(root, copy)
        briefing = copy / "briefing.yaml"
        original = briefing.read_text()
        marker = "question: "
        assert marker in original
        fresh_reader_state()
        app = KzbriefApp(copy, use_cache=True, watch=True)
        rec = Recorder(app)
        rec.probe = lambda: _shown(app)
        seconds: list[float] = []
        rss: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await rec.until(pilot, 0, lambda text: "How have" in text or bool(text))
            for n in range(1, saves + 1):
                tag = f"Save {n}."
                seen = len(rec.frames)
                t0 = time.perf_counter()
                briefing.write_text(original.replace(marker, f"{marker}{tag} ", 1))
                shown = await rec.until(pilot, seen, lambda text, tag=tag: tag in text)
                seconds.append(shown - t0)
                await pilot.pause(0.3)  # memory handed back after the frame (app._release_memory)
                rss.append(_vm_rss())
            await pilot.press("ctrl+q")
    return {
        "saves": saves,
        "reload_median_s": statistics.median(seconds),
        "rss_first_mb": rss[0],
        "rss_last_mb": rss[-1],
        "rss_max_mb": max(rss),
        "rss_mb": [round(r) for r in rss],
        "seconds": [round(s, 2) for s in seconds],
        "timeout_s": TIMEOUT,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefing", type=Path, required=True, metavar="DIR")
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--uncapped", action="store_true", help="lift kzbrief's size caps")
    args = parser.parse_args()
    if args.uncapped:
        from uncapped import lift_caps

        lift_caps()
    print(json.dumps(asyncio.run(measure(args.briefing, args.saves))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
