"""The Sources tab: every source with all its metadata, then the glossary."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief.load import CacheDamaged
from kzbrief.model import Entry, Quote, Source
from kzbrief.tui import citation
from kzbrief.tui.draw.common import HEAD, lit
from kzbrief.tui.draw.sources import glossary_detail, glossary_row, source_detail, source_row
from kzbrief.tui.view import View

from .flow import Flow
from .nav_list import NavList, Row, fixed
from .pane import Pane
from .scroller import Scroller


class SourcesPane(Pane):
    KINDS = ("source", "glossary")
    PARTS = ()  # the sources came with the first frame; the glossary is decoded later

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: dict[str, Source | Entry] = {}
        self._rows: list[Row] = []
        """The sources' rows, which the glossary's follow."""
        self._glossary_for: View | None = None
        """The View whose glossary rows are in the list (or on their way)."""

    def compose(self) -> ComposeResult:
        yield Static(id="sources-context", classes="context")
        yield NavList(id="sources-list")
        with Scroller(id="sources-detail-scroll", classes="detail"):
            yield Flow(id="sources-detail")

    @property
    def items_list(self) -> NavList:
        return self.query_one("#sources-list", NavList)

    def draw(self, view: View) -> None:
        # The sources first: their rows fill the first screen, from what the set's first
        # frame decoded. The glossary (17,900 entries at 100×, ~70 ms to decode and sort)
        # joins them once that screen is drawn, or at once when something asks for it.
        bset = view.bset
        self._items = {}
        self._rows = []
        badges = min(
            26, max((view.legend.badge(s.id).cell_length for s in bset.sources), default=0)
        )
        for s in bset.sources:
            self._items[f"source:{s.id}"] = s
            row = Row(f"source:{s.id}", partial(source_row, s, view, badge_width=badges), 1)
            self._rows.append(row)
        self._glossary_for = None
        self.items_list.show_rows(list(self._rows))
        hidden = len(view.hidden)
        context = (
            f"{len(bset.sources)} sources ({hidden} hidden)"
            " · not stated and inferred values are marked · o opens a URL"
        )
        self.query_one("#sources-context", Static).update(lit(context, "$text-muted"))
        self.call_after_refresh(self._add_glossary, view)

    def _add_glossary(self, view: View) -> None:
        """The glossary's rows after the sources', once for the View drawn."""
        if view is not self.view or self._glossary_for is view:
            return
        self._glossary_for = view
        try:
            glossary = view.bset.glossary
        except CacheDamaged:
            self.post_message(self.Damaged())
            return
        if not glossary:
            return
        rows = list(self._rows)
        noun = "entry" if len(glossary) == 1 else "entries"
        rows.append(Row(None, fixed(lit(f"Glossary · {len(glossary)} {noun}", HEAD)), 1))
        for g in sorted(glossary, key=lambda g: g.term.casefold()):
            self._items[f"glossary:{g.id}"] = g
            rows.append(Row(f"glossary:{g.id}", partial(glossary_row, g), 1))
        self.items_list.show_rows(rows)

    @on(OptionList.OptionHighlighted, "#sources-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = self.items_list.current
        item = self._items.get(key) if key else None
        view = self.view
        flow = self.query_one("#sources-detail", Flow)
        if view is None or item is None:
            flow.show(lambda _w: [Content("")])
        elif isinstance(item, Source):
            flow.show(lambda width: source_detail(item, view, width))
        else:
            flow.show(lambda width: glossary_detail(item, view, width))
        self.query_one("#sources-detail-scroll", Scroller).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#sources-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.set_focus(self.query_one("#sources-detail-scroll"))

    def main_widget(self) -> Widget:
        return self.items_list

    def detail_widget(self) -> Widget:
        return self.query_one("#sources-detail-scroll")

    def select(self, kind: str, key: str) -> bool:
        if kind == "glossary" and self.view is not None:
            self._add_glossary(self.view)  # not waiting for the frame
        return kind in self.KINDS and self.items_list.select_key(f"{kind}:{key}")

    def _current(self) -> Source | Entry | None:
        key = self.items_list.current
        return self._items.get(key) if key else None

    def quotes(self) -> tuple[str, list[Quote]]:
        item = self._current()
        if not isinstance(item, Source):
            return "", []
        return f"Source · {item.label}", [q for note in item.problems for q in note.quotes]

    def copy_text(self) -> str | None:
        item = self._current()
        if self.view is None or item is None:
            return None
        if isinstance(item, Source):
            return citation.source(item, self.view.bset)
        return citation.entry(item, self.view.bset)

    def source_url(self) -> str | None:
        item = self._current()
        return item.url.value if isinstance(item, Source) else None
