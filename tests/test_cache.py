"""The parse cache: parts decoded on first use, damage repaired, unchanged files not read."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import msgspec
import pytest
from helpers import damage_cached_part

from kzbrief.load import CacheDamaged, load_set, unchanged
from kzbrief.load import briefing_set as loader
from kzbrief.load.cached_set import CachedSet
from kzbrief.model import BriefingSet


def _cached(root: Path) -> CachedSet:
    assert load_set(root).ok  # parses and writes the entry
    loaded = load_set(root)
    assert isinstance(loaded.briefing, CachedSet)
    return loaded.briefing


def _entries(cache: Path) -> list[Path]:
    return list(cache.glob("*.msgpack"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (the real wait is two seconds)."""
    monkeypatch.setattr(unchanged, "SETTLE_NS", -(10**12))


def test_parts_are_decoded_only_when_used(mini_copy: Path, cache: Path) -> None:
    whole = load_set(mini_copy, use_cache=False).whole()
    assert whole is not None
    cached = _cached(mini_copy)
    assert cached.topics == whole.topics
    assert cached.topic_counts() == whole.topic_counts()  # stored, not counted again
    assert "events" not in vars(cached) and "glossary" not in vars(cached)
    assert cached.events == whole.events and "events" in vars(cached)
    assert cached.whole() == whole
    assert cached.source(whole.sources[0].id) == whole.sources[0]


def test_a_part_asked_for_by_two_threads_at_once_is_decoded_once(
    mini_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader's UI thread and its placing thread may reach for one part together: each
    # must get the one decoded record, and neither may take the cache for damaged.
    cached = _cached(mini_copy)
    from kzbrief.load import cached_set

    checked = cached_set._part_sum

    def slow_sum(key: str, name: str, data: bytes | memoryview) -> bytes:
        time.sleep(0.05)  # every thread is inside a decode before any has finished
        return checked(key, name, data)

    def no_recovery(name: str) -> None:
        raise AssertionError(f"{name}: taken for damaged")

    monkeypatch.setattr(cached_set, "_part_sum", slow_sum)
    monkeypatch.setattr(cached, "_recover", no_recovery)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(cached.events)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(got) == 6 and all(events is cached.events for events in got)


def test_a_damaged_part_is_parsed_again_and_the_entry_dropped(mini_copy: Path, cache: Path) -> None:
    whole = load_set(mini_copy).whole()
    damage_cached_part(cache, "events")
    cached = load_set(mini_copy).briefing
    assert isinstance(cached, CachedSet)
    assert whole is not None and cached.events == whole.events
    assert _entries(cache) == []  # the next load writes a sound one


def test_damage_with_files_that_no_longer_parse_is_an_error(
    mini_copy: Path, cache: Path, settled: None
) -> None:
    cached = _cached(mini_copy)  # found by the files' status: it parses them afresh
    cached._stored.parts["events"] = memoryview(b"\xc1")  # never valid msgpack
    (mini_copy / "timeline.yaml").write_text("events: [")
    with pytest.raises(CacheDamaged):
        _ = cached.events


def test_unchanged_files_are_not_read(
    mini_copy: Path, cache: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_set(mini_copy).whole()

    def no_reading(*_: object, **__: object) -> None:
        raise AssertionError("a file was read")

    monkeypatch.setattr(loader, "read_with_stat", no_reading)
    again = load_set(mini_copy)
    assert isinstance(again.briefing, CachedSet) and again.whole() == first


def test_an_edit_of_the_same_size_is_seen(mini_copy: Path, cache: Path, settled: None) -> None:
    assert load_set(mini_copy).ok
    time.sleep(0.05)  # past the clock tick of the recorded change time
    topics = mini_copy / "topics.yaml"
    text = topics.read_text()
    topics.write_text(text.replace("title: Foreign policy", "title: Foreign POLICY", 1))
    edited = load_set(mini_copy).briefing
    assert edited is not None and edited.topics[0].title == "Foreign POLICY"


def test_a_stray_file_added_later_is_reported(mini_copy: Path, cache: Path, settled: None) -> None:
    assert load_set(mini_copy).ok
    (mini_copy / "notes.yaml").write_text("x: y\n")
    loaded = load_set(mini_copy)
    assert not loaded.ok and "notes.yaml" in str(loaded.problems[0])


def test_files_changed_just_now_are_not_recorded(mini_copy: Path, cache: Path) -> None:
    # The copy was written this instant: a second write in the same clock tick could
    # leave every time as it is, so these files must be read and hashed next time too.
    assert load_set(mini_copy).ok
    assert not list(cache.glob("unchanged-*"))


def test_a_record_for_another_folder_or_damaged_is_ignored(
    mini_copy: Path, cache: Path, settled: None
) -> None:
    assert load_set(mini_copy).ok
    [record] = cache.glob("unchanged-*")
    record.write_bytes(b"\x93garbage")
    assert load_set(mini_copy).ok
    record.write_bytes(msgspec.msgpack.encode(unchanged.Record(b"/elsewhere", "0" * 40, {})))
    assert load_set(mini_copy).ok


def test_no_cache_bypasses_the_record(
    mini_copy: Path, cache: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_set(mini_copy).ok
    loaded = load_set(mini_copy, use_cache=False)
    assert isinstance(loaded.briefing, BriefingSet)


def test_the_cache_keeps_to_its_size_dropping_the_least_recently_used(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    from helpers import MINI

    from kzbrief.load import cache as cache_module

    roots = []
    for n in range(4):  # four sets with different bytes: four entries
        root = tmp_path / f"set{n}"
        shutil.copytree(MINI, root)
        (root / "briefing.yaml").write_text(
            (root / "briefing.yaml").read_text().replace("Mini briefing", f"Mini {n}")
        )
        roots.append(root)
    assert load_set(roots[0]).ok
    [first] = _entries(cache)
    monkeypatch.setattr(cache_module, "MAX_CACHE_BYTES", 3 * first.stat().st_size)
    (cache / ".kzbrief-tmp-crash_01").write_bytes(b"x")  # left by an interrupted write
    os.utime(cache / ".kzbrief-tmp-crash_01", (0, 0))
    old = time.time() - 2 * cache_module.TOUCH_AFTER_S
    os.utime(first, (old, old))
    for root in roots[1:3]:
        assert load_set(root).ok
    assert load_set(roots[0]).ok  # a hit: marked as used again
    assert load_set(roots[3]).ok  # a fourth entry: the least recently used goes
    left = _entries(cache)
    assert len(left) == 3 and first in left
    assert not (cache / ".kzbrief-tmp-crash_01").exists()
