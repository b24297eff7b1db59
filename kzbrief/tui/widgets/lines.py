"""A long text drawn a part at a time and rendered a line at a time (Textual's line API).

`Flow` renders all of its text whenever it is drawn; on a large set the Overview is
thousands of lines (500 sources, a 1,000-topic grid), ~10 s of work before its first
words could show. Here the text comes as parts (`draw(width)` yields lists of lines):
the first part is shown at once, the others are taken in slices of a few milliseconds
between frames, only while the widget is on screen, and only the lines in view are
ever turned into strips.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from kzbrief.tui.widgets.scroller import SCROLL_KEYS

from .in_parts import SLICE, InParts, Parts

__all__ = ["SLICE", "Lines", "Parts"]


class Lines(ScrollView, InParts, can_focus=True):
    """A focusable scrolling text with vim keys, drawn in parts, rendered line by line."""

    BINDINGS: ClassVar[list[BindingType]] = SCROLL_KEYS

    def show(self, parts: Parts | None) -> None:
        """Show new text from the top of its first part."""
        self._parts = parts
        self._width = 0
        self._start(self._width_now())
        self._sized()
        self.scroll_to(0, 0, animate=False, immediate=True)

    @property
    def plain(self) -> str:
        """The whole text, every part drawn (for tests and copying)."""
        if self._width == 0:
            self._start(self._width_now() or 80)
            self._sized()
        self._finish()
        return self.drawn

    @property
    def drawn(self) -> str:
        """The text drawn so far."""
        return "\n".join(line.plain for line in self._lines)

    def _width_now(self) -> int:
        return self.scrollable_content_region.width

    def _sized(self) -> None:
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self._parts is not None and self._width_now() != self._width:
            self._start(self._width_now())
            self._sized()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if self._parts is not None and width != self._width:
            # Shown before its first layout (as in the app's first frame): drawn now, for
            # the width it has, rather than a frame later when its Resize comes.
            self._start(width)
            self._sized()
        rich_style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, rich_style)
        strip = self._strips.get(index)
        if strip is None:
            strips = Visual.to_strips(self, self._lines[index], self._width, 1, self.visual_style)
            strip = strips[0] if strips else Strip.blank(self._width, rich_style)
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, rich_style)
