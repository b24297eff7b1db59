"""What changed between two versions of a set, in the reader's terms.

Items are matched by id, positions by source within their contested point, and bottom-line
claims (which have no ids) by their text in order. Each change names the reader's item it
concerns (`kind`, `key`), so the reader can badge the item and jump to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple, TypeVar

from kzbrief.model import Attested, Claim, Contested, Figure, SetParts, Source, Status
from kzbrief.text import one_line

T = TypeVar("T")


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


def _pairs(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], str]
) -> Iterator[tuple[T | None, T | None]]:
    """Items matched by `key`: (old or None, new) in the newer order, then (old, None) for
    each removed one."""
    before = {key(item): item for item in old}
    after = {key(item) for item in new}
    for item in new:
        yield before.get(key(item)), item
    for item in old:
        if key(item) not in after:
            yield item, None


def _place(stance: str | None) -> str:
    return stance or "no place"


def _contested(old: list[Contested], new: list[Contested]) -> Iterator[Change]:
    for was, now in _pairs(old, new, lambda p: p.id):
        if was is None and now is not None:
            yield Change("point-added", "contested", now.id, now.id, after=now.question)
        elif now is None and was is not None:
            yield Change("point-removed", "contested", was.id, was.id, before=was.question)
        elif was is not None and now is not None:
            yield from _positions(was, now)


def _positions(was: Contested, now: Contested) -> Iterator[Change]:
    """Positions moved on the axis (with the new quotes), added or removed."""
    for before, after in _pairs(was.positions, now.positions, lambda p: p.source):
        if after is None and before is not None:
            item = f"{now.id}/{before.source}"
            yield Change("position-removed", "contested", now.id, item, _place(before.stance))
        elif after is not None and (before is None or before.stance != after.stance):
            item = f"{now.id}/{after.source}"
            change = "position-added" if before is None else "position-moved"
            from_place = _place(before.stance) if before else ""
            quotes = tuple(q.quote for q in after.quotes)
            yield Change(
                change, "contested", now.id, item, from_place, _place(after.stance), quotes
            )


def _events(old: SetParts, new: SetParts) -> Iterator[Change]:
    for was, now in _pairs(old.events, new.events, lambda e: e.id):
        if was is None and now is not None:
            yield Change("event-added", "event", now.id, now.id, after=f"{now.date} {now.title}")
        elif now is None and was is not None:
            yield Change("event-removed", "event", was.id, was.id, before=f"{was.date} {was.title}")
        elif was is not None and now is not None and was.date != now.date:
            yield Change("event-redated", "event", now.id, now.id, was.date, now.date)


def _figure(figure: Figure) -> str:
    """'more than 2000 troops (January 2022; beta)'."""
    value = f"{figure.qualifier} {figure.value}".strip()
    return f"{value} {figure.unit} ({figure.period}; {figure.source})"


def _figures(old: list[Figure], new: list[Figure]) -> Iterator[Change]:
    for was, now in _pairs(old, new, lambda f: f.id):
        before, after = _figure(was) if was else "", _figure(now) if now else ""
        if before != after:
            figure = now or was
            assert figure is not None
            change = (
                "figure-changed" if was and now else "figure-added" if now else "figure-removed"
            )
            yield Change(change, "figure", figure.id, figure.id, before, after)


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
    for was, now in _pairs(old, new, lambda s: s.id):
        if was is None and now is not None:
            yield Change("source-added", "source", now.id, now.id, after=now.title)
        elif now is None and was is not None:
            yield Change("source-removed", "source", was.id, was.id, before=was.title)
        elif was is not None and now is not None:
            for name in _METADATA:
                before, after = getattr(was, name), getattr(now, name)
                if before != after:
                    item = f"{now.id}/{name}"
                    yield Change(
                        "source-changed", "source", now.id, item, _shown(before), _shown(after)
                    )
