"""Live reload shows the files as they are: the newest load wins, one parse runs at a time,
and every edit a load would see is noticed.

The loads are driven by hand: a gate stands in for `load_set`, reads the files when a
load starts (as the real one does) and returns only when the test opens it, so the
order in which loads end is the test's, not the machine's.
"""

from __future__ import annotations

import gc
import os
import threading
import weakref
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import edit, settle, until

from kzbrief.load import Loaded, apart, load_set
from kzbrief.load.cached_set import CachedSet
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.screens.problems import ProblemsScreen

SIZE = (120, 40)


class Gate:
    """`load_set` whose n-th call returns only once `open(n)` has been called."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._opened: dict[int, threading.Event] = {}
        self.started = 0
        self.running = 0
        self.most_at_once = 0

    def _event(self, n: int) -> threading.Event:
        with self._lock:
            return self._opened.setdefault(n, threading.Event())

    def open(self, n: int) -> None:
        self._event(n).set()

    def __call__(
        self,
        root: Path,
        *,
        use_cache: bool = True,
        stop: threading.Event | None = None,
        shown: object = None,
    ) -> Loaded:
        with self._lock:
            self.started += 1
            n = self.started
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            loaded = load_set(root, use_cache=use_cache)  # the files as they are now
            for _ in range(1000):  # 20 s at most
                # A load still held when the reader quits is let go, as a real one stops
                # (the reader waits for its thread: a test's end would wait out the gate).
                if self._event(n).wait(timeout=0.02) or (stop is not None and stop.is_set()):
                    return loaded
            raise AssertionError(f"load {n} was never let through")
        finally:
            with self._lock:
                self.running -= 1


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    gate = Gate()
    monkeypatch.setattr("kzbrief.load.apart.load_apart", gate)  # the reader imports it per load
    return gate


def _title(app: KzbriefApp) -> str:
    screen = app.screen
    if not isinstance(screen, MainScreen) or screen.view is None:
        return ""
    return screen.view.bset.briefing.title


def _saw_problems(app: KzbriefApp) -> list[str]:
    """Records every screen pushed: a stale error screen must never appear, even briefly."""
    seen: list[str] = []
    push = app.push_screen

    def recording(screen: object, *args: object, **kwargs: object) -> object:
        seen.append(type(screen).__name__)
        return push(screen, *args, **kwargs)  # type: ignore[arg-type]

    app.push_screen = recording  # type: ignore[method-assign,assignment]
    return seen


async def _started(pilot: Pilot[object], gate: Gate, n: int) -> None:
    await until(pilot, lambda: gate.started >= n, timeout=10)


async def _first_frame(pilot: Pilot[object], gate: Gate, app: KzbriefApp) -> None:
    gate.open(1)
    await until(pilot, lambda: _title(app) == "Mini briefing", timeout=10)


@pytest.mark.parametrize(
    ("middle", "title_line"),
    [
        ("an error", "  titel: Mini briefing\n"),  # W7: broken, then fixed at once
        ("an older version", "  title: STALE TITLE\n"),  # W8: V2, then V3
    ],
)
async def test_a_load_superseded_while_it_ran_is_never_shown(
    mini_copy: Path, gate: Gate, middle: str, title_line: str
) -> None:
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await _first_frame(pilot, gate, app)
        pushed = _saw_problems(app)
        edit(mini_copy / "briefing.yaml", "  title: Mini briefing\n", title_line)
        app._check_files()  # the watch tick sees the save: load 2 reads it and is held
        await _started(pilot, gate, 2)
        edit(mini_copy / "briefing.yaml", title_line, "  title: FINAL TITLE\n")
        app._check_files()  # the next save, while load 2 still runs: it waits
        await pilot.pause()
        assert gate.started == 2
        gate.open(2)  # load 2 ends after the newer request: its result is dropped
        await _started(pilot, gate, 3)
        assert _title(app) == "Mini briefing" and not pushed
        gate.open(3)
        await until(pilot, lambda: _title(app) == "FINAL TITLE", timeout=10)
        await settle(pilot)
        assert _title(app) == "FINAL TITLE" and isinstance(app.screen, MainScreen)
        assert pushed == [] and gate.started == 3 and gate.most_at_once == 1


async def test_an_older_result_arriving_after_a_newer_one_is_dropped(mini_copy: Path) -> None:
    app = KzbriefApp(mini_copy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        newest = app._requested
        edit(mini_copy / "briefing.yaml", "title: Mini briefing", "title: OLD TITLE")
        old = load_set(mini_copy, use_cache=False)
        edit(mini_copy / "briefing.yaml", "title: OLD TITLE", "titel: broken")
        broken = load_set(mini_copy, use_cache=False)
        assert old.ok and not broken.ok
        for stale in (old, broken):  # as if two loads begun earlier ended only now
            app.post_message(KzbriefApp.SetLoaded(stale, newest - 1))
            await pilot.pause()
            await settle(pilot)
            assert _title(app) == "Mini briefing" and isinstance(app.screen, MainScreen)
        app.post_message(KzbriefApp.SetLoaded(old, newest))  # the newest request's answer
        await settle(pilot)
        assert _title(app) == "OLD TITLE"


async def test_a_burst_of_saves_runs_one_parse_at_a_time_and_ends_on_the_last(
    mini_copy: Path, gate: Gate
) -> None:
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await _first_frame(pilot, gate, app)
        briefing = mini_copy / "briefing.yaml"
        title = "Mini briefing"
        for n in range(1, 21):
            edit(briefing, f"title: {title}\n", f"title: Burst {n}\n")
            title = f"Burst {n}"
            app._check_files()
            await pilot.pause()
            if n == 10:
                gate.open(2)  # the first load of the burst ends mid-burst: dropped
        # Twenty saves started two loads: the first save's, and the one begun (on the
        # files as they were then) when that ended mid-burst.
        assert gate.started == 3 and gate.running == 1
        gate.open(3)
        await _started(pilot, gate, 4)  # load 3 was superseded: one more, of the last state
        gate.open(4)
        await until(pilot, lambda: _title(app) == "Burst 20", timeout=10)
        await settle(pilot)
        assert gate.most_at_once == 1 and gate.started == 4
        assert _title(app) == "Burst 20"


async def test_an_error_fixed_quickly_ends_on_the_fixed_set_with_real_loads(
    mini_copy: Path,
) -> None:
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        briefing = mini_copy / "briefing.yaml"
        edit(briefing, "  title: Mini briefing\n", "  titel: Mini briefing\n")
        app._check_files()
        edit(briefing, "  titel: Mini briefing\n", "  title: Fixed briefing\n")
        app._check_files()
        await until(pilot, lambda: _title(app) == "Fixed briefing", timeout=10)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and _title(app) == "Fixed briefing"
        assert not any(isinstance(s, ProblemsScreen) for s in app.screen_stack)


async def test_an_edit_keeping_size_and_mtime_is_reloaded(mini_copy: Path) -> None:
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        briefing = mini_copy / "briefing.yaml"
        before = os.stat(briefing)
        text = briefing.read_text()
        with open(briefing, "r+", encoding="utf-8") as handle:  # in place: same inode
            handle.write(text.replace("Mini briefing", "MXNI briefing"))
        os.utime(briefing, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = os.stat(briefing)
        assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        app._check_files()
        await until(pilot, lambda: _title(app) == "MXNI briefing", timeout=10)


async def test_every_load_shown_or_dropped_hands_its_memory_back(
    mini_copy: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    released: list[int] = []
    monkeypatch.setattr(
        "kzbrief.tui.app._return_freed_memory", lambda: released.append(gate.started)
    )
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await _first_frame(pilot, gate, app)
        # Twice a load: the parse's garbage in the worker, the set let go once drawn.
        await until(pilot, lambda: released == [1, 1])
        edit(mini_copy / "briefing.yaml", "title: Mini briefing", "title: Two")
        app.reload(False)
        await _started(pilot, gate, 2)
        app.reload(False)
        gate.open(2)  # dropped: load 3 begins
        await _started(pilot, gate, 3)
        gate.open(3)
        await until(pilot, lambda: _title(app) == "Two")
        await until(pilot, lambda: len(released) == 6)


async def test_a_cancelled_load_never_delivers(mini_copy: Path, gate: Gate) -> None:
    """Textual cancels the workers when the reader closes; a thread goes on running."""
    delivered: list[int] = []

    def hook(message: object) -> None:
        if isinstance(message, KzbriefApp.SetLoaded):
            delivered.append(message.generation)

    app = KzbriefApp(mini_copy)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await _first_frame(pilot, gate, app)
        assert delivered == [1]
        edit(mini_copy / "briefing.yaml", "title: Mini briefing", "title: Cancelled")
        app.reload(False)
        await _started(pilot, gate, 2)
        [worker] = [w for w in app.workers if w.group == "load" and not w.is_finished]
        worker.cancel()
        gate.open(2)  # the thread ends after its cancellation
        await until(pilot, lambda: gate.running == 0)
        for _ in range(5):
            await pilot.pause(0.02)
        assert delivered == [1] and _title(app) == "Mini briefing"


async def test_a_reload_lets_go_of_the_old_set(mini_copy: Path) -> None:
    """Nothing the reader keeps (view, header, topics, the pane shown, caches, the load's
    message) holds the set it showed before a save."""
    assert load_set(mini_copy).ok  # cached: the first frame shows the set from the cache
    app = KzbriefApp(mini_copy, use_cache=True, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None
        first = screen.view.bset
        assert isinstance(first, CachedSet)  # a plain class: it can be watched with a weakref
        old = weakref.ref(first)
        del first
        await pilot.press("j", "j")  # a topic chosen: the view and topic list redraw
        await settle(pilot)
        edit(mini_copy / "briefing.yaml", "title: Mini briefing", "title: Saved")
        app._check_files()
        await until(pilot, lambda: _title(app) == "Saved", timeout=10)
        await settle(pilot)
        gc.collect()
        assert old() is None


class _Knot:
    """An object in a reference cycle: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


async def test_what_the_last_set_left_in_cycles_is_freed_after_a_reload(mini_copy: Path) -> None:
    """The reader freezes what a set's first frame built (`gc.freeze`, so the collector
    stops walking it); a widget of the last set in a cycle must still be freed after a
    save, or each save would keep one more set's worth."""
    assert load_set(mini_copy).ok
    app = KzbriefApp(mini_copy, use_cache=True, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.7)  # past the set's settling: what it built is frozen
        knot = weakref.ref(_Knot())
        assert knot() is not None  # kept by its cycle alone
        gc.freeze()  # as the reader does after a frame; the knot stands for its garbage
        edit(mini_copy / "briefing.yaml", "title: Mini briefing", "title: Saved")
        app._check_files()
        await until(pilot, lambda: _title(app) == "Saved", timeout=10)
        await settle(pilot)
        await until(pilot, lambda: knot() is None, timeout=5)


def _problems(app: KzbriefApp) -> list[str]:
    screen = app.screen
    return [str(p) for p in screen.problems] if isinstance(screen, ProblemsScreen) else []


async def test_a_large_set_is_parsed_in_a_child_under_watch(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every load parses in a child (this process cannot): the first, a save, a save with
    an error (shown located, the set before it kept) and its fix."""
    briefing = mini_copy / "briefing.yaml"
    edit(briefing, "  title: Mini briefing\n", "  titel: Mini briefing\n")
    expected = [str(p) for p in load_set(mini_copy, use_cache=False).problems]
    edit(briefing, "  titel: Mini briefing\n", "  title: Mini briefing\n")
    monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
    monkeypatch.setattr("kzbrief.load.briefing_set._parse", None)  # unusable here
    app = KzbriefApp(mini_copy, use_cache=True, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _title(app) == "Mini briefing", timeout=20)
        edit(briefing, "title: Mini briefing", "title: Saved")
        app._check_files()
        await until(pilot, lambda: _title(app) == "Saved", timeout=20)
        edit(briefing, "  title: Saved\n", "  titel: Mini briefing\n")
        app._check_files()
        await until(pilot, lambda: bool(_problems(app)), timeout=20)
        assert _problems(app) == expected
        main = app._main()
        assert main is not None and main.view is not None
        assert main.view.bset.briefing.title == "Saved"  # the set before the error, kept
        edit(briefing, "  titel: Mini briefing\n", "  title: Fixed\n")
        app._check_files()
        await until(pilot, lambda: _title(app) == "Fixed", timeout=20)


@pytest.mark.parametrize("where", ["in-process", "child"])
async def test_a_save_keeps_the_records_that_did_not_change(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """After a save the reader holds one set, not parts of two: what the save did not
    change is the very records shown before it (see kzbrief.load.reuse), whether the set
    was parsed in the reader or in a child."""
    if where == "child":
        monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
        monkeypatch.setattr("kzbrief.load.briefing_set._parse", None)  # unusable here
    app = KzbriefApp(mini_copy, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: _title(app) == "Mini briefing", timeout=20)
        before = app._shown_set()
        assert before is not None
        edit(mini_copy / "timeline.yaml", "title: Trade in 2022", "title: Saved")
        app._check_files()
        await until(pilot, lambda: _titles(app)[-1:] == ["Saved"], timeout=20)
        after = app._shown_set()
        assert after is not None and after is not before
        assert after.briefing is before.briefing and after.sources is before.sources
        assert after.events[:-1] == before.events[:-1]
        assert all(
            new is old for new, old in zip(after.events[:-1], before.events[:-1], strict=True)
        )
        assert after.events[-1] is not before.events[-1]
    monkeypatch.undo()  # this process may parse again
    assert after == load_set(mini_copy, use_cache=False).whole()  # the set a fresh load gives


def _titles(app: KzbriefApp) -> list[str]:
    bset = app._shown_set()
    return [e.title for e in bset.events] if bset is not None else []
