"""The topic navigator: "All" and every topic, with how many items each has."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from kzbrief.tui.draw.sources import topic_row, topic_row_height
from kzbrief.tui.view import View

from .nav_list import NavList, Row

ALL = "*all*"
"""The key of the "All" row; topic ids cannot contain '*'."""


class TopicNav(NavList):
    @dataclass
    class Chosen(Message):
        """The highlighted topic changed; None means all topics."""

        topic: str | None

    @dataclass
    class Opened(Message):
        """Enter on a topic: go to the content."""

        topic: str | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: View | None = None
        self.border_title = "Topics"

    def show_view(self, view: View) -> None:
        old = self._view
        self._view = view
        if old is not None and old.bset is view.bset and old.hidden == view.hidden:
            if old.topic != view.topic:  # only the marker moves: two rows drawn again
                self.redraw(old.topic or ALL, view.topic or ALL)
                if self.current != (view.topic or ALL):  # chosen elsewhere (a jump)
                    self.select_key(view.topic or ALL)
            return
        counts = view.topic_counts()  # what the shown sources say

        def row(key: str | None, title: str) -> Row:
            count = counts[key]

            def chosen() -> bool:
                return self._view is not None and self._view.topic == key

            def draw(width: int) -> Content:
                return topic_row(title, count, width, chosen())

            def height(width: int) -> int:  # without drawing it: only rows in view are drawn
                return topic_row_height(title, count, width, chosen())

            return Row(key or ALL, draw, height)

        rows = [row(None, "All topics")] + [row(t.id, t.title) for t in view.bset.topics]
        self.show_rows(rows, keep=view.topic or ALL)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # Chosen once the moved marker is on screen: the tab then draws for the topic
        # (the Overview's first part takes ~15 ms at 100×), and keys pressed meanwhile
        # coalesce into the topic they end on.
        self.call_after_refresh(self._choose)

    def _choose(self) -> None:
        key = self.current
        topic = None if key in (None, ALL) else key
        if self._view is None or topic != self._view.topic:
            self.post_message(self.Chosen(topic))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = self.current
        self.post_message(self.Opened(None if key in (None, ALL) else key))
