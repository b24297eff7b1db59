"""The Overview tab: the question, the bottom line, the sources and who covers what."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget

from kzbrief.load import CacheDamaged
from kzbrief.load.cached_set import CachedSet
from kzbrief.text import JUDGEMENT, basis_tag
from kzbrief.tui.draw.overview import header_parts, matrix_parts, sources_parts
from kzbrief.tui.view import View

from .lines import Lines
from .pane import Pane


class OverviewPane(Pane):
    KINDS = ("topic",)
    DRAWS_AT_ONCE = True  # only the question and bottom line before the frame

    _topic: str | None = None
    """The topic the page was last drawn for."""

    def compose(self) -> ComposeResult:
        # Drawn in parts and rendered line by line: the question shows at once at any size.
        yield Lines(id="overview-body")

    def show_view(self, view: View) -> None:
        super().show_view(view)
        self.query_one("#overview-body", Lines).resume()  # shown again: draw what is left

    def draw(self, view: View) -> None:
        topic_before = self._topic
        self._topic = view.topic

        def parts(width: int) -> Iterator[list[Content]]:  # overview_parts' parts, in order
            # The question and the bottom line as far as the screen shows it, then the
            # rest and the sources: from what the first frame decoded, in slices of a
            # few milliseconds.
            yield from header_parts(view, width, screen=self.app.size.height)
            yield from sources_parts(view, width)
            # Who covers what reads every part of the set: decoded one per slice, so a key
            # pressed meanwhile waits for one part, not for all.
            if isinstance(view.bset, CachedSet):
                try:
                    for _ in view.bset.decoding():
                        yield []
                except CacheDamaged:
                    self.post_message(self.Damaged())  # the screen reads the files again
                    return
            yield from matrix_parts(view, width)

        body = self.query_one("#overview-body", Lines)
        body.show(parts)
        if view.topic != topic_before and view.topic is not None:
            # A topic just chosen: its section, at the top, comes into view.
            body.scroll_home(animate=False)

    def main_widget(self) -> Widget:
        return self.query_one("#overview-body")

    def select(self, kind: str, key: str) -> bool:
        if kind != "topic":
            return False
        # The topic's section leads the page: a jump to it shows it from its top.
        self.query_one("#overview-body", Lines).scroll_home(animate=False)
        return True

    def place(self) -> tuple[str, str] | None:
        topic = self.view.topic if self.view is not None else None
        return ("topic", topic) if topic is not None else None

    def first_screen_text(self) -> str:
        return self.query_one("#overview-body", Lines).drawn

    def copy_text(self) -> str | None:
        if self.view is None:
            return None
        bset = self.view.bset
        brief = bset.briefing
        lines = [brief.question, ""] + [
            f"• {JUDGEMENT + ': ' if basis_tag(c.basis) else ''}{c.text}" for c in brief.bottom_line
        ]
        text = "\n".join(lines)
        ids = [s for c in brief.bottom_line for s in c.sources]
        from kzbrief.tui import citation  # for `c` only: not in the first frame

        return text + "\n" + "\n".join(citation.sources_block(ids, bset))
