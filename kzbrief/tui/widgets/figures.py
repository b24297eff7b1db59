"""The Figures tab: figures grouped by measure, flagged where sources give different values."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief import query
from kzbrief.model import Figure, Quote
from kzbrief.query import MeasureGroup
from kzbrief.tui import citation
from kzbrief.tui.draw.common import lit
from kzbrief.tui.draw.figures import figure_detail, figure_row, group_row
from kzbrief.tui.view import View

from .flow import Flow
from .nav_list import NavList, Row
from .pane import Pane
from .scroller import Scroller


class FiguresPane(Pane):
    KINDS = ("figure",)
    PARTS = ("figures", "measures")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._figures: dict[str, tuple[MeasureGroup, Figure]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="figures-context", classes="context")
        yield NavList(id="figures-list")
        with Scroller(id="figures-detail-scroll", classes="detail"):
            yield Flow(id="figures-detail")

    @property
    def figures_list(self) -> NavList:
        return self.query_one("#figures-list", NavList)

    def draw(self, view: View) -> None:
        self._figures = {}
        rows: list[Row] = []
        differ = 0
        for group in query.figure_groups(view.bset, view.topic):
            shown = [f for f in group.figures if view.shows(f.source)]
            if not shown:
                continue
            group = MeasureGroup(group.measure, shown)
            differ += group.differs
            rows.append(Row(None, partial(group_row, group), 1))
            for f in shown:
                self._figures[f.id] = (group, f)
                rows.append(Row(f.id, partial(figure_row, f, view), 1))
        self.figures_list.show_rows(rows)
        measures = sum(r.key is None for r in rows)
        context = (
            f"{view.topic_title} · {len(self._figures)} figures on {measures} measures"
            f" · {differ} where sources differ (≠)"
        )
        self.query_one("#figures-context", Static).update(lit(context, "$text-muted"))
        if not rows:
            self._show(None)

    @on(OptionList.OptionHighlighted, "#figures-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = self.figures_list.current
        self._show(self._figures.get(key) if key else None)

    @on(OptionList.OptionSelected, "#figures-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.set_focus(self.query_one("#figures-detail-scroll"))

    def _show(self, chosen: tuple[MeasureGroup, Figure] | None) -> None:
        view = self.view
        flow = self.query_one("#figures-detail", Flow)
        if chosen is None or view is None:
            flow.show(lambda _w: [Content("No figures for this topic and these sources.")])
        else:
            group, figure = chosen
            flow.show(lambda width: figure_detail(group, figure, view, width))
        self.query_one("#figures-detail-scroll", Scroller).scroll_home(animate=False)

    def main_widget(self) -> Widget:
        return self.figures_list

    def detail_widget(self) -> Widget:
        return self.query_one("#figures-detail-scroll")

    def select(self, kind: str, key: str) -> bool:
        return kind == "figure" and self.figures_list.select_key(key)

    def quotes(self) -> tuple[str, list[Quote]]:
        key = self.figures_list.current
        if self.view is None or key not in self._figures:
            return "", []
        group, figure = self._figures[key]
        return f"Figure · {group.measure.title}", [Quote(source=figure.source, quote=figure.quote)]

    def copy_text(self) -> str | None:
        key = self.figures_list.current
        if self.view is None or key not in self._figures:
            return None
        group, figure = self._figures[key]
        return citation.figure(figure, self.view.bset, group.measure.title, self.view.place)
