"""What changed between two versions of a set, in the reader's terms.

Items are matched by id, positions by source within their contested point, and bottom-line
claims (which have no ids) by their text in order. Each change names the reader's item it
concerns (`kind`, `key`), so the reader can badge the item and jump to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import NamedTuple

from kzbrief.model import Attested, Claim, Contested, Figure, SetParts, Source, Status
from kzbrief.text import one_line


class Change(NamedTuple):
    change: str
    """e.g. "position-moved", "event-added", "figure-changed"."""
    kind: str
    """The reader's item kind: contested, event, figure, source or bottom-line."""
    key: str
    """The item's id (for a bottom-line claim, its index in the newer version)."""
    item: str
    """How the item is named in the output, e.g. "neutrality/beta" for a position."""
    before: str = ""
    after: str = ""
    quotes: tuple[str, ...] = ()
    """The newer version's quotes, where they back the change (a moved position)."""

    @property
    def removed(self) -> bool:
        """The item is not in the newer version, so the reader cannot show it."""
        return self.change.endswith("-removed")


def diff(old: SetParts, new: SetParts) -> list[Change]:
    """Every change from `old` to `new`, grouped as a reader would look for them."""
    return [
        *_contested(old.contested, new.contested),
        *_events(old, new),
        *_figures(old.figures, new.figures),
        *_bottom_line(old.briefing.bottom_line, new.briefing.bottom_line),
        *_sources(old.sources, new.sources),
    ]


def _place(stance: str | None) -> str:
    return stance or "no place"


def _contested(old: list[Contested], new: list[Contested]) -> Iterator[Change]:
    before = {p.id: p for p in old}
    after = {p.id: p for p in new}
    for point in new:
        if point.id not in before:
            yield Change("point-added", "contested", point.id, point.id, after=point.question)
            continue
        was = {p.source: p for p in before[point.id].positions}
        now = {p.source: p for p in point.positions}
        for source, position in now.items():
            item = f"{point.id}/{source}"
            quotes = tuple(q.quote for q in position.quotes)
            if source not in was:
                place = _place(position.stance)
                yield Change("position-added", "contested", point.id, item, "", place, quotes)
            elif was[source].stance != position.stance:
                yield Change(
                    "position-moved", "contested", point.id, item,
                    _place(was[source].stance), _place(position.stance), quotes,
                )  # fmt: skip
        for source, position in was.items():
            if source not in now:
                item = f"{point.id}/{source}"
                place = _place(position.stance)
                yield Change("position-removed", "contested", point.id, item, before=place)
    for point in old:
        if point.id not in after:
            yield Change("point-removed", "contested", point.id, point.id, before=point.question)


def _events(old: SetParts, new: SetParts) -> Iterator[Change]:
    before = {e.id: e for e in old.events}
    after = {e.id: e for e in new.events}
    for event in new.events:
        if event.id not in before:
            yield Change(
                "event-added", "event", event.id, event.id, after=f"{event.date} {event.title}"
            )
        elif before[event.id].date != event.date:
            was = before[event.id].date
            yield Change("event-redated", "event", event.id, event.id, was, event.date)
    for event in old.events:
        if event.id not in after:
            was = f"{event.date} {event.title}"
            yield Change("event-removed", "event", event.id, event.id, before=was)


def _figure(figure: Figure) -> str:
    """'more than 2000 troops (January 2022; beta)'."""
    value = f"{figure.qualifier} {figure.value}".strip()
    return f"{value} {figure.unit} ({figure.period}; {figure.source})"


def _figures(old: list[Figure], new: list[Figure]) -> Iterator[Change]:
    before = {f.id: f for f in old}
    after = {f.id: f for f in new}
    for figure in new:
        if figure.id not in before:
            yield Change("figure-added", "figure", figure.id, figure.id, after=_figure(figure))
        elif _figure(before[figure.id]) != _figure(figure):
            was = _figure(before[figure.id])
            yield Change("figure-changed", "figure", figure.id, figure.id, was, _figure(figure))
    for figure in old:
        if figure.id not in after:
            yield Change("figure-removed", "figure", figure.id, figure.id, before=_figure(figure))


def _claim(claim: Claim) -> str:
    return f"{one_line(claim.text)} [{', '.join(claim.sources)}]"


def _bottom_line(old: list[Claim], new: list[Claim]) -> Iterator[Change]:
    was, now = [_claim(c) for c in old], [_claim(c) for c in new]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        # A replaced run pairs claims in order; what is left over was added or removed.
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            if i < i2 and j < j2:
                yield Change(
                    "claim-changed", "bottom-line", str(j), f"bottom-line/{j}", was[i], now[j]
                )
            elif j < j2:
                yield Change("claim-added", "bottom-line", str(j), f"bottom-line/{j}", after=now[j])
            else:
                yield Change(
                    "claim-removed", "bottom-line", str(i), f"bottom-line/{i}", before=was[i]
                )


_METADATA = (
    "label",
    "title",
    "author",
    "outlet",
    "date",
    "url",
    "genre",
    "perspective",
    "thesis",
    "document",
)


def _shown(value: object) -> str:
    if isinstance(value, Attested):
        if value.status is Status.NOT_STATED:
            return "not stated"
        reason = f": {value.reason}" if value.reason else ""
        return f"{value.value} ({value.status.value}{reason})"
    return one_line(str(value))


def _sources(old: list[Source], new: list[Source]) -> Iterator[Change]:
    before = {s.id: s for s in old}
    after = {s.id: s for s in new}
    for source in new:
        if source.id not in before:
            yield Change("source-added", "source", source.id, source.id, after=source.title)
            continue
        for name in _METADATA:
            was, now = getattr(before[source.id], name), getattr(source, name)
            if was != now:
                item = f"{source.id}/{name}"
                yield Change("source-changed", "source", source.id, item, _shown(was), _shown(now))
    for source in old:
        if source.id not in after:
            yield Change("source-removed", "source", source.id, source.id, before=source.title)
