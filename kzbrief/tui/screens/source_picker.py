"""`s`: choose which sources every tab shows."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from kzbrief.tui.draw.common import MUTED, fit, lit
from kzbrief.tui.view import View


class SourcePicker(ModalScreen[frozenset[str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # enter applies and escape cancels, as in every other dialog; space ticks.
        Binding("enter,s", "apply", "Apply and close", priority=True, id="sources-apply"),
        Binding("escape", "cancel", "Cancel", id="sources-cancel"),
        Binding("a", "all", "Show all", id="sources-all"),
        Binding("o", "only", "Only the highlighted source", id="sources-only"),
        Binding("j", "down", "Down", show=False, id="down"),
        Binding("k", "up", "Up", show=False, id="up"),
    ]

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(lit("Sources shown", "bold"), id="picker-title")
            choices = [
                Selection(self._prompt(s, self.view.shows(s)), s, self.view.shows(s), id=s)
                for s in self.view.legend.ids
            ]
            yield SelectionList[str](*choices, id="picker-list")
            yield Static(
                lit("space ticks · a all · o only this one · enter applies · esc cancels", MUTED),
                id="picker-help",
            )

    def _prompt(self, source: str, shown: bool) -> Content:
        """The source's badge, id and title, and in words whether it is shown (not by colour
        alone: the tick's colour is all that tells them apart otherwise)."""
        legend = self.view.legend
        width = min(26, max((legend.badge(s).cell_length for s in legend.ids), default=0))
        state = lit("shown  ", "bold") if shown else lit("hidden ", f"italic {MUTED}")
        title = lit(f"  {source} · {_title(self.view, source)}", "" if shown else MUTED)
        return state + fit(legend.badge(source), width) + title

    @on(SelectionList.SelectedChanged, "#picker-list")
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        choices = event.selection_list
        for source in self.view.legend.ids:
            choices.replace_option_prompt(source, self._prompt(source, source in choices.selected))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_only(self) -> None:
        choices = self._list()
        if choices is None or choices.highlighted is None:
            return
        source = choices.get_option_at_index(choices.highlighted).id
        choices.deselect_all()
        if source is not None:
            choices.select(source)

    def _list(self) -> SelectionList[str] | None:
        """The list, or None while the screen is still composing: `s a` typed fast sends
        the second key before the first has finished opening this screen."""
        return next(iter(self.query("#picker-list").results(SelectionList)), None)

    def action_down(self) -> None:
        if (choices := self._list()) is not None:
            choices.action_cursor_down()

    def action_up(self) -> None:
        if (choices := self._list()) is not None:
            choices.action_cursor_up()

    def action_all(self) -> None:
        if (choices := self._list()) is not None:
            choices.select_all()

    def action_apply(self) -> None:
        choices = self._list()
        if choices is None:
            self.dismiss(None)  # closed before it opened: nothing changes
            return
        shown = set(choices.selected)
        if not shown:
            self.notify("No source chosen, so all are shown.", markup=False)
        hidden = (
            frozenset(s for s in self.view.legend.ids if s not in shown) if shown else frozenset()
        )
        self.dismiss(hidden)


def _title(view: View, source: str) -> str:
    found = view.bset.source(source)
    return found.title if found else source
