"""Messages that cross layers: a request to show one item, from search or the palette."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Jump(Message):
    """Show item `key` of `kind`: topic, event, contested, figure, source, framing, glossary."""

    kind: str
    key: str
