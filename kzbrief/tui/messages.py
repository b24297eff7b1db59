"""Messages that cross layers: requests from search and the palette to the main screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Jump(Message):
    """Show item `key` of `kind`: topic, event, contested, figure, source, framing, glossary."""

    kind: str
    key: str


@dataclass
class ExportView(Message):
    """Export what the main screen shows, as `fmt`: 'md' or 'html'."""

    fmt: str


@dataclass
class PlaceFirst(Message):
    """The Documents tab waits for this document's quotes: place them before the others'."""

    document: str
