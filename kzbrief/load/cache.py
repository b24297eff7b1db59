"""A parse cache keyed by the bytes of every file of a set.

A valid set is stored as msgpack in the user's cache folder, each part encoded
on its own with the topic counts beside them; the next load with the same bytes
skips YAML parsing and validation, and decodes a part only when it is used. An
edit changes the key, and a stale, corrupt or unwritable cache is ignored.

The folder may be shared, synced or damaged, so nothing in it is trusted: an entry
is opened only when it is a regular file of bounded size (never a link, a FIFO or
a device), it must name the key it is read under and match its checksums (see
`cached_set`), and pruning removes only files whose names kzbrief gives.

The checksums are keyed with a secret only this user can read, kept outside the cache
folder (`secret`): someone who can write the folder cannot rebuild an entry with sums.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from kzbrief import __version__
from kzbrief.model import BriefingSet

from .cached_set import CachedSet, Stored
from .digest import hasher, short_hash
from .files import MAX_SET_BYTES, FileProblem, open_regular

__all__ = ["cache_dir", "cache_key", "prune", "read_cached", "short_hash", "write_cached"]

_decoder = msgspec.msgpack.Decoder(Stored)
# Each edit of a set leaves an entry (a 100× set's is 28 MB): past this the least
# recently used go. An entry read is marked used at most once a day (one utime).
MAX_CACHE_BYTES = 256 * 1024 * 1024
TOUCH_AFTER_S = 86_400
# An entry is about as large as the YAML it was parsed from; a larger file is not ours.
MAX_ENTRY_BYTES = 2 * MAX_SET_BYTES
# Part of every key: a change to what a cache file holds must not read old files.
CACHE_FORMAT = b"kzbrief-cache-5"  # 4: checksums keyed with the user's secret; 5: views
# The names kzbrief gives files in the cache folder; pruning touches nothing else, as
# the folder may be shared ($KZBRIEF_CACHE_DIR) with other programs.
_TEMP_PREFIX = ".kzbrief-tmp-"
_TEMP = re.compile(re.escape(_TEMP_PREFIX) + r"[a-z0-9_]{8}\Z")  # tempfile.mkstemp's names
_OURS = re.compile(r"(?:[0-9a-f]{40}|[0-9a-f]{64})\.msgpack\Z|unchanged-[0-9a-f]{32}\.record\Z")
_TEMP_MAX_AGE_S = 3600


def cache_dir() -> Path:
    override = os.environ.get("KZBRIEF_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kzbrief"


def cache_key(contents: dict[str, bytes]) -> str:
    digest = hasher(sum(len(data) for data in contents.values()))
    digest.update(CACHE_FORMAT + __version__.encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"\x00{name}\x00{len(data)}\x00".encode())
        digest.update(data)
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / f"{key}.msgpack"


def read_cached(key: str, reparse: Callable[[], BriefingSet | None]) -> CachedSet | None:
    """The cached set for `key`, or None; `reparse` rebuilds it should a part be damaged."""
    try:
        fd, info = open_regular(_entry(key), MAX_ENTRY_BYTES, follow_links=False)
    except FileProblem:  # missing, or a link, FIFO, device or oversized file: not ours
        return None
    try:
        # Decoded from the page cache rather than from a copy of the file: for a 100×
        # set (28 MB) that saves 15-40 ms. The parts keep the mapping alive until
        # decoded; writes replace the file, never change it in place.
        data = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        if time.time() - info.st_mtime > TOUCH_AFTER_S:
            os.utime(fd)  # in use: pruning goes by modification time
    except (OSError, ValueError):  # ValueError: an empty file
        return None
    finally:
        os.close(fd)
    try:
        stored = _decoder.decode(data)
    except msgspec.DecodeError:
        stored = None
    outline = stored.opened(key) if stored is not None else None
    if stored is None or outline is None:
        _discard(key)  # truncated, edited, swapped or foreign: the load writes a sound one
        return None
    return CachedSet(stored, outline, reparse, lambda: _discard(key))


def _discard(key: str) -> None:
    with contextlib.suppress(OSError):
        _entry(key).unlink(missing_ok=True)


def write_cached(key: str, briefing: BriefingSet) -> None:
    folder = cache_dir()
    if write_atomically(_entry(key), msgspec.msgpack.encode(Stored.of(key, briefing))):
        prune(folder, ".msgpack", max_bytes=MAX_CACHE_BYTES)


def write_atomically(path: Path, data: bytes) -> bool:
    """Write `path` in the cache folder through a fresh temporary file; False on failure
    (a cache that cannot be written only costs speed)."""
    import tempfile  # only a cache miss writes (tempfile costs ~3 ms to import)

    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A new name made with O_EXCL: a link planted in the folder is never followed.
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return False
    return True


def prune(folder: Path, suffix: str, *, max_bytes: int = 0, max_files: int = 0) -> None:
    """Drop the least recently used of kzbrief's files ending in `suffix` past either limit
    (the newest always stays), and temporary files an interrupted write left an hour or
    more ago. Anything else in the folder is left alone; an entry that cannot be looked
    at or removed is skipped."""
    files = []
    now = time.time()
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        ours = _OURS.match(entry.name) and entry.name.endswith(suffix)
        temp = _TEMP.match(entry.name)
        if not (ours or temp):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue  # kzbrief writes only regular files
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if temp:
            if now - info.st_mtime > _TEMP_MAX_AGE_S:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        else:
            files.append((info.st_mtime, info.st_size, entry.path))
    files.sort(reverse=True)
    total = 0
    for count, (_, size, path) in enumerate(files, 1):
        total += size
        if count > 1 and ((max_bytes and total > max_bytes) or (max_files and count > max_files)):
            with contextlib.suppress(OSError):
                os.unlink(path)
