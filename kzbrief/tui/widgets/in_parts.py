"""Text drawn a part at a time: the first part at once, the rest in slices between frames.

A large set's long texts (the Overview's 500 sources and 1,000-topic grid, the Framing
tab's 500 columns) take seconds to draw whole. Drawn in parts, the first is on screen
at once, and the others follow in slices of a few milliseconds (so a key waits at most
about that long), only while the widget is on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from textual.cache import LRUCache
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from .keys_first import hold_for

Parts = Callable[[int], Iterable[list[Content]]]
"""Lines for a width, in parts: the first is what the reader sees first."""

SLICE = 0.012
"""Seconds of drawing between frames, so a key waits at most about this long."""


class InParts(Widget):
    """A widget whose lines (`_lines`, for `_width`) come from `Parts`; it says how its
    size follows them (`_sized`), and renders them a line at a time (`_strips` keeps the
    lines rendered, a few hundred at most)."""

    # Mixed in after the widget class it extends (the first base is the one Textual's
    # CSS type selectors follow), so it passes on whatever that class is given.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._parts: Parts | None = None
        self._lines: list[Content] = []
        self._rest: Iterator[list[Content]] | None = None
        """The parts not yet drawn, for `_width`."""
        self._width = 0
        self._generation = 0
        self._strips: LRUCache[int, Strip] = LRUCache(256)

    def resume(self) -> None:
        """Go on drawing the parts left (after the widget was hidden)."""
        if self._rest is not None:
            self._next_slice(self._generation)

    def _sized(self) -> None:
        """The lines drawn so far changed: size and refresh accordingly."""
        raise NotImplementedError

    def _add(self, part: list[Content]) -> None:
        self._lines.extend(part)

    def _start(self, width: int) -> None:
        """Draw for `width` from the first part (0: nothing until a width is known); the
        caller sizes the widget (`_sized`), unless it is being laid out for it."""
        self._generation += 1
        self._strips.clear()
        self._lines = []
        self._rest = None
        self._width = width
        if self._parts is not None and width > 0:
            self._rest = iter(self._parts(width))
            self._take(None)
            self.resume()

    def _finish(self) -> None:
        while self._rest is not None:
            self._take(None)

    def _take(self, budget: float | None) -> None:
        """Draw parts for `budget` seconds (None: one part); the rest stays for later."""
        if self._rest is None:
            return
        deadline = time.perf_counter() + (budget or 0.0)
        for part in self._rest:
            self._add(part)
            if time.perf_counter() >= deadline:
                return
        self._rest = None

    def _next_slice(self, generation: int) -> None:
        # A timer, not call_after_refresh: a refresh may not come while nothing else changes
        # (a tab shown again, a headless run), and the rest would wait for the next key. The
        # pause lets the frame with what is drawn so far reach the screen first.
        self.set_timer(0.001, lambda: self._more(generation))

    def _more(self, generation: int) -> None:
        if generation != self._generation or self._rest is None:
            return
        if not self._on_screen():
            return  # `resume` goes on when it is shown again
        if wait := hold_for(self.app):  # a key is on its way: it goes first
            self.set_timer(wait, lambda: self._more(generation))
            return
        self._take(SLICE)
        self._sized()
        if self._rest is not None:
            self._next_slice(generation)

    def _on_screen(self) -> bool:
        return self.is_attached and all(node.display for node in self.ancestors_with_self)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # e.g. a new theme: the cached strips hold the old colours
