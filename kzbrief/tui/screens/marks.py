"""`'`: the items marked with `m`, oldest first; enter jumps to one, `m` unmarks it."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from kzbrief.model import SetParts
from kzbrief.text import one_line
from kzbrief.tui.draw.common import MUTED, fit, lit
from kzbrief.tui.widgets.nav_list import NavList, Row

KIND_NAMES = {
    "topic": "Topic",
    "event": "Event",
    "framing": "Framing",
    "contested": "Contested",
    "figure": "Figure",
    "source": "Source",
    "glossary": "Glossary",
    "document": "Document",
}


def item_name(bset: SetParts, kind: str, key: str) -> str | None:
    """What a marked item is called in this set; None when the set no longer has it."""
    found: str | None = None
    if kind == "topic":
        found = next((t.title for t in bset.topics if t.id == key), None)
    elif kind in ("source", "framing", "document"):
        source = bset.source(key)
        found = f"{source.label} — {source.title}" if source else None
    elif kind == "event":
        found = next((e.title for e in bset.events if e.id == key), None)
    elif kind == "contested":
        found = next((c.question for c in bset.contested if c.id == key), None)
    elif kind == "figure":
        figure = next((f for f in bset.figures if f.id == key), None)
        found = f"{figure.value} {figure.unit} ({figure.period})" if figure else None
    elif kind == "glossary":
        found = next((g.term for g in bset.glossary if g.id == key), None)
    return one_line(found) if found is not None else None


def mark_row(kind: str, name: str, width: int) -> Content:
    tag = f"{KIND_NAMES.get(kind, kind)} "
    return lit(tag.ljust(11), MUTED) + fit(lit(name), max(4, width - 11))


class MarksScreen(ModalScreen[tuple[str, str] | None]):
    """Dismissed with the (kind, key) of the mark to go to."""

    DEFAULT_CSS = """
    MarksScreen { align: center middle; background: $background 60%; }
    #marks-box {
        width: 90%; max-width: 110; height: 70%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #marks-title { height: auto; padding: 0 1; }
    #marks-list { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,apostrophe", "close", "Close", id="marks-close"),
    ]

    def __init__(self, marks: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.marks = marks
        """(kind, key, name) of each mark still in the set."""

    def compose(self) -> ComposeResult:
        count = len(self.marks)
        noun = "mark" if count == 1 else "marks"
        title = lit(f"{count} {noun}", "bold") + lit(
            " · enter: go to it · esc: close · m on an item marks or unmarks it", MUTED
        )
        with Vertical(id="marks-box"):
            yield Static(title, id="marks-title")
            yield NavList(id="marks-list")

    def on_mount(self) -> None:
        rows = [
            Row(str(i), partial(mark_row, kind, name), 1)
            for i, (kind, _, name) in enumerate(self.marks)
        ]
        if not rows:
            rows = [Row(None, lambda _w: lit("No marks yet: press m on any item.", MUTED), 1)]
        marks = self.query_one("#marks-list", NavList)
        marks.show_rows(rows)
        self.set_focus(marks)

    @on(OptionList.OptionSelected, "#marks-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        current = self.query_one("#marks-list", NavList).current
        if current is not None:
            kind, key, _ = self.marks[int(current)]
            self.dismiss((kind, key))

    def action_close(self) -> None:
        self.dismiss(None)
