"""`kzbrief diff` output: Rich on a terminal, tab-separated lines on a pipe, or JSON."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

import msgspec
from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text

from kzbrief.diff import Change
from kzbrief.text import one_line

_SECTIONS = {
    "point": "Contested points",
    "position": "Positions on their axis",
    "event": "Events",
    "figure": "Figures",
    "claim": "Bottom line",
    "source": "Sources",
}


def tally(changes: Sequence[Change]) -> str:
    return f"{len(changes)} change(s)" if changes else "no changes"


def rich(changes: Sequence[Change], old: str, new: str) -> Iterator[RenderableType]:
    yield Text(f"{old} → {new}", style="bold")
    for section, group in groupby(changes, key=lambda c: c.change.split("-")[0]):
        yield Text("")
        yield Text(_SECTIONS.get(section, section), style="bold underline")
        for c in group:
            line = Text()
            line.append(c.change.split("-", 1)[1], style=_style(c.change))
            line.append(f" {c.item}", style="bold")
            if c.before or c.after:
                line.append(": ")
            if c.before:
                line.append(one_line(c.before), style="red")
            if c.before and c.after:
                line.append(" → ")
            if c.after:
                line.append(one_line(c.after), style="green")
            # Padded, not prefixed with spaces: a wrapped line keeps its indent
            yield Padding(line, (0, 0, 0, 2))
            for quote in c.quotes:
                yield Padding(Text(f"“{one_line(quote)}”", style="italic"), (0, 0, 0, 6))
    yield Text("")
    yield Text(tally(changes), style="bold")


def _style(change: str) -> str:
    if change.endswith("-added"):
        return "green"
    if change.endswith("-removed"):
        return "red"
    return "yellow"


def plain(changes: Sequence[Change]) -> Iterator[str]:
    """change, item, from, to and the new quotes (joined by ` | `): one change a line."""
    yield "change\titem\tfrom\tto\tquotes"
    for c in changes:
        quotes = " | ".join(one_line(q) for q in c.quotes)
        yield "\t".join(one_line(cell) for cell in (c.change, c.item, c.before, c.after, quotes))


def as_json(changes: Sequence[Change], old: str, new: str) -> bytes:
    data = {
        "old": old,
        "new": new,
        "changes": [
            {
                "change": c.change,
                "kind": c.kind,
                "id": c.key,
                "item": c.item,
                "from": c.before,
                "to": c.after,
                "quotes": list(c.quotes),
            }
            for c in changes
        ],
    }
    return msgspec.json.format(msgspec.json.encode(data), indent=2) + b"\n"
