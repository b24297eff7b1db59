"""`/`: search all the briefing's text and jump to a result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from kzbrief import query
from kzbrief.dates import display_date
from kzbrief.model import SetParts
from kzbrief.text import plural
from kzbrief.tui.draw.common import MUTED, fit, lit
from kzbrief.tui.widgets.nav_list import NavList, Row

KINDS = {"contested": "point", "glossary": "term"}
"""Shorter names for a result's kind; the others are shown as they are."""
TAG_WIDTH = 10
LIMIT = 200


def marked(text: str, needle: str, style: str) -> Content:
    """`text` with the first match of `needle` styled, literally."""
    content = Content(text)
    at = text.lower().find(needle.lower())
    if needle and at >= 0 and len(text.lower()) == len(text):
        content = content.stylize(style, at, at + len(needle))
    return content


def result_row(hit: query.Hit, needle: str, labels: dict[str, str], width: int) -> Content:
    """Two lines: kind and title, then the words around the match."""
    tag = lit(KINDS.get(hit.kind, hit.kind).ljust(TAG_WIDTH), "$text-accent")
    room = max(8, width - TAG_WIDTH)
    name = labels.get(hit.id, hit.id) if hit.kind == "framing" else hit.title
    name = f"How {name} frames it" if hit.kind == "framing" else name
    if hit.kind == "event":  # dated as everywhere else in the reader: 'c. Mar 2022'
        date, _, rest = name.partition(" ")
        name = f"{display_date(date)}  {rest}"
    title = fit(marked(" ".join(name.split()), needle, "bold reverse"), room)
    text = " ".join(hit.text.split())
    excerpt = marked(query.snippet(text, needle, room), needle, "bold $text-warning")
    excerpt = fit(excerpt, room).stylize_before(MUTED)
    return Content("\n").join([tag + title, Content(" " * TAG_WIDTH) + excerpt])


@dataclass(frozen=True)
class Found:
    """What a search was left with: its query, its results' (kind, key), and the one opened."""

    needle: str
    results: tuple[tuple[str, str], ...]
    at: int

    @property
    def item(self) -> tuple[str, str]:
        return self.results[self.at]

    def step(self, by: int) -> Found:
        """The next (or previous) result, round the end of the list."""
        return replace(self, at=(self.at + by) % len(self.results))


class SearchScreen(ModalScreen[Found | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search-close"),
        Binding("down", "newer_or_results", "Results", show=False, id="search-results"),
        Binding("up", "older", "Older query", show=False, id="search-older"),
    ]

    def __init__(self, bset: SetParts, history: Sequence[str] = ()) -> None:
        super().__init__()
        self.bset = bset
        self.history = list(history)
        """Past queries, newest first: up and down in the query walk them."""
        self._back = 0 if self.history else -1
        """Which past query the box shows; -1 when it shows what was typed."""
        self._timer: Timer | None = None
        self._shown = ""
        """The query whose results are listed."""
        self._hits: list[query.Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(
                value=self.history[0] if self.history else "",
                placeholder="Search every event, quote, position, figure, source…",
                id="search-input",
                select_on_focus=True,
            )
            yield Static(
                lit("Type to search; ↓ to the results, enter to open, esc to close.", MUTED),
                id="search-count",
            )
            yield NavList(id="search-results")

    def on_mount(self) -> None:
        if self.history:  # the last query, offered again with its results
            self.run_search()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        # Wait for a pause in typing: searching a large set on every key would lag.
        self._timer = self.set_timer(0.12, self.run_search)

    def run_search(self) -> None:
        needle = self.query_one("#search-input", Input).value.strip()
        self._search(needle)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, needle: str) -> None:
        """Search off the UI thread: a large set takes a moment, and typing must not wait."""
        hits = query.search(self.bset, needle, limit=LIMIT) if needle else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, needle, hits)

    def _show(self, needle: str, hits: list[query.Hit]) -> None:
        self._hits = hits
        labels = {s.id: s.label for s in self.bset.sources}
        rows = [Row(f"{h.kind}:{h.id}", partial(result_row, h, needle, labels), 2) for h in hits]
        self.query_one("#search-results", NavList).show_rows(
            rows, keep=rows[0].key if rows else None
        )
        count = (
            plural(len(hits), "result") + ("+" if len(hits) == LIMIT else "")
            if needle
            else "Type to search"
        )
        status = f"{count} · ↓ to the results, enter to open, n/N then walk them · ↑ older queries"
        self.query_one("#search-count", Static).update(lit(status, MUTED))
        self._shown = needle

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        needle = event.value.strip()
        if needle != self._shown:
            # Enter straight after typing: search now, in this thread, and open the first hit.
            if self._timer is not None:
                self._timer.stop()
            self._hits = query.search(self.bset, needle, limit=LIMIT)
            self._shown = needle
            if self._hits:
                self._open(f"{self._hits[0].kind}:{self._hits[0].id}")
            return
        self._open(self.query_one("#search-results", NavList).current)

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(self.query_one("#search-results", NavList).current)

    def _open(self, key: str | None) -> None:
        if not key:
            return
        results = tuple((h.kind, h.id) for h in self._hits)
        kind, _, item = key.partition(":")
        at = results.index((kind, item)) if (kind, item) in results else 0
        self.dismiss(Found(self._shown, results or ((kind, item),), at))

    def action_newer_or_results(self) -> None:
        if self._back > 0 and isinstance(self.focused, Input):
            self._recall(self._back - 1)
            return
        for results in self.query("#search-results"):  # none while the screen is composing
            self.set_focus(results)

    def action_older(self) -> None:
        if isinstance(self.focused, Input) and self._back + 1 < len(self.history):
            self._recall(self._back + 1)

    def _recall(self, back: int) -> None:
        self._back = back
        box = self.query_one("#search-input", Input)
        box.value = self.history[back]
        box.cursor_position = len(box.value)

    def action_close(self) -> None:
        self.dismiss(None)
