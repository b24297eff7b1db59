"""What `--json` prints for each listing command: the records `export` writes, keyed alike.

Every item is encoded as `kzbrief export --format json` encodes it (msgspec, the model's
own field names), so a script written against one works on the other. What a listing adds
(a topic's counts) is under a key of its own.
"""

from __future__ import annotations

from typing import Any

import msgspec

from kzbrief import query
from kzbrief.model import Contested, Event, SetParts, Topic


def _plain(obj: object) -> Any:
    return msgspec.to_builtins(obj)


def topics(bset: SetParts, only: Topic | None = None) -> list[Any]:
    counts = bset.topic_counts()
    return [
        {**_plain(t), "counts": counts[t.id]._asdict()}
        for t in bset.topics
        if only is None or t.id == only.id
    ]


def summary(bset: SetParts, topic: Topic | None) -> dict[str, Any]:
    return {
        "briefing": _plain(bset.briefing),
        "topic": _plain(topic) if topic else None,
        "sources": _plain(query.sources_by_date(bset)),
        "topics": topics(bset, topic),
        "contested": _plain(query.contested(bset, topic.id if topic else None)),
    }


def timeline(events: list[Event]) -> dict[str, Any]:
    return {"events": _plain(events)}


def contested(points: list[Contested]) -> dict[str, Any]:
    return {"contested": _plain(points)}


def sources(bset: SetParts) -> dict[str, Any]:
    return {"sources": _plain(bset.sources)}


def encode(data: object) -> bytes:
    return msgspec.json.format(msgspec.json.encode(data), indent=2) + b"\n"
