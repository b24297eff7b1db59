"""A long text drawn a part at a time and rendered a line at a time (Textual's line API).

`Flow` renders all of its text whenever it is drawn; on a large set the Overview is
thousands of lines (500 sources, a 1,000-topic grid), ~10 s of work before its first
words could show. Here the text comes as parts (`draw(width)` yields lists of lines):
the first part is shown at once, the others are taken in slices of a few milliseconds
between frames, only while the widget is on screen, and only the lines in view are
ever turned into strips.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from kzbrief.tui.widgets.scroller import SCROLL_KEYS

Parts = Callable[[int], Iterable[list[Content]]]
"""Lines for a width, in parts: the first is what the reader sees first."""

SLICE = 0.012
"""Seconds of drawing between frames, so a key waits at most about this long."""


class Lines(ScrollView, can_focus=True):
    """A focusable scrolling text with vim keys, drawn in parts, rendered line by line."""

    BINDINGS: ClassVar[list[BindingType]] = SCROLL_KEYS

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._parts: Parts | None = None
        self._lines: list[Content] = []
        self._rest: Iterator[list[Content]] | None = None
        """The parts not yet drawn, for `_width`."""
        self._width = 0
        self._generation = 0
        self._strips: LRUCache[int, Strip] = LRUCache(256)

    def show(self, parts: Parts | None) -> None:
        """Show new text from the top of its first part."""
        self._parts = parts
        self._width = 0
        self._start()
        self.scroll_to(0, 0, animate=False, immediate=True)

    @property
    def plain(self) -> str:
        """The whole text, every part drawn (for tests and copying)."""
        if self._width == 0:
            self._start(self._width_now() or 80)
        while self._rest is not None:
            self._take(None)
        return self.drawn

    @property
    def drawn(self) -> str:
        """The text drawn so far."""
        return "\n".join(line.plain for line in self._lines)

    def resume(self) -> None:
        """Go on drawing the parts left (after the widget was hidden)."""
        if self._rest is not None:
            self._next_slice(self._generation)

    def _next_slice(self, generation: int) -> None:
        # A timer, not call_after_refresh: a refresh may not come while nothing else changes
        # (a tab shown again, a headless run), and the rest would wait for the next key. The
        # pause lets the frame with what is drawn so far reach the screen first.
        self.set_timer(0.001, lambda: self._more(generation))

    def _width_now(self) -> int:
        return self.scrollable_content_region.width

    def _start(self, width: int | None = None) -> None:
        width = self._width_now() if width is None else width
        self._generation += 1
        self._strips.clear()
        self._lines = []
        self._rest = None
        self._width = width
        if self._parts is not None and width > 0:
            self._rest = iter(self._parts(width))
            self._take(None)
            self.resume()
        self._sized()

    def _take(self, budget: float | None) -> None:
        """Draw parts for `budget` seconds (None: one part); the rest stays for later."""
        if self._rest is None:
            return
        deadline = time.perf_counter() + (budget or 0.0)
        for part in self._rest:
            self._lines.extend(part)
            if time.perf_counter() >= deadline:
                return
        self._rest = None

    def _more(self, generation: int) -> None:
        if generation != self._generation or self._rest is None:
            return
        if not self._on_screen():
            return  # `resume` goes on when it is shown again
        self._take(SLICE)
        self._sized()
        if self._rest is not None:
            self._next_slice(generation)

    def _on_screen(self) -> bool:
        return self.is_attached and all(node.display for node in self.ancestors_with_self)

    def _sized(self) -> None:
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # e.g. a new theme: the cached strips hold the old colours

    def on_resize(self, event: events.Resize) -> None:
        if self._parts is not None and self._width_now() != self._width:
            self._start()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if self._parts is not None and width != self._width:
            # Shown before its first layout (as in the app's first frame): drawn now, for
            # the width it has, rather than a frame later when its Resize comes.
            self._start(width)
        rich_style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, rich_style)
        strip = self._strips.get(index)
        if strip is None:
            strips = Visual.to_strips(self, self._lines[index], self._width, 1, self.visual_style)
            strip = strips[0] if strips else Strip.blank(self._width, rich_style)
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, rich_style)
