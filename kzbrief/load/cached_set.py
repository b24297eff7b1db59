"""A set read back from the parse cache, each part checked and decoded when first used.

Decoding a whole 100× set takes ~140 ms, while `kzbrief topics` needs only its topics
(~10 ms) and the counts stored beside them, so parts stay encoded until they are read.

A cache file is data from disk like any other: it may have been swapped with another
entry, edited, truncated or written by another program. Its outline names the key it
was stored under and holds a checksum of each part, and is itself checksummed; a part
is used only when its bytes give the checksum the outline holds for that key and name.
So what the cache gives is exactly what kzbrief parsed, sanitised and stored.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
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

from .digest import checksum
from .head_types import VIEWS

PART_TYPES: dict[str, Any] = {f.name: f.type for f in msgspec.structs.fields(BriefingSet)}


def view_name(part: str, kind: type) -> str:
    """The name a part is stored under read as `kind` (see `head_types.VIEWS`)."""
    return f"{part}:{kind.__name__}"


# Every part a cache file holds: the set's own, then each view of one.
STORED_PARTS = (*PART_TYPES, *(view_name(part, kind) for part, kind in VIEWS.items()))
_decoders: dict[str, msgspec.msgpack.Decoder[Any]] = {}
_view_decoders: dict[type, msgspec.msgpack.Decoder[Any]] = {}

T = TypeVar("T")


def part_decoder(name: str) -> msgspec.msgpack.Decoder[Any]:
    """The decoder of one part of a set (`PART_TYPES`), made once."""
    decoder = _decoders.get(name)
    if decoder is None:
        decoder = _decoders[name] = msgspec.msgpack.Decoder(PART_TYPES[name])
    return decoder


class Outline(msgspec.Struct, array_like=True, gc=False):
    """What a cache file holds besides its parts: its key, the topic counts and the
    checksum of each part."""

    key: str
    total: TopicCount
    counts: dict[str, TopicCount]
    sums: dict[str, bytes]


class Stored(msgspec.Struct, array_like=True, gc=False):
    """A cache file: a checksummed outline, and each part of the set encoded on its own."""

    check: bytes
    outline: memoryview
    # Each part is msgpack inside a msgpack `bin`: reading the file steps over a part by its
    # length and lends a view of it (no copy), where nested msgpack would be walked byte by
    # byte: a 100× set's 28 MB, every page of it read, to reach the 2 MB of its topics.
    parts: dict[str, memoryview]

    @classmethod
    def of(cls, key: str, bset: BriefingSet) -> Stored:
        counts = bset.topic_counts()
        total = counts.pop(None)
        encode = msgspec.msgpack.encode
        parts = {name: encode(getattr(bset, name)) for name in PART_TYPES}
        for part, kind in VIEWS.items():  # each listing's view, decoded as it reads it
            parts[view_name(part, kind)] = encode(_view_decoder(kind).decode(parts[part]))
        sums = {name: _part_sum(key, name, data) for name, data in parts.items()}
        counted = {k: v for k, v in counts.items() if k is not None}
        outline = encode(Outline(key, total, counted, sums))
        views = {name: memoryview(data) for name, data in parts.items()}
        return cls(checksum("outline", outline), memoryview(outline), views)

    def opened(self, key: str) -> Outline | None:
        """The outline, when it is sound, is the one stored under `key`, and has a checksum
        for every part; None for a damaged, swapped or foreign file."""
        if checksum("outline", self.outline) != self.check:
            return None
        try:
            outline = _outline_decoder.decode(self.outline)
        except msgspec.DecodeError:
            return None
        if outline.key != key or not set(outline.sums) == set(STORED_PARTS) == set(self.parts):
            return None
        return outline


def _part_sum(key: str, name: str, data: bytes | memoryview) -> bytes:
    return checksum(f"{key}/{name}", data)


_outline_decoder = msgspec.msgpack.Decoder(Outline)


def _view_decoder(kind: type[T]) -> msgspec.msgpack.Decoder[list[T]]:
    decoder = _view_decoders.get(kind)
    if decoder is None:
        decoder = _view_decoders[kind] = msgspec.msgpack.Decoder(list[kind])  # type: ignore[valid-type]
    return decoder


class CacheDamaged(Exception):
    """A cache entry decoded in outline but not in part, and the files no longer give it."""


class _Part(Generic[T]):
    """One part of a `CachedSet`: decoded on first access, then a plain attribute."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: CachedSet, owner: type | None = None) -> T:
        # The reader decodes on its UI thread while a worker (placing the quotes in the
        # documents) may read the same part: one decodes, the other waits and takes it.
        # Unlocked, the second could find the encoded part gone and its record not yet
        # stored, and take the cache for damaged.
        with obj._lock:
            if self.name in obj.__dict__:
                return obj.__dict__[self.name]  # type: ignore[no-any-return]
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
        self,
        stored: Stored,
        outline: Outline,
        reparse: Callable[[], BriefingSet | None],
        discard: Callable[[], None],
    ) -> None:
        self._lock = threading.RLock()
        self._stored = stored
        self._outline = outline
        self._reparse = reparse
        self._discard = discard

    def _decode(self, name: str) -> Any:
        decoder = part_decoder(name)
        data = self._stored.parts.get(name)  # there until decoded (under the set's lock)
        if data is None:
            return self._recover(name)
        # Checked as it is decoded, so a command pays only for the parts it uses.
        if _part_sum(self._outline.key, name, data) != self._outline.sums[name]:
            return self._recover(name)
        collecting = gc.isenabled()
        # Decoding makes tens of thousands of lists, each counted towards a collection
        # that would walk them all (the reader's collector is on): twice the time, for
        # records that cannot form cycles.
        gc.disable()
        try:
            value = decoder.decode(data)
        except msgspec.DecodeError:  # checked bytes that do not decode: a kzbrief bug
            return self._recover(name)
        finally:
            if collecting:
                gc.enable()
        # The encoded part is not needed again; once every part is decoded nothing holds
        # the cache file's mapping, and a reader open for hours no longer counts it.
        self._stored.parts.pop(name, None)
        if name in VIEWS:  # a view of it is read from the decoded part from now on
            self._stored.parts.pop(view_name(name, VIEWS[name]), None)
        return value

    def decoded_as(self, name: str, kind: type[T]) -> list[T] | Any:
        """Part `name` decoded as a list of `kind`, a record that reads only some of the
        fields of the part's own (unknown fields are stepped over), for one use: the part
        stays encoded for a full decode. Its own records once decoded, or when the part is
        damaged and the files were parsed again."""
        with self._lock:  # a part and its view are let go together once the part is decoded
            if name in self.__dict__ or name not in self._stored.parts:
                return getattr(self, name)
            # The part as stored for this kind of record, when it is (a fraction of the
            # size); else the part itself, its other fields stepped over.
            stored = view_name(name, kind) if VIEWS.get(name) is kind else name
            data = self._stored.parts[stored]
            if _part_sum(self._outline.key, stored, data) != self._outline.sums[stored]:
                return self._recover(name)
            try:
                return _view_decoder(kind).decode(data)
            except msgspec.DecodeError:
                return self._recover(name)

    def _recover(self, name: str) -> Any:
        # The outline is sound but a part is not (damaged since, or changed by hand): drop
        # the entry and parse the files' bytes, the very bytes its key was made from.
        self._discard()
        whole = self._reparse()
        if whole is None:
            raise CacheDamaged("the parse cache was damaged; run the command again")
        self.__dict__.update({part: getattr(whole, part) for part in PART_TYPES})
        return self.__dict__[name]

    def source(self, source_id: str) -> Source | None:
        return find_source(self.sources, source_id)

    def topic_counts(self) -> dict[str | None, TopicCount]:
        counts: dict[str | None, TopicCount] = {None: self._outline.total}
        counts.update(self._outline.counts)
        return counts

    def decode_all(self) -> None:
        """Decode every part not yet used (raises CacheDamaged as a part's use would)."""
        self.decode(*PART_TYPES)

    def decode(self, *names: str) -> None:
        """Decode these parts, if not yet used (raises CacheDamaged as their use would)."""
        for name in names:
            getattr(self, name)

    def decoding(self) -> Iterator[str]:
        """Decode the parts not yet used one at a time, naming each once it is decoded, so
        a caller can let other work run between them (a 100× set's largest part takes
        ~60 ms, all of them ~300 ms). Raises CacheDamaged as a part's use would."""
        for name in PART_TYPES:
            if name not in self.__dict__:
                getattr(self, name)
                yield name

    def whole(self) -> BriefingSet:
        return BriefingSet(**{name: getattr(self, name) for name in PART_TYPES})
