"""A reloaded set keeps the records of the set shown before it that did not change: the
same set as a fresh decode, made of the shown set's own objects wherever they are equal
(so a save does not leave a second copy of the set strewn over the reader's heap)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import MINI

from kzbrief.load import load_if_cached, load_set
from kzbrief.load.cached_set import PART_TYPES, CachedSet
from kzbrief.load.reuse import decoded_reusing, reusing
from kzbrief.model import BriefingSet

replace = msgspec.structs.replace


def _set() -> BriefingSet:
    bset = load_set(MINI, use_cache=False).whole()
    assert bset is not None
    return bset


def _parts(bset: BriefingSet) -> dict[str, msgspec.Raw]:
    """The parts as a child sends them (`load.apart`)."""
    encoded = msgspec.msgpack.encode(bset)
    return msgspec.msgpack.decode(encoded, type=dict[str, msgspec.Raw])


def _edited(bset: BriefingSet) -> BriefingSet:
    """A save: a new title, a new event first (shifting the others), the last event and a
    framing entry changed."""
    events = bset.events
    new_event = replace(events[0], id="new-event", title="New")
    changed_event = replace(events[-1], title="Changed")
    framing = [replace(bset.framing[0], thesis="Changed."), *bset.framing[1:]]
    return replace(
        bset,
        briefing=replace(bset.briefing, title="Saved"),
        events=[new_event, *events[:-1], changed_event],
        framing=framing,
    )


@pytest.mark.parametrize("made", ["decoded", "reused"])
def test_a_reloaded_set_is_the_new_set_made_of_the_shown_sets_records(made: str) -> None:
    shown, fresh = _set(), _edited(_set())
    got = decoded_reusing(_parts(fresh), shown) if made == "decoded" else reusing(fresh, shown)
    assert got == fresh
    assert got.briefing.title == "Saved"
    for name in ("sources", "topics", "contested", "measures", "figures", "glossary"):
        assert getattr(got, name) is getattr(shown, name), name  # unchanged: the shown part
    # Matched by id: every event but the new and the changed one is the shown record.
    assert all(e is old for e, old in zip(got.events[1:-1], shown.events[:-1], strict=True))
    assert got.events[0].id == "new-event" and got.events[-1].title == "Changed"
    # Matched by position (no ids): the unchanged framing entry is the shown one.
    assert got.framing[0] is not shown.framing[0] and got.framing[0].thesis == "Changed."
    assert got.framing[1] is shown.framing[1]


def test_an_unchanged_set_is_the_shown_set_part_for_part() -> None:
    shown = _set()
    got = decoded_reusing(_parts(_set()), shown)
    assert got == shown
    assert all(getattr(got, name) is getattr(shown, name) for name in PART_TYPES)


def test_with_nothing_shown_the_set_is_decoded_as_sent() -> None:
    fresh = _edited(_set())
    got = decoded_reusing(_parts(fresh), None)
    assert got == fresh and reusing(fresh, None) is fresh


def test_a_part_that_does_not_decode_is_an_error_not_a_set() -> None:
    parts = _parts(_set())
    parts["events"] = msgspec.Raw(msgspec.msgpack.encode([{"id": "x"}]))
    with pytest.raises(msgspec.ValidationError):
        decoded_reusing(parts, _set())
    del parts["events"]
    with pytest.raises(KeyError):
        decoded_reusing(parts, _set())


def test_a_cached_set_lends_only_the_parts_it_has_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its other parts are not decoded for the comparison: that would cost more than it saves."""
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KZBRIEF_STATE_DIR", str(tmp_path / "state"))
    assert load_set(MINI, use_cache=True).ok
    cached = load_if_cached(MINI)
    assert isinstance(cached, CachedSet)
    sources = cached.sources
    fresh = _edited(_set())
    got: Any = decoded_reusing(_parts(fresh), cached)
    assert got == fresh and got.sources is sources
    assert set(vars(cached)) & set(PART_TYPES) == {"sources"}  # nothing else decoded


def _kinds(info: msgspec.inspect.Type, seen: set[type]) -> set[str]:
    """The kinds of value a set's fields can hold, all the way down."""
    inspect = msgspec.inspect
    kinds = {type(info).__name__}
    if isinstance(info, inspect.Metadata):
        kinds |= _kinds(info.type, seen)
    elif isinstance(info, inspect.StructType) and info.cls not in seen:
        seen.add(info.cls)
        for f in info.fields:
            kinds |= _kinds(f.type, seen)
    elif isinstance(info, inspect.ListType):
        kinds |= _kinds(info.item_type, seen)
    elif isinstance(info, inspect.UnionType):
        for member in info.types:
            kinds |= _kinds(member, seen)
    return kinds


def test_equal_records_say_the_same_thing() -> None:
    """A record is swapped for an equal one, so equal must mean the same: records hold only
    text, enums, literals and lists of records. A number, a flag or a mapping would not do
    (1 == 1.0 == True; two mappings are equal in any order): reusing records would then need
    more than `==`."""
    kinds = _kinds(msgspec.inspect.type_info(BriefingSet), set())
    allowed = {"StructType", "ListType", "StrType", "EnumType", "LiteralType", "Metadata"}
    assert kinds <= allowed | {"UnionType", "NoneType"}, kinds - allowed
