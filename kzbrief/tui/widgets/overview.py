"""The Overview tab: the question, the bottom line, the sources and who covers what."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from kzbrief.text import JUDGEMENT, basis_tag
from kzbrief.tui import citation
from kzbrief.tui.draw.overview import overview_parts
from kzbrief.tui.view import View

from .lines import Lines
from .pane import Pane


class OverviewPane(Pane):
    KINDS = ("topic",)

    def compose(self) -> ComposeResult:
        # Drawn in parts and rendered line by line: the question shows at once at any size.
        yield Lines(id="overview-body")

    def show_view(self, view: View) -> None:
        super().show_view(view)
        self.query_one("#overview-body", Lines).resume()  # shown again: draw what is left

    def draw(self, view: View) -> None:
        self.query_one("#overview-body", Lines).show(lambda width: overview_parts(view, width))

    def main_widget(self) -> Widget:
        return self.query_one("#overview-body")

    def select(self, kind: str, key: str) -> bool:
        return kind == "topic"

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
        return text + "\n" + "\n".join(citation.sources_block(ids, bset))
