"""Text laid out for the width it is given: grids, columns and hanging indents."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

Draw = Callable[[int], list[Content]]


class Flow(Widget):
    """Shows the lines `draw(width)` returns, drawn again whenever the width changes."""

    def __init__(
        self, draw: Draw | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Draw | None = draw
        self._cache: tuple[int, Content] | None = None
        self._highlight: re.Pattern[str] | None = None

    def set_highlight(self, needle: str | None) -> None:
        """Text to highlight wherever it appears (a search's query), or None."""
        pattern = re.compile(re.escape(needle), re.IGNORECASE) if needle else None
        if pattern != self._highlight:
            self._highlight = pattern
            self._cache = None
            self.refresh()

    def show(self, draw: Draw | None) -> None:
        self._draw = draw
        self._cache = None
        self.refresh(layout=True)

    def content_at(self, width: int) -> Content:
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        lines = self._draw(width) if self._draw is not None and width > 0 else []
        content = Content("\n").join(lines)
        if self._highlight is not None:
            content = content.highlight_regex(self._highlight, style="reverse $text-warning")
        self._cache = (width, content)
        return content

    @property
    def plain(self) -> str:
        """What is shown, as text (for tests and copying)."""
        return self.content_at(self.content_size.width or 80).plain

    def render(self) -> Content:
        return self.content_at(self.content_size.width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        content = self.content_at(width)
        return content.plain.count("\n") + 1 if content.plain else 0
