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
        self._filter = ""

    def show_briefing(
        self, briefing: Briefing | None, note: str = "", shown: tuple[int, int] | None = None
    ) -> None:
        """`shown`: (sources shown, sources in all), flagged while some are hidden."""
        self._title = briefing.title if briefing is not None else ""
        self._right = f"as of {display_date(briefing.as_of)}" if briefing is not None else note
        hiding = shown is not None and shown[0] < shown[1]
        self._filter = f"{shown[0]}/{shown[1]} sources" if shown is not None and hiding else ""
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        left = Content.styled(" kzbrief ", "bold")
        right = Content.styled(f" {self._right} ", "$text-muted") if self._right else Content("")
        if self._filter:  # kept in view, before the date: the tabs leave sources out
            right = Content.styled(f" {self._filter} ", "bold $text-warning") + right
        if self._title:
            left += Content.styled("│ ", "$text-muted") + Content.styled(self._title, "bold")
        room = width - right.cell_length
        if left.cell_length > room:
            left = left.truncate(max(0, room - 1), ellipsis=True) + " "
        return left + Content(" " * max(0, room - left.cell_length)) + right
