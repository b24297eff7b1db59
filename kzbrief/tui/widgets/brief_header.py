"""The top line: the app, the briefing's title and, kept in view on the right, its as-of date."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from kzbrief.dates import display_date
from kzbrief.model import Briefing


class BriefHeader(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = ""
        self._right = ""

    def show_briefing(self, briefing: Briefing | None, note: str = "") -> None:
        self._title = briefing.title if briefing is not None else ""
        self._right = f"as of {display_date(briefing.as_of)}" if briefing is not None else note
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        left = Content.styled(" kzbrief ", "bold")
        right = Content.styled(f" {self._right} ", "$text-muted") if self._right else Content("")
        if self._title:
            left += Content.styled("│ ", "$text-muted") + Content.styled(self._title, "bold")
        room = width - right.cell_length
        if left.cell_length > room:
            left = left.truncate(max(0, room - 1), ellipsis=True) + " "
        return left + Content(" " * max(0, room - left.cell_length)) + right
