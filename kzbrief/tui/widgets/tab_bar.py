"""The row of tab titles above the panes: one line, the active title marked, clickable.

Textual's TabbedContent builds a widget per tab, an animated underline and a pane
container each, ~35 ms of the reader's first frame; the keys and the screen's
ContentSwitcher do the rest of its work here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class TabBar(Widget):
    active: reactive[str] = reactive("")

    @dataclass
    class Chosen(Message):
        """A tab's title was clicked."""

        name: str

    def __init__(self, tabs: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        """`tabs`: (name, title) pairs, in order; the keys 1… choose them."""
        super().__init__(id=id)
        self.tabs = tuple(tabs)
        self.active = self.tabs[0][0]
        self._spans: list[tuple[int, int, str]] = []

    def labels(self, width: int) -> tuple[list[str], int, int]:
        """The titles, the gap between them and the indent that fit `width`, shortest last."""
        numbered = [f"{n} {title}" for n, (_, title) in enumerate(self.tabs, 1)]
        short = [f"{n} {title[:3]}" for n, (_, title) in enumerate(self.tabs, 1)]
        for labels, gap, indent in ((numbered, 3, 1), (numbered, 2, 1), (numbered, 1, 0)):
            if indent + sum(map(len, labels)) + gap * (len(labels) - 1) <= width:
                return labels, gap, indent
        return short, 1, 0

    def render(self) -> Content:
        labels, gap, indent = self.labels(self.content_size.width)
        parts: list[Content] = [Content(" " * indent)]
        self._spans = []
        x = indent
        for i, ((name, _), label) in enumerate(zip(self.tabs, labels, strict=True)):
            if i:
                parts.append(Content(" " * gap))
                x += gap
            style = "bold underline $accent" if name == self.active else "$text-muted"
            parts.append(Content.styled(label, style))
            self._spans.append((x, x + len(label), name))
            x += len(label)
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, name in self._spans:
            if start <= event.x < end:
                event.stop()
                self.post_message(self.Chosen(name))
                return
