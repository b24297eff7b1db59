"""A reloaded set keeps the records of the set shown before it that did not change.

Under --watch, each save made a whole new set while the last one was still shown, so
for a moment the reader held two. Python's allocator gives memory back only in whole
1 MB arenas, and the two sets' records were strewn among the same arenas: once the old
set was let go, each arena still held some of the new one. Save after save the live set
spread over the arenas of a swap's peak (at 100×: 108 arenas after the first save, 152
after the twelfth, with the same 90 MB of objects in use), and the reader settled at the
peak of a swap rather than at the size of one set.

A save usually changes a few records. Records are frozen and hold only text, enums and
lists of records, so equal records say the same thing (tests/test_reuse.py holds the
model to that) and one equal to a record of the shown set can be that record. A part
whose bytes are those of the shown set's part is not decoded at all; in a part that
changed, each record equal to one shown is the shown one (its fresh copy freed at once).
What stays alive is the old set's records, where they were, and the few that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from kzbrief.model import BriefingSet, SetParts

from .cached_set import PART_TYPES, CachedSet, part_decoder


def decoded_reusing(parts: Mapping[str, msgspec.Raw], shown: SetParts | None) -> BriefingSet:
    """The set whose parts are encoded in `parts` (msgpack, one per part of a set), made
    from `shown`'s own parts and records wherever they are equal. Raises msgspec's
    DecodeError (ValidationError) for parts that do not decode, as a decoder would, and
    KeyError for a missing part."""
    values: dict[str, Any] = {}
    for name in PART_TYPES:
        data = parts[name]
        old = _decoded_part(shown, name) if shown is not None else None
        if old is not None and memoryview(data) == msgspec.msgpack.encode(old):
            values[name] = old  # the same bytes: the same records
            continue
        value = part_decoder(name).decode(data)
        values[name] = _reused(value, old) if old is not None else value
    return BriefingSet(**values)


def reusing(new: BriefingSet, shown: SetParts | None) -> BriefingSet:
    """`new`, equal to it, with every record (or part) equal to one of `shown`'s being
    `shown`'s own."""
    if shown is None or shown is new:
        return new
    kept = {}
    for name in PART_TYPES:
        old = _decoded_part(shown, name)
        if old is not None:
            kept[name] = _reused(getattr(new, name), old)
    return msgspec.structs.replace(new, **kept)


def _decoded_part(shown: SetParts, name: str) -> Any:
    """A part of `shown`, or None for one a cached set has not decoded yet: decoding it
    here would cost more than it saves."""
    if isinstance(shown, CachedSet):
        return vars(shown).get(name)  # a cached set's decoded parts are its attributes
    return getattr(shown, name)


def _reused(new: Any, old: Any) -> Any:
    if new == old:
        return old
    if not isinstance(new, list) or not isinstance(old, list):
        return new
    # Matched by id where records have one (an inserted record shifts those after it),
    # else by position.
    if new and all(hasattr(r, "id") for r in (new[0], *old[:1])):
        by_id = {r.id: r for r in old}
        return [_same(r, by_id.get(r.id)) for r in new]
    return [_same(r, old[i] if i < len(old) else None) for i, r in enumerate(new)]


def _same(record: Any, old: Any) -> Any:
    return old if old is not None and old == record else record
