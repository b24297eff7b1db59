"""The Framing tab: the shown sources side by side, or one source's full card.

The list names the shown sources in the order of writing; the detail below shows
them all in columns (thesis, the chosen topic's stance, tone, perspective, frames),
as Compare does for a contested point. `enter` opens the highlighted source's full
card there, `v` switches between the two; the detail scrolls by keyboard.

The columns come a row of sources at a time, rendered a line at a time (`PartsFlow`):
a large set's 500 sources are ~100 rows of columns, and the first shows at once.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief.model import Framing, Quote
from kzbrief.tui import citation
from kzbrief.tui.draw.common import MUTED, fit, lit
from kzbrief.tui.draw.framing import card, side_by_side
from kzbrief.tui.view import View

from .nav_list import NavList, Row
from .pane import Pane
from .parts_flow import PartsFlow
from .scroller import Scroller


class ColumnsScroller(Scroller):
    """The detail's scroller: its end is the last source's, however much is drawn yet."""

    def action_scroll_end(self) -> None:
        for flow in self.query(PartsFlow):
            flow.finish()
        self.call_after_refresh(self.scroll_end)  # once laid out at its full height


def _source_row(framing: Framing, view: View, width: int) -> Content:
    """One line: the badge, then the thesis cut to fit."""
    badge = view.legend.badge(framing.source)
    return (
        badge
        + " "
        + fit(lit(" ".join(framing.thesis.split()), MUTED), width - badge.cell_length - 1)
    )


class FramingPane(Pane):
    KINDS = ("framing", "source")
    PARTS = ("framing", "sources", "topics")  # its cards, their badges and the topics' titles
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "v",
            "toggle_card",
            "Card/all",
            tooltip="One source's card, or all side by side",
            id="framing-card",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cards: dict[str, Framing] = {}
        self.one_card = False
        """The detail shows the highlighted source's card, not every source side by side."""

    def compose(self) -> ComposeResult:
        yield Static(id="framing-context", classes="context")
        yield NavList(id="framing-list")
        with ColumnsScroller(id="framing-detail-scroll", classes="detail"):
            yield PartsFlow(id="framing-detail")

    def show_view(self, view: View) -> None:
        super().show_view(view)
        self.query_one("#framing-detail", PartsFlow).resume()  # shown again: draw what is left

    @property
    def cards_list(self) -> NavList:
        return self.query_one("#framing-list", NavList)

    def draw(self, view: View) -> None:
        framing = {c.source: c for c in view.bset.framing}
        cards = [framing[s] for s in view.shown if s in framing]
        self._cards = {c.source: c for c in cards}
        rows = [Row(c.source, partial(_source_row, c, view), 1) for c in cards]
        self.cards_list.show_rows(rows)
        self._update_context()
        self._show()

    def _update_context(self) -> None:
        view = self.view
        if view is None:
            return
        about = "stance on " + view.topic_title if view.topic else "thesis, tone, frames"
        mode = "enter: full card" if not self.one_card else "v: all side by side"
        noun = "source" if len(self._cards) == 1 else "sources"
        context = f"{len(self._cards)} {noun} · {about} · {mode}"
        self.query_one("#framing-context", Static).update(lit(context, MUTED))

    def _show(self) -> None:
        view = self.view
        flow = self.query_one("#framing-detail", PartsFlow)
        if view is None:
            return
        key = self.cards_list.current
        if self.one_card and key in self._cards:
            chosen = self._cards[key]
            flow.show(lambda width: [card(chosen, view, width)])
        else:
            cards = list(self._cards.values())
            flow.show_parts(lambda width: side_by_side(cards, view, width))
        self.query_one("#framing-detail-scroll", Scroller).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#framing-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.one_card:
            self._show()

    @on(OptionList.OptionSelected, "#framing-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.one_card = True
        self._update_context()
        self._show()
        self.screen.set_focus(self.query_one("#framing-detail-scroll"))

    def action_toggle_card(self) -> None:
        self.one_card = not self.one_card
        self._update_context()
        self._show()

    @property
    def detail_text(self) -> str:
        """What the detail shows, as text (for tests)."""
        return self.query_one("#framing-detail", PartsFlow).plain

    def main_widget(self) -> Widget:
        return self.cards_list

    def detail_widget(self) -> Widget:
        return self.query_one("#framing-detail-scroll")

    def select(self, kind: str, key: str) -> bool:
        if kind not in self.KINDS or not self.cards_list.select_key(key):
            return False
        if kind == "framing":  # a jump to a source's framing opens its card
            self.one_card = True
            self._update_context()
            self.call_after_refresh(self._show)
        return True

    def place(self) -> tuple[str, str] | None:
        key = self.cards_list.current
        if key is None:
            return None
        return ("framing" if self.one_card else "source", key)

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
