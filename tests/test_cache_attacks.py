"""The cache cannot change what is shown: swapped, edited, truncated, foreign or special
files in the cache folder are ignored (and rebuilt), never shown, never waited on."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from helpers import MINI, ROOT

from kzbrief.load import cache as cache_module
from kzbrief.load import load_set, unchanged
from kzbrief.load.briefing_set import FILE_NAMES, _read_files, cache_key
from kzbrief.load.cached_set import CachedSet, Stored
from kzbrief.model import BriefingSet


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(folder))
    return folder


def _set(tmp_path: Path, title: str) -> Path:
    root = tmp_path / title.replace(" ", "-")
    shutil.copytree(MINI, root)
    briefing = root / "briefing.yaml"
    briefing.write_text(briefing.read_text().replace("Mini briefing", title))
    return root


def _entry(root: Path, cache: Path) -> Path:
    contents, _ = _read_files(root, [])
    return cache / f"{cache_key(contents)}.msgpack"


def _parsed(root: Path) -> BriefingSet:
    whole = load_set(root, use_cache=False).whole()
    assert whole is not None
    return whole


def _shown(root: Path) -> BriefingSet:
    """What a load through the cache gives, every part decoded."""
    loaded = load_set(root)
    assert loaded.ok, loaded.problems
    whole = loaded.whole()
    assert whole is not None
    return whole


def _strings(value: object) -> list[str]:
    built = msgspec.to_builtins(value)
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(k)
                walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(built)
    return found


def test_swapped_entries_are_not_shown_and_are_rebuilt(tmp_path: Path, cache: Path) -> None:
    a, b = _set(tmp_path, "Set A"), _set(tmp_path, "Set B")
    assert load_set(a).ok and load_set(b).ok
    entry_a, entry_b = _entry(a, cache), _entry(b, cache)
    held_a, held_b = entry_a.read_bytes(), entry_b.read_bytes()
    entry_a.write_bytes(held_b)
    entry_b.write_bytes(held_a)
    assert _shown(a).briefing.title == "Set A"
    assert _shown(b).briefing.title == "Set B"
    # Each was dropped and written again for its own key: the next load is a sound hit.
    assert entry_a.read_bytes() != held_b and entry_b.read_bytes() != held_a
    again = load_set(a).briefing
    assert isinstance(again, CachedSet) and again.briefing.title == "Set A"


@pytest.mark.parametrize("where", ["part", "outline", "check"])
def test_same_length_edits_are_never_shown(mini_copy: Path, cache: Path, where: str) -> None:
    expected = _parsed(mini_copy)
    assert load_set(mini_copy).ok
    entry = _entry(mini_copy, cache)
    data = bytearray(entry.read_bytes())
    stored = msgspec.msgpack.decode(bytes(data), type=Stored)
    if where == "part":  # text in a part: a terminal escape of the same length
        at = data.index(b"Beta sees alignment")
        data[at : at + 4] = b"\x1b[2J"
    elif where == "outline":  # a topic count in the outline (one byte of it)
        at = data.index(bytes(stored.outline)) + len(stored.outline) - 1
        data[at] ^= 0x01
    else:  # the outline's own checksum
        at = data.index(stored.check)
        data[at] ^= 0xFF
    entry.write_bytes(bytes(data))
    shown = _shown(mini_copy)
    assert shown == expected
    assert shown.topic_counts() == expected.topic_counts()
    assert not any("\x1b" in text for text in _strings(shown))


def test_a_truncated_entry_is_ignored_and_rebuilt(mini_copy: Path, cache: Path) -> None:
    expected = _parsed(mini_copy)
    assert load_set(mini_copy).ok
    entry = _entry(mini_copy, cache)
    whole = entry.read_bytes()
    for size in (0, 1, len(whole) // 2, len(whole) - 1):
        entry.write_bytes(whole[:size])
        assert _shown(mini_copy) == expected
        assert entry.read_bytes() == whole  # written again, byte for byte
    assert isinstance(load_set(mini_copy).briefing, CachedSet)


@pytest.mark.parametrize(
    "foreign",
    [
        b"\x00" * 4096,
        msgspec.msgpack.encode({"not": "an entry"}),
        msgspec.msgpack.encode([b"", b"", {}]),  # the shape of an entry, no content
    ],
)
def test_a_foreign_file_under_the_key_is_ignored(
    mini_copy: Path, cache: Path, foreign: bytes
) -> None:
    expected = _parsed(mini_copy)
    entry = _entry(mini_copy, cache)
    cache.mkdir(parents=True)
    entry.write_bytes(foreign)
    assert _shown(mini_copy) == expected
    assert entry.read_bytes() != foreign


def test_an_entry_carries_its_key_and_a_checksum_per_part(mini_copy: Path, cache: Path) -> None:
    assert load_set(mini_copy).ok
    entry = _entry(mini_copy, cache)
    stored = msgspec.msgpack.decode(entry.read_bytes(), type=Stored)
    key = entry.name.removesuffix(".msgpack")
    outline = stored.opened(key)
    assert outline is not None and outline.key == key
    assert set(outline.sums) == set(stored.parts)
    assert stored.opened("0" * 40) is None  # read under another key: refused


def _settle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unchanged, "SETTLE_NS", -(10**12))


def _limited() -> None:
    # A regression would read a device without end: stop it at 1 GB, not at the machine's.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _summary(root: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """`kzbrief summary` on `root` in a child with bounded memory and time."""
    env = {**os.environ, "KZBRIEF_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "kzbrief", "--briefing", str(root), "summary"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=30,
        stdin=subprocess.DEVNULL, preexec_fn=_limited,
    )  # fmt: skip


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("kind", ["entry", "record"])
def test_special_files_in_the_cache_never_block_or_fill_memory(
    mini_copy: Path, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    kind: str, target: str,
) -> None:  # fmt: skip
    _settle(monkeypatch)
    assert load_set(mini_copy).ok  # writes the entry and the record
    [record] = cache.glob("unchanged-*.record")
    victim = _entry(mini_copy, cache) if kind == "entry" else record
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
        target = str(tmp_path / "fifo")
    victim.unlink()
    victim.symlink_to(target)
    shown = _shown(mini_copy)  # a FIFO opened for reading would block here
    assert shown.briefing.title == "Mini briefing"
    if kind == "entry":  # the load wrote a real entry in place of the link
        assert not victim.is_symlink() and victim.is_file()
    victim.unlink()
    victim.symlink_to(target)
    result = _summary(mini_copy, cache)
    assert result.returncode == 0, result.stderr
    assert "Mini briefing" in result.stdout and "Traceback" not in result.stderr


def test_an_oversized_record_is_not_read(
    mini_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settle(monkeypatch)
    assert load_set(mini_copy).ok
    [record] = cache.glob("unchanged-*.record")
    sound = record.read_bytes()
    assert unchanged.recorded_key(mini_copy, FILE_NAMES) is not None
    record.write_bytes(sound + b"\x00" * unchanged.MAX_RECORD_BYTES)
    assert unchanged.recorded_key(mini_copy, FILE_NAMES) is None


def test_pruning_leaves_other_programs_files_and_survives_strays(cache: Path) -> None:
    cache.mkdir(parents=True)
    for n in range(5):
        (cache / f"{n:040x}.msgpack").write_bytes(b"x" * 1000)
        os.utime(cache / f"{n:040x}.msgpack", (1000 + n, 1000 + n))
    strays = {
        ".tmp-other-app": "file",  # another program's temp file, old
        ".tmp-x": "folder",  # an old folder with a temp-like name
        ".kzbrief-tmp-abcd_123": "folder",  # our pattern, but a folder: not ours
        "notes.msgpack": "file",  # not a name kzbrief gives
        "unchanged-x.record": "file",
    }
    for name, kind in strays.items():
        path = cache / name
        path.mkdir() if kind == "folder" else path.write_bytes(b"y" * 5000)
        os.utime(path, (0, 0))
    (cache / ".kzbrief-tmp-abcd_123").joinpath("inside").write_bytes(b"z")
    os.utime(cache / ".kzbrief-tmp-abcd_123", (0, 0))
    (cache / ".kzbrief-tmp-ab12cd34").write_bytes(b"t")  # ours, left by a crash long ago
    os.utime(cache / ".kzbrief-tmp-ab12cd34", (0, 0))
    (cache / ".kzbrief-tmp-ef56gh78").write_bytes(b"t")  # ours, being written right now
    cache_module.prune(cache, ".msgpack", max_bytes=1500)
    left = sorted(p.name for p in cache.iterdir())
    assert left == sorted([f"{4:040x}.msgpack", *strays, ".kzbrief-tmp-ef56gh78"])


def test_pruning_goes_on_after_an_entry_it_cannot_remove(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.mkdir(parents=True)
    names = [f"{n:040x}.msgpack" for n in range(4)]
    for n, name in enumerate(names):
        (cache / name).write_bytes(b"x" * 1000)
        os.utime(cache / name, (1000 + n, 1000 + n))
    real_unlink = os.unlink

    def stuck(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(path).name == names[2]:
            raise PermissionError(13, "Permission denied")
        real_unlink(path)

    monkeypatch.setattr(cache_module.os, "unlink", stuck)
    cache_module.prune(cache, ".msgpack", max_files=1)
    assert sorted(p.name for p in cache.iterdir()) == [names[2], names[3]]


def _with_secret(monkeypatch: pytest.MonkeyPatch, state: Path) -> None:
    """Run as a user whose state folder (and so cache secret) is `state`."""
    from kzbrief.load import secret

    monkeypatch.setenv("KZBRIEF_STATE_DIR", str(state))
    secret.cache_secret.cache_clear()


def test_an_entry_rebuilt_with_sums_by_someone_else_is_never_shown(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who can write the cache folder, but not read our key, rebuilds the entry
    for our files with their own text and sums computed as kzbrief computes them."""
    root = _set(tmp_path, "Real title")
    _with_secret(monkeypatch, tmp_path / "attacker")
    forged = _parsed(root)
    forged = msgspec.structs.replace(
        forged, briefing=msgspec.structs.replace(forged.briefing, title="Forged \x1b[2J title")
    )
    key = _entry(root, cache).name.removesuffix(".msgpack")
    cache.mkdir(parents=True, exist_ok=True)
    _entry(root, cache).write_bytes(msgspec.msgpack.encode(Stored.of(key, forged)))
    _with_secret(monkeypatch, tmp_path / "user")
    shown = _shown(root)
    assert shown.briefing.title == "Real title"
    assert not any("\x1b" in s for s in _strings(shown))
    assert load_set(root).briefing.briefing.title == "Real title"  # rebuilt under our key


def test_a_record_made_by_someone_else_cannot_send_a_load_to_an_old_entry(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settle(monkeypatch)
    _with_secret(monkeypatch, tmp_path / "user")
    root = _set(tmp_path, "Old title")
    assert load_set(root).ok  # an entry for the old text, and a record
    old_key = _entry(root, cache).name.removesuffix(".msgpack")
    briefing = root / "briefing.yaml"
    briefing.write_text(briefing.read_text().replace("Old title", "New title"))
    assert _shown(root).briefing.title == "New title"
    # The attacker writes a record mapping today's files to the old entry, with sums of
    # their own making.
    names = tuple(FILE_NAMES)
    statuses = {n: os.stat(root / n) for n in names if (root / n).exists()}
    _with_secret(monkeypatch, tmp_path / "attacker")
    unchanged.remember(root, statuses, old_key)
    _with_secret(monkeypatch, tmp_path / "user")
    assert _shown(root).briefing.title == "New title"


@pytest.mark.parametrize("flaw", ["group-readable", "link", "wrong-size"])
def test_a_key_file_that_is_not_safely_ours_is_not_used(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, flaw: str
) -> None:
    from kzbrief.load import secret

    state = tmp_path / "state"
    state.mkdir()
    key = state / "cache.key"
    if flaw == "link":
        planted = tmp_path / "planted.key"
        planted.write_bytes(b"k" * secret.SECRET_BYTES)
        planted.chmod(0o600)
        key.symlink_to(planted)
    else:
        key.write_bytes(b"k" * (secret.SECRET_BYTES + (flaw == "wrong-size")))
        key.chmod(0o644 if flaw == "group-readable" else 0o600)
    _with_secret(monkeypatch, state)
    assert secret.cache_secret() != b"k" * secret.SECRET_BYTES
    root = _set(tmp_path, "Still right")
    assert _shown(root).briefing.title == "Still right"
    assert _shown(root).briefing.title == "Still right"


def test_the_secret_is_made_once_private_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzbrief.load import secret

    _with_secret(monkeypatch, tmp_path / "state")
    first = secret.cache_secret()
    key = tmp_path / "state" / "cache.key"
    assert key.read_bytes() == first and (key.stat().st_mode & 0o777) == 0o600
    secret.cache_secret.cache_clear()
    assert secret.cache_secret() == first
    assert [p.name for p in (tmp_path / "state").iterdir()] == ["cache.key"]


def _as_listed(records: object, kind: type) -> list[object]:
    """`records` (a part's, or its view's) as a listing reads them: as `kind`."""
    return [msgspec.convert(msgspec.to_builtins(r), kind) for r in records]  # type: ignore[attr-defined]


def _listed(root: Path) -> list[list[object]]:
    """What the listings read of a set loaded through the cache (its views)."""
    from kzbrief.load.cached_set import VIEWS
    from kzbrief.load.heads import contested_heads, event_heads, source_heads, topic_heads

    bset = load_set(root).briefing
    assert bset is not None
    reads = {"events": event_heads, "sources": source_heads, "topics": topic_heads}
    reads["contested"] = contested_heads  # type: ignore[assignment]
    return [_as_listed(read(bset), VIEWS[part]) for part, read in reads.items()]


PART_NAMES = ("sources", "topics", "events", "contested")


def test_listings_read_the_parts_views_as_they_read_the_parts(mini_copy: Path, cache: Path) -> None:
    """A listing reads a part's view (its records as the listing reads them, stored beside
    the part): the same records as reading them out of the parsed part, and no part itself
    is decoded."""
    from kzbrief.load.cached_set import VIEWS, view_name

    parsed = load_set(mini_copy, use_cache=False).briefing
    assert parsed is not None and load_set(mini_copy).ok
    assert _listed(mini_copy) == [
        _as_listed(getattr(parsed, part), VIEWS[part])
        for part in ("events", "sources", "topics", "contested")
    ]
    cached = load_set(mini_copy).briefing
    assert isinstance(cached, CachedSet)
    _ = _listed(mini_copy)
    assert not set(PART_NAMES) & set(vars(cached))
    assert all(view_name(part, kind) in cached._stored.parts for part, kind in VIEWS.items())


@pytest.mark.parametrize("part", PART_NAMES)
def test_an_edited_view_is_never_listed(mini_copy: Path, cache: Path, part: str) -> None:
    """A same-length edit inside a part's view (an escape sequence in place of text): the
    listing shows what the files hold."""
    from kzbrief.load.cached_set import VIEWS, view_name

    assert load_set(mini_copy).ok
    expected = _listed(mini_copy)
    entry = _entry(mini_copy, cache)
    data = bytearray(entry.read_bytes())
    stored = msgspec.msgpack.decode(bytes(data), type=Stored)
    view = bytes(stored.parts[view_name(part, VIEWS[part])])
    at = data.index(view) + len(view) - 6  # inside the view's last text
    data[at : at + 4] = b"\x1b[2J"
    entry.write_bytes(bytes(data))
    listed = _listed(mini_copy)
    assert listed == expected
    assert not any("\x1b" in text for text in _strings(listed))
