"""Check every quote of a set against the documents its sources name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from kzbrief.load.files import FileProblem, read_bytes
from kzbrief.model import SetParts
from kzbrief.quotes import find_quote, normalise

_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

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


class Verified(NamedTuple):
    checked: int
    distinct: int
    misses: list[Miss]


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
    """Find each quote verbatim in its source's document under `documents`."""
    texts: dict[str, str | None] = {}
    for source in bset.sources:
        # The same untrusting reader as for briefing files: a FIFO, a link to /dev/zero or
        # out of the folder, or a huge file is "not found" rather than a hang.
        try:
            data = read_bytes(documents / source.document, documents, _MAX_DOCUMENT_BYTES)
            texts[source.id] = normalise(data.decode("utf-8"))
        except (FileProblem, UnicodeDecodeError):
            texts[source.id] = None
    misses, checked, seen = [], 0, set()
    for kind, path, source_id, quote in quotes_with_paths(bset):
        checked += 1
        seen.add(quote)
        text = texts.get(source_id)
        if source_id not in texts:
            misses.append(Miss(kind, path, source_id, quote, f"unknown source {source_id!r}"))
        elif text is None:
            document = next(s.document for s in bset.sources if s.id == source_id)
            misses.append(Miss(kind, path, source_id, quote, f"document {document!r} not found"))
        elif not find_quote(quote, text):
            misses.append(Miss(kind, path, source_id, quote, "not found verbatim"))
    return Verified(checked, len(seen), misses)
