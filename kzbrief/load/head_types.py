"""What listings read of a set's records, as records of their own: a part decoded as one of
these skips every other field. The parse cache also keeps each of these parts encoded this
way (`VIEWS` below), a fraction of the part's size, so a listing of a 100× set reads
and checks ~1 MB instead of ~6 MB."""

from __future__ import annotations

import msgspec

from kzbrief.model import Attested, Genre


class Skipped(msgspec.Struct, gc=False):
    """A record decoded as nothing: only how many there are is wanted."""


class PointHead(msgspec.Struct, frozen=True, gc=False):
    """A contested point's id, question, topics and positions (each decoded as nothing)."""

    id: str
    question: str
    topics: list[str] = msgspec.field(default_factory=list)
    positions: list[Skipped] = msgspec.field(default_factory=list)


class QuoteSource(msgspec.Struct, frozen=True, gc=False):
    """A quote's source, without its words."""

    source: str


class EventHead(msgspec.Struct, frozen=True, gc=False):
    """An event's id, date, title, topics and its quotes' sources."""

    id: str
    date: str
    title: str
    topics: list[str] = msgspec.field(default_factory=list)
    quotes: list[QuoteSource] = msgspec.field(default_factory=list)


class TopicHead(msgspec.Struct, frozen=True, gc=False):
    """A topic's id and title (not its summary's claims)."""

    id: str
    title: str


class SourceHead(msgspec.Struct, frozen=True, gc=False):
    """A source's id, label, title, date, genre and thesis."""

    id: str
    label: str
    title: str
    date: Attested
    genre: Genre
    thesis: str


VIEWS: dict[str, type] = {
    "sources": SourceHead,
    "topics": TopicHead,
    "events": EventHead,
    "contested": PointHead,
}
"""The parts the cache also keeps as listings read them, and the record each is read as."""
