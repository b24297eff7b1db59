"""The Compare tab: the topic's contested points, and the chosen one's positions side by side."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief import query
from kzbrief.model import Contested, Quote
from kzbrief.tui import citation
from kzbrief.tui.draw.common import lit
from kzbrief.tui.draw.compare import compare_detail, ordered, point_row
from kzbrief.tui.view import View

from .flow import Flow
from .nav_list import NavList, Row
from .pane import Pane
from .scroller import Scroller


class ComparePane(Pane):
    KINDS = ("contested",)
    PARTS = ("contested",)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._points: dict[str, Contested] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="compare-context", classes="context")
        yield NavList(id="compare-list")
        with Scroller(id="compare-detail-scroll", classes="detail"):
            yield Flow(id="compare-detail")

    @property
    def points_list(self) -> NavList:
        return self.query_one("#compare-list", NavList)

    def draw(self, view: View) -> None:
        points = query.contested(view.bset, view.topic)
        self._points = {p.id: p for p in points}
        rows = [Row(p.id, partial(point_row, p, view), 1) for p in points]
        self.points_list.show_rows(rows)
        noun = "contested point" if len(points) == 1 else "contested points"
        context = f"{view.topic_title} · {len(points)} {noun} · ◀●─▶ where the shown sources stand"
        self.query_one("#compare-context", Static).update(lit(context, "$text-muted"))
        if not points:
            self._show(None)

    @on(OptionList.OptionHighlighted, "#compare-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = self.points_list.current
        self._show(self._points.get(key) if key else None)

    @on(OptionList.OptionSelected, "#compare-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.set_focus(self.query_one("#compare-detail-scroll"))

    def _show(self, point: Contested | None) -> None:
        view = self.view
        flow = self.query_one("#compare-detail", Flow)
        if point is None or view is None:
            flow.show(lambda _w: [Content("No contested points for this topic.")])
        else:
            flow.show(lambda width: compare_detail(point, view, width))
        self.query_one("#compare-detail-scroll", Scroller).scroll_home(animate=False)

    def main_widget(self) -> Widget:
        return self.points_list

    def detail_widget(self) -> Widget:
        return self.query_one("#compare-detail-scroll")

    def select(self, kind: str, key: str) -> bool:
        return kind == "contested" and self.points_list.select_key(key)

    def quotes(self) -> tuple[str, list[Quote]]:
        key = self.points_list.current
        if self.view is None or key not in self._points:
            return "", []
        point = self._points[key]
        shown = [q for p in ordered(point, self.view) for q in p.quotes]
        return f"Compare · {point.question}", shown

    def copy_text(self) -> str | None:
        key = self.points_list.current
        if self.view is None or key not in self._points:
            return None
        return citation.contested(self._points[key], self.view.bset, self.view.place)
