"""The Timeline tab: events by year, who reports each, and the chosen event's quotes."""

from __future__ import annotations

from functools import partial
from itertools import groupby
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief import query
from kzbrief.model import Event, Quote
from kzbrief.text import plural
from kzbrief.tui import citation
from kzbrief.tui.draw.common import lit
from kzbrief.tui.draw.timeline import date_width, event_detail, event_row, year_row
from kzbrief.tui.view import View

from .flow import Flow
from .nav_list import NavList, Row, fixed
from .pane import Pane
from .scroller import Scroller


class TimelinePane(Pane):
    KINDS = ("event",)
    PARTS = ("events",)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f",
            "filter_source",
            "One source",
            tooltip="Timeline: only one source's events; again for the next source, then all",
            id="timeline-filter",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.only: str | None = None
        """Show only the events this source reports; None for every shown source."""
        self._events: dict[str, Event] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-context", classes="context")
        yield NavList(id="timeline-list")
        with Scroller(id="timeline-detail-scroll", classes="detail"):
            yield Flow(id="timeline-detail")

    @property
    def events_list(self) -> NavList:
        return self.query_one("#timeline-list", NavList)

    def draw(self, view: View) -> None:
        if self.only is not None and not view.shows(self.only):
            self.only = None
        chosen = [
            e
            for e in query.events(view.bset, topic=view.topic, source=self.only)
            if any(view.shows(q.source) for q in e.quotes)
        ]
        self._events = {e.id: e for e in chosen}
        dates = date_width(chosen)
        rows: list[Row] = []
        for year, group in groupby(chosen, key=lambda e: e.date[:4]):
            items = list(group)
            heading = year_row(year, len(items))
            rows.append(Row(None, fixed(heading), 1))
            unknown = all(len(e.date.rstrip("~")) == 4 for e in items)  # no month anywhere
            for e in items:
                if not unknown and len(e.date.rstrip("~")) == 4:
                    unknown = True  # the year-only events, after the dated ones
                    rows.append(Row(None, fixed(lit(f"  {year}, month unknown", "$text-muted")), 1))
                rows.append(Row(e.id, partial(event_row, e, view, dates=dates), 1))
        self.events_list.show_rows(rows)
        by = view.legend.label(self.only) if self.only else "any shown source"
        context = lit(
            f"{view.topic_title} · {plural(len(chosen), 'event')} · reported by {by}", "$text-muted"
        )
        self.query_one("#timeline-context", Static).update(
            context + lit("   f: one source", "$text-muted")
        )
        if not chosen:
            self._show(None)

    @on(OptionList.OptionHighlighted, "#timeline-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = self.events_list.current
        self._show(self._events.get(key) if key else None)

    @on(OptionList.OptionSelected, "#timeline-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.set_focus(self.query_one("#timeline-detail-scroll"))

    def _show(self, chosen: Event | None) -> None:
        view = self.view
        flow = self.query_one("#timeline-detail", Flow)
        if chosen is None or view is None:
            flow.show(lambda _w: [Content("No events for this topic and these sources.")])
        else:
            flow.show(lambda width: event_detail(chosen, view, width))
        self.query_one("#timeline-detail-scroll", Scroller).scroll_home(animate=False)

    def action_filter_source(self) -> None:
        """Cycle: every shown source, then each shown source on its own."""
        if self.view is None:
            return
        cycle: list[str | None] = [None, *self.view.shown]
        at = cycle.index(self.only) if self.only in cycle else 0
        self.only = cycle[(at + 1) % len(cycle)]
        view, self.view = self.view, None
        self.show_view(view)

    def main_widget(self) -> Widget:
        return self.events_list

    def detail_widget(self) -> Widget:
        return self.query_one("#timeline-detail-scroll")

    def select(self, kind: str, key: str) -> bool:
        if kind != "event":
            return False
        if key not in self._events and self.only is not None and self.view is not None:
            self.only = None
            view, self.view = self.view, None
            self.show_view(view)
        return self.events_list.select_key(key)

    def quotes(self) -> tuple[str, list[Quote]]:
        key = self.events_list.current
        if self.view is None or key not in self._events:
            return "", []
        event = self._events[key]
        view = self.view
        return f"Event · {event.title}", [q for q in event.quotes if view.shows(q.source)]

    def copy_text(self) -> str | None:
        key = self.events_list.current
        if self.view is None or key not in self._events:
            return None
        return citation.event(self._events[key], self.view.bset, self.view.place)
