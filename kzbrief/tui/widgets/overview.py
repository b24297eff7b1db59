"""The Overview tab: the question, the bottom line, the sources and who covers what."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from kzbrief.text import JUDGEMENT, basis_tag
from kzbrief.tui import citation
from kzbrief.tui.draw.overview import overview
from kzbrief.tui.view import View

from .flow import Flow
from .pane import Pane
from .scroller import Scroller


class OverviewPane(Pane):
    KINDS = ("topic",)

    _topic: str | None = None
    """The topic the page was last drawn for."""

    def compose(self) -> ComposeResult:
        with Scroller(id="overview-scroll"):
            yield Flow(id="overview-body")

    def draw(self, view: View) -> None:
        topic_before = self._topic
        self._topic = view.topic
        self.query_one("#overview-body", Flow).show(lambda width: overview(view, width))
        if view.topic != topic_before and view.topic is not None:
            # A topic just chosen: its section, at the top, comes into view.
            self.query_one("#overview-scroll", Scroller).scroll_home(animate=False)

    def main_widget(self) -> Widget:
        return self.query_one("#overview-scroll")

    def select(self, kind: str, key: str) -> bool:
        if kind != "topic":
            return False
        # The topic's section leads the page: a jump to it shows it from its top.
        self.query_one("#overview-scroll", Scroller).scroll_home(animate=False)
        return True

    def place(self) -> tuple[str, str] | None:
        topic = self.view.topic if self.view is not None else None
        return ("topic", topic) if topic is not None else None

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
        return text + "\n" + "\n".join(citation.sources_block(ids, bset))
