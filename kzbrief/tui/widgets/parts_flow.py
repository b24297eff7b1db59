"""A `Flow` whose text comes in parts and is rendered a line at a time.

`Flow` renders all of its text to lay it out: the Framing tab's columns for 500
sources are ~3,000 lines, seconds of work before the first could show. Here the
first part is drawn at once and the others in slices between frames (see
`InParts`), and only the lines in view become strips. It stays a `Flow` for what the
screen asks of one: a search's highlight, its text, and where in it a match is.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual

from .flow import Draw, Flow
from .in_parts import InParts, Parts


class PartsFlow(Flow, InParts):
    def show(self, draw: Draw | None) -> None:
        """Show the lines `draw(width)` returns, as one part."""
        self.show_parts(None if draw is None else lambda width: [draw(width)])

    def show_parts(self, parts: Parts | None) -> None:
        """Show new text: its first part at once, the rest as time allows."""
        self._parts = parts
        self._start(0)  # drawn for the width the layout gives it
        self._sized()

    @property
    def drawn(self) -> list[str]:
        """The lines drawn so far, as text."""
        return [line.plain for line in self._lines]

    def finish(self) -> None:
        """Draw every part left now (for a reader going to the end)."""
        self._finish()
        self._sized()

    def set_highlight(self, needle: str | None) -> None:
        super().set_highlight(needle)
        self._strips.clear()

    def content_at(self, width: int) -> Content:
        """Every line, every part drawn (for the text and a search's match)."""
        if width != self._width:
            self._start(width)
        self._finish()
        content = Content("\n").join(self._lines)
        if self._highlight is not None:
            content = content.highlight_regex(self._highlight, style="reverse $text-warning")
        return content

    def _add(self, part: list[Content]) -> None:
        for item in part:  # an item may hold several lines, as in `Flow`
            if "\n" in item.plain:
                self._lines.extend(item.split("\n", allow_blank=True))
            else:
                self._lines.append(item)

    def _sized(self) -> None:
        self.refresh(layout=True)  # its height is its line count

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width != self._width:
            self._start(width)
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if width != self._width:
            self._start(width)
        style = self.visual_style
        if y >= len(self._lines):
            return Strip.blank(width, style.rich_style)
        strip = self._strips.get(y)
        if strip is None:
            line = self._lines[y]
            if self._highlight is not None:
                line = line.highlight_regex(self._highlight, style="reverse $text-warning")
            strips = Visual.to_strips(self, line, width, 1, style)
            strip = strips[0] if strips else Strip.blank(width, style.rich_style)
            self._strips[y] = strip
        return strip
