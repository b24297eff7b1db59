"""The Framing tab: one card per shown source, in the order they were written."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief import query
from kzbrief.model import Framing, Quote
from kzbrief.tui import citation
from kzbrief.tui.draw.common import lit
from kzbrief.tui.draw.framing import card
from kzbrief.tui.view import View

from .nav_list import NavList, Row
from .pane import Pane


class FramingPane(Pane):
    KINDS = ("framing", "source")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cards: dict[str, Framing] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="framing-context", classes="context")
        yield NavList(id="framing-list", classes="cards")

    @property
    def cards_list(self) -> NavList:
        return self.query_one("#framing-list", NavList)

    def draw(self, view: View) -> None:
        cards = [c for c in query.framing(view.bset) if view.shows(c.source)]
        self._cards = {c.source: c for c in cards}

        def draw_card(c: Framing, width: int) -> Content:
            return card(c, view, width) + "\n"

        self.cards_list.show_rows([Row(c.source, partial(draw_card, c)) for c in cards])
        about = "stance on " + view.topic_title if view.topic else "stances on every topic"
        context = f"{len(cards)} sources in order of writing · thesis, {about}, tone, frames"
        self.query_one("#framing-context", Static).update(lit(context, "$text-muted"))

    @on(OptionList.OptionSelected, "#framing-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def main_widget(self) -> Widget:
        return self.cards_list

    def select(self, kind: str, key: str) -> bool:
        return kind in self.KINDS and self.cards_list.select_key(key)

    def quotes(self) -> tuple[str, list[Quote]]:
        key = self.cards_list.current
        if self.view is None or key not in self._cards:
            return "", []
        card = self._cards[key]
        topic = self.view.topic
        # As the card shows them: the chosen topic's stance first, then the frames.
        shown = [
            q for s in card.stances if topic is not None and s.topic == topic for q in s.quotes
        ]
        shown += [q for frame in card.frames for q in frame.quotes]
        return f"Framing · {self.view.legend.label(card.source)}", shown

    def copy_text(self) -> str | None:
        key = self.cards_list.current
        if self.view is None or key not in self._cards:
            return None
        return citation.framing(self._cards[key], self.view.bset, self.view.topic, self.view.place)

    def source_url(self) -> str | None:
        key = self.cards_list.current
        source = self.view.bset.source(key) if self.view and key else None
        return source.url.value if source else None
