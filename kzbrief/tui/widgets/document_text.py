"""A document's text, drawn a line at a time: only the rows on screen are rendered.

Each of the document's lines is wrapped once per width and kept as strips; moving
from passage to passage restyles only the lines the two passages are on.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from kzbrief.documents import Document
from kzbrief.tui.draw.document import GUTTER, Page
from kzbrief.tui.view import Legend

from .scroller import Scroller


class DocumentText(ScrollView, can_focus=True):
    PASSAGE_KEYS: ClassVar[list[Binding]] = [
        Binding("n,right_square_bracket", "passage(1)", "Next passage", id="passage-next"),
        Binding("N,left_square_bracket", "passage(-1)", "Prev passage", id="passage-previous"),
        Binding("enter", "citers", "Cited by", id="passage-citers"),
    ]
    # The same moving keys as every text pane (the arrows come with ScrollView).
    BINDINGS: ClassVar[list[BindingType]] = [*Scroller.BINDINGS, *PASSAGE_KEYS]

    @dataclass
    class Moved(Message):
        """The current passage changed (None: no passage is current)."""

        text: DocumentText
        passage: int | None

    @dataclass
    class ToCiters(Message):
        """Enter on a passage: go to the items that cite it."""

        text: DocumentText

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.page: Page | None = None
        self.legend: Legend | None = None
        self.current: int | None = None
        self._width = 0
        self._heights: list[int] = []
        self._row_starts: list[int] = []
        self._strips: dict[int, list[Strip]] = {}
        """Lines drawn so far at this width: a line is drawn when first scrolled into view."""
        self._gutters: dict[str, Strip] = {}
        self._wraps: dict[tuple[Document, int], list[int]] = {}
        self._centre_later: int | None = None
        """An offset to centre once the widget has a size (asked before its first layout)."""

    # What it shows -------------------------------------------------------------

    def show_page(
        self, page: Page | None, legend: Legend, current: int | None = None, *, keep: bool = False
    ) -> None:
        """Show `page` from its top; `keep`: where the reader is (the same text, restyled,
        as when its passages have just been placed)."""
        self.page, self.legend, self.current = page, legend, current
        self._width = 0
        if not keep:
            self._centre_later = None
        self._layout()
        if not keep:
            self.scroll_to(0, 0, animate=False, immediate=True)

    def set_current(self, passage: int | None, centre: bool = True) -> None:
        """Make `passage` current (restyling only its lines and the old one's) and centre it."""
        page = self.page
        if page is None:
            return
        old, self.current = self.current, passage
        for at in (old, passage):
            for line in page.lines_of(at) if at is not None else []:
                self._strips.pop(line, None)
        self.refresh()
        if centre and passage is not None:
            self.centre(page.passages[passage].start)
        self.post_message(self.Moved(self, passage))

    def centre(self, offset: int) -> None:
        """Scroll so the row holding `offset` of the text is in the middle."""
        if self.page is None:
            return
        self._layout()
        if not self._width:
            self._centre_later = offset
            return
        if not self._heights:
            return
        line, column = self.page.document.line_col(offset)
        room = max(1, self._text_width())
        row = self._row_starts[line - 1] + min((column - 1) // room, self._heights[line - 1] - 1)
        self.scroll_to(0, max(0, row - self.scrollable_content_region.height // 2), animate=False)

    @property
    def row_count(self) -> int:
        return self._row_starts[-1] + self._heights[-1] if self._heights else 0

    # Layout and rendering ------------------------------------------------------

    def _text_width(self) -> int:
        return self.scrollable_content_region.width - GUTTER

    def _layout(self) -> None:
        """How many rows each line wraps to: wrapping only, no styles or strips."""
        width = self._text_width()
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._strips.clear()
        self._gutters.clear()
        page = self.page
        self._heights = self._wrapped(page, width) if page is not None else []
        self._row_starts = []
        rows = 0
        for height in self._heights:
            self._row_starts.append(rows)
            rows += height
        self.virtual_size = Size(self.scrollable_content_region.width, rows)

    def _wrapped(self, page: Page, width: int) -> list[int]:
        """How many rows each line of the page's document takes at `width`: the same for
        any passages, so kept per document (moving between documents redraws none)."""
        key = (page.document, width)
        if (heights := self._wraps.get(key)) is None:
            heights = []
            for line in range(len(page.document.lines)):
                plain = page.plain(line)
                fits = plain.cell_length < width  # most lines: no need to wrap them
                heights.append(1 if fits else max(1, len(plain.wrap(width))))
            if len(self._wraps) >= 16:
                self._wraps.clear()
            self._wraps[key] = heights
        return heights

    def _lines_strips(self, line: int) -> list[Strip]:
        if (cached := self._strips.get(line)) is not None:
            return cached
        page, legend = self.page, self.legend
        assert page is not None and legend is not None
        width, height = self._text_width(), self._heights[line]
        style = self.visual_style
        text = page.text(line, legend, self.current)
        strips = Visual.to_strips(self, text, width, height, style, pad=True)
        blank = Strip.blank(width, style.rich_style)
        strips += [blank] * (height - len(strips))  # the height the layout gave it
        first, rest = (self._gutter(g) for g in page.gutter(line))
        drawn = [Strip.join([first if i == 0 else rest, s]) for i, s in enumerate(strips)]
        self._strips[line] = drawn
        return drawn

    def _gutter(self, content: Content) -> Strip:
        """A gutter's strip; most are alike (blank, or the uncited mark), so each is drawn once."""
        key = content.markup
        if (strip := self._gutters.get(key)) is None:
            strip = Visual.to_strips(self, content, GUTTER, 1, self.visual_style, pad=True)[0]
            self._gutters[key] = strip
        return strip

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        if self._centre_later is not None and self._width:
            offset, self._centre_later = self._centre_later, None
            self.centre(offset)

    def render_line(self, y: int) -> Strip:
        self._layout()
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        if not self._heights or row >= self.row_count:
            return Strip.blank(width, self.visual_style.rich_style)
        line = bisect_right(self._row_starts, row) - 1
        strip = self._lines_strips(line)[row - self._row_starts[line]]
        return strip.crop_extend(scroll_x, scroll_x + width, self.visual_style.rich_style)

    # Keys ----------------------------------------------------------------------

    def action_passage(self, step: int) -> None:
        page = self.page
        self._layout()
        if page is None or not page.passages or not self._heights:
            return
        if self.current is None:
            # From where the reader is looking: the first passage at or after the top row.
            top = self.scroll_offset.y
            following = [
                i
                for i, p in enumerate(page.passages)
                if self._row_starts[page.document.line_of(p.start) - 1] >= top
            ]
            target = following[0] if step > 0 and following else len(page.passages) - 1
            if step < 0 and following:
                target = max(0, following[0] - 1)
        else:
            target = max(0, min(len(page.passages) - 1, self.current + step))
        self.set_current(target)

    def action_citers(self) -> None:
        if self.current is not None:
            self.post_message(self.ToCiters(self))
