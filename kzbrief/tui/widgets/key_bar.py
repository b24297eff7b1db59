"""The bottom line: the keys that work here, as bound now.

Textual's Footer rebuilds a widget per key on every focus change; one line of
`Content` redrawn only when the keys change keeps moving through panes cheap.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Content | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.call_after_refresh(self._changed, self.screen)

    def _changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        parts = self._pane_keys(screen)
        seen: set[str] = set()
        palette: Content | None = None
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.action in ("command_palette", "app.command_palette"):
                palette = self._key(self.app.get_key_display(binding), "Palette")
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            parts.append(self._key(self.app.get_key_display(binding), binding.description or key))
        content = Content("  ").join(parts)
        if palette is not None:
            room = self.size.width - content.cell_length - palette.cell_length - 2
            content = content + Content(" " * max(2, room)) + palette
        if content != self._shown:
            self._shown = content
            self.update(content)

    def _pane_keys(self, screen: Screen[object]) -> list[Content]:
        """The keys of the focused pane that its bindings do not show: into a list's item,
        back out of a detail, and between panes."""
        from textual.widgets import OptionList

        focused = screen.focused
        if focused is None or screen.is_modal:
            return []
        if isinstance(focused, OptionList):
            first = self._key("enter", "Open")
        else:
            first = self._key("esc", "Back")
        return [first, self._key("h/l", "Panes")]

    @staticmethod
    def _key(key: str, description: str) -> Content:
        return Content.assemble((f" {key} ", "bold $accent"), description)

    def on_resize(self) -> None:
        self._shown = None
        self._changed(self.screen)
