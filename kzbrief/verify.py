"""Check every quote of a set against the documents its sources name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from kzbrief.documents import read_documents
from kzbrief.model import SetParts
from kzbrief.quotes import match

# BriefingSet field -> file kind it comes from
_FILE_OF = {
    "briefing": "briefing",
    "sources": "sources",
    "topics": "topics",
    "events": "timeline",
    "framing": "framing",
    "contested": "contested",
    "measures": "figures",
    "figures": "figures",
    "glossary": "glossary",
}


class Miss(NamedTuple):
    kind: str  # the file kind, e.g. "timeline"
    path: tuple[str | int, ...]
    source: str
    quote: str
    reason: str


class Unreadable(NamedTuple):
    document: str
    problem: str
    """One line naming the file and what is wrong with it."""
    quotes: int
    """How many quotes it should hold, left unchecked."""


class Verified(NamedTuple):
    checked: int
    distinct: int
    misses: list[Miss]
    unreadable: list[Unreadable]


def quotes_with_paths(bset: SetParts) -> Iterator[tuple[str, tuple[str | int, ...], str, str]]:
    """(file kind, path in file, source id, quote) for every quote in the set."""
    for field in _FILE_OF:
        data = msgspec.to_builtins(getattr(bset, field))
        yield from _walk(_FILE_OF[field], data, (field,))


def _walk(
    kind: str, node: Any, path: tuple[str | int, ...]
) -> Iterator[tuple[str, tuple[str | int, ...], str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("quote"), str) and isinstance(node.get("source"), str):
            yield kind, path, node["source"], node["quote"]
        for key, value in node.items():
            yield from _walk(kind, value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(kind, item, (*path, index))


def verify(bset: SetParts, documents: Path) -> Verified:
    """Find each quote verbatim in its source's document under `documents`.

    A document that is missing or unreadable is one entry of `unreadable`, not a miss
    for each of its quotes: those quotes are counted there, unchecked.
    """
    read = read_documents(bset, documents)
    sources = {s.id: s.document for s in bset.sources}
    misses, checked, seen = [], 0, set()
    unchecked: dict[str, int] = {}
    for kind, path, source_id, quote in quotes_with_paths(bset):
        checked += 1
        seen.add(quote)
        name = sources.get(source_id)
        document = read.found.get(name) if name is not None else None
        if name is None:
            misses.append(Miss(kind, path, source_id, quote, f"unknown source {source_id!r}"))
        elif document is None:
            unchecked[name] = unchecked.get(name, 0) + 1
        elif match(quote, document.folded.text) is None:
            misses.append(Miss(kind, path, source_id, quote, "not found verbatim"))
    unreadable = [Unreadable(name, read.problems[name], count) for name, count in unchecked.items()]
    return Verified(checked, len(seen), misses, unreadable)
