"""Find the item a person meant by an id, a title or a label, or say which ids are near.

People type what they see: `--source Orozova` (a label), `--topic Foreign` (a title's
start), `compare neutral` (an id's start). An exact id always wins; then an id or a title
or label equal but for case; then the one item whose id, title or label starts with (or
holds) what was typed. Several such items, or none, is an error naming the nearest ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class NoSuchItem(LookupError):
    """`wanted` names no item, or several: the message says which ids are near."""


def _names(item: Any) -> list[str]:
    """An item's id, then whatever a person reads as its name (title, label, question)."""
    names = [item.id]
    for attr in ("label", "title", "question"):
        value = getattr(item, attr, None)
        if isinstance(value, str) and value:
            names.append(value)
    return names


def find(items: Sequence[T], wanted: str, what: str) -> T:
    """The item `wanted` names (see the module's docstring), or NoSuchItem."""
    for item in items:
        if item.id == wanted:  # type: ignore[attr-defined]
            return item
    folded = wanted.casefold().strip()
    if not folded:
        raise NoSuchItem(f"an empty {what} names nothing")
    for test in (
        lambda name: name.casefold() == folded,
        lambda name: name.casefold().startswith(folded),
        lambda name: folded in name.casefold(),
    ):
        matches = [item for item in items if any(test(n) for n in _names(item))]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            many = ", ".join(m.id for m in matches)  # type: ignore[attr-defined]
            raise NoSuchItem(f"{what} {wanted!r} could be any of: {many}")
    from difflib import get_close_matches  # here: only a miss needs it

    known: list[str] = [item.id for item in items]  # type: ignore[attr-defined]
    near = get_close_matches(wanted, known, n=3, cutoff=0.6)
    if near:
        raise NoSuchItem(f"no {what} {wanted!r}; did you mean {' or '.join(map(repr, near))}?")
    shown = ", ".join(known[:20]) + (f", ... ({len(known)} in all)" if len(known) > 20 else "")
    raise NoSuchItem(f"no {what} {wanted!r} (known: {shown or 'none'})")
