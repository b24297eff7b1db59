"""A set read back from the parse cache, each part decoded when first used.

Decoding a whole 100× set takes ~140 ms, while `kzbrief topics` needs only its topics
(~10 ms) and the counts stored beside them, so parts stay encoded until they are read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import msgspec

from kzbrief.model import (
    Briefing,
    BriefingSet,
    Contested,
    Entry,
    Event,
    Figure,
    Framing,
    Measure,
    Source,
    Topic,
    TopicCount,
    find_source,
)

PART_TYPES: dict[str, Any] = {f.name: f.type for f in msgspec.structs.fields(BriefingSet)}
_decoders: dict[str, msgspec.msgpack.Decoder[Any]] = {}

T = TypeVar("T")


class Stored(msgspec.Struct, array_like=True, gc=False):
    """A cache file: the topic counts, and each part of the set encoded on its own."""

    total: TopicCount
    counts: dict[str, TopicCount]
    # Each part is msgpack inside a msgpack `bin`: reading the file steps over a part by its
    # length and lends a view of it (no copy), where nested msgpack would be walked byte by
    # byte: a 100× set's 28 MB, every page of it read, to reach the 2 MB of its topics.
    parts: dict[str, memoryview]

    @classmethod
    def of(cls, bset: BriefingSet) -> Stored:
        counts = bset.topic_counts()
        total = counts.pop(None)
        encode = msgspec.msgpack.encode
        parts = {name: memoryview(encode(getattr(bset, name))) for name in PART_TYPES}
        return cls(total, {k: v for k, v in counts.items() if k is not None}, parts)


class CacheDamaged(Exception):
    """A cache entry decoded in outline but not in part, and the files no longer give it."""


class _Part(Generic[T]):
    """One part of a `CachedSet`: decoded on first access, then a plain attribute."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: CachedSet, owner: type | None = None) -> T:
        value: T = obj._decode(self.name)
        obj.__dict__[self.name] = value  # shadows this (non-data) descriptor from now on
        return value


class CachedSet:
    """Reads like a `BriefingSet` (it is a `SetParts`); `whole()` makes one."""

    briefing: _Part[Briefing] = _Part()
    sources: _Part[list[Source]] = _Part()
    topics: _Part[list[Topic]] = _Part()
    events: _Part[list[Event]] = _Part()
    framing: _Part[list[Framing]] = _Part()
    contested: _Part[list[Contested]] = _Part()
    measures: _Part[list[Measure]] = _Part()
    figures: _Part[list[Figure]] = _Part()
    glossary: _Part[list[Entry]] = _Part()

    def __init__(
        self, stored: Stored, reparse: Callable[[], BriefingSet | None], discard: Callable[[], None]
    ) -> None:
        self._stored = stored
        self._reparse = reparse
        self._discard = discard

    def _decode(self, name: str) -> Any:
        decoder = _decoders.get(name)
        if decoder is None:
            decoder = _decoders[name] = msgspec.msgpack.Decoder(PART_TYPES[name])
        try:
            value = decoder.decode(self._stored.parts[name])
        except KeyError:  # another thread decoded it a moment ago, or a damaged file
            return self.__dict__[name] if name in self.__dict__ else self._recover(name)
        except msgspec.DecodeError:
            return self._recover(name)
        # The encoded part is not needed again; once every part is decoded nothing holds
        # the cache file's mapping, and a reader open for hours no longer counts it.
        self._stored.parts.pop(name, None)
        return value

    def _recover(self, name: str) -> Any:
        # The outline decoded but a part does not (a damaged or foreign file): drop the
        # entry and parse the files' bytes, the very bytes its key was made from.
        self._discard()
        whole = self._reparse()
        if whole is None:
            raise CacheDamaged("the parse cache was damaged; run the command again")
        self.__dict__.update({part: getattr(whole, part) for part in PART_TYPES})
        return self.__dict__[name]

    def source(self, source_id: str) -> Source | None:
        return find_source(self.sources, source_id)

    def topic_counts(self) -> dict[str | None, TopicCount]:
        counts: dict[str | None, TopicCount] = {None: self._stored.total}
        counts.update(self._stored.counts)
        return counts

    def decode_all(self) -> None:
        """Decode every part not yet used (raises CacheDamaged as a part's use would)."""
        for name in PART_TYPES:
            getattr(self, name)

    def whole(self) -> BriefingSet:
        return BriefingSet(**{name: getattr(self, name) for name in PART_TYPES})
