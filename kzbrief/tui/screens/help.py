"""`?`: what the tabs show and every key, as bound now (a user keymap included)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from kzbrief.tui.widgets.scroller import Scroller

NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "escape": "esc",
    "apostrophe": "'",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}

Group = tuple[str, Sequence[Binding]]


def key_names(keys: str) -> str:
    return " ".join(f"`{NAMES.get(k.strip(), k.strip())}`" for k in keys.split(","))


def keys_table(groups: Sequence[Group], keymap: Mapping[str, str]) -> str:
    """Every binding as Markdown, one line each, with keys as the user's keymap binds them."""
    lines: list[str] = []
    seen: set[str] = set()
    for title, bindings in groups:
        lines += ["", f"**{title}**", ""]
        for binding in bindings:
            ident = binding.id or f"{binding.key} {binding.description}"
            if ident in seen or not binding.description:
                continue
            seen.add(ident)
            text = binding.tooltip or binding.description
            if binding.id is None:  # a key the keymap cannot move: no id to offer
                lines.append(f"- {key_names(binding.key)} {text}")
                continue
            keys = keymap.get(binding.id, binding.key)
            lines.append(f"- {key_names(keys)} {text} *({binding.id})*")
    return "\n".join(lines)


def known_ids(groups: Sequence[Group]) -> set[str]:
    """The ids a user keymap can rebind: those the help lists."""
    return {b.id for _, bindings in groups for b in bindings if b.id is not None}


def help_text(groups: Sequence[Group], keymap: Mapping[str, str]) -> str:
    template = files("kzbrief.tui").joinpath("help.md").read_text(encoding="utf-8")
    return template.replace("{keys}", keys_table(groups, keymap))


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        # Imported here: Markdown and its parser cost more to import than the rest of the reader.
        from textual.widgets import Markdown

        with Scroller(id="help-scroll"):
            # Links in help text must never open a browser on their own.
            yield Markdown(self.text, open_links=False, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
