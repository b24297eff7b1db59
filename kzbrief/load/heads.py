"""Contested points and events as listings show them, decoded from the parse cache without
the rest.

`kzbrief summary` and `kzbrief compare` list each point's id and question and count its
positions; `kzbrief timeline` shows each event's date, title and sources. Decoding the
whole part, every position's and event's summary and quotes with it, was most of their
time at 100×: ~40 ms for 1,900 points or 6,600 events, against ~6–12 ms for what is shown.
Listings name sources by label and colour, and `summary` lists their dates, genres, titles
and theses: ~1 ms for 500 sources, against ~13 ms with their other metadata and slips;
`summary` and `topics` list topics' ids and titles: ~1 ms for 1,000, against ~11 ms with
their claims.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from typing import Protocol

from kzbrief.model import Attested, Genre, SetParts

from .cached_set import CachedSet
from .head_types import EventHead, PointHead, SourceHead, TopicHead


class PointLike(Protocol):
    """What a listing reads of a point: a `Contested` or a `PointHead`."""

    @property
    def id(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def topics(self) -> list[str]: ...
    @property
    def positions(self) -> Sized: ...


class QuoteLike(Protocol):
    @property
    def source(self) -> str: ...


class EventLike(Protocol):
    """What a listing reads of an event: an `Event` or an `EventHead`."""

    @property
    def id(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def topics(self) -> list[str]: ...
    @property
    def quotes(self) -> Sequence[QuoteLike]: ...


class TopicLike(Protocol):
    """What a listing reads of a topic: a `Topic` or a `TopicHead`."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


def topic_heads(bset: SetParts) -> Sequence[TopicLike]:
    """The topics, in file order: from a cached set whose topics are not decoded yet, as
    `TopicHead`s; else the topics themselves."""
    if isinstance(bset, CachedSet):
        heads: Sequence[TopicLike] = bset.decoded_as("topics", TopicHead)
        return heads
    return bset.topics


class SourceLike(Protocol):
    """What a listing reads of a source: a `Source` or a `SourceHead`."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> Attested: ...
    @property
    def genre(self) -> Genre: ...
    @property
    def thesis(self) -> str: ...


def source_heads(bset: SetParts) -> Sequence[SourceLike]:
    """The sources, in file order: from a cached set whose sources are not decoded yet, as
    `SourceHead`s; else the sources themselves."""
    if isinstance(bset, CachedSet):
        heads: Sequence[SourceLike] = bset.decoded_as("sources", SourceHead)
        return heads
    return bset.sources


def event_heads(bset: SetParts) -> Sequence[EventLike]:
    """The events: from a cached set whose events are not decoded yet, as `EventHead`s;
    else the events themselves."""
    if isinstance(bset, CachedSet):
        heads: Sequence[EventLike] = bset.decoded_as("events", EventHead)
        return heads
    return bset.events


def contested_heads(bset: SetParts, topic: str | None = None) -> Sequence[PointLike]:
    """The points on `topic` (every point when None): from a cached set whose points are
    not decoded yet, as `PointHead`s; else the points themselves."""
    points: Sequence[PointLike]
    if isinstance(bset, CachedSet):
        points = bset.decoded_as("contested", PointHead)
    else:
        points = bset.contested
    return [p for p in points if not topic or topic in p.topics]
