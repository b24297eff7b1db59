"""A parse cache keyed by the bytes of every file of a set.

A valid set is stored as msgpack in the user's cache folder, each part encoded
on its own with the topic counts beside them; the next load with the same bytes
skips YAML parsing and validation, and decodes a part only when it is used. An
edit changes the key, and a stale, corrupt or unwritable cache is ignored.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import msgspec

from kzbrief import __version__
from kzbrief.model import BriefingSet

from .cached_set import CachedSet, Stored

try:  # the same hash as hashlib.blake2b, without hashlib loading OpenSSL (~2 ms a start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b


class _Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


_decoder = msgspec.msgpack.Decoder(Stored)
LARGE_SET_BYTES = 4 * 1024 * 1024
# Each edit of a set leaves an entry (a 100× set's is 28 MB): past this the least
# recently used go. An entry read is marked used at most once a day (one utime).
MAX_CACHE_BYTES = 256 * 1024 * 1024
TOUCH_AFTER_S = 86_400
# Part of every key: a change to what a cache file holds must not read old files.
CACHE_FORMAT = b"kzbrief-cache-2"


def cache_dir() -> Path:
    override = os.environ.get("KZBRIEF_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kzbrief"


def cache_key(contents: dict[str, bytes]) -> str:
    digest = _hasher(sum(len(data) for data in contents.values()))
    digest.update(CACHE_FORMAT + __version__.encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"\x00{name}\x00{len(data)}\x00".encode())
        digest.update(data)
    return digest.hexdigest()


def _hasher(size: int) -> _Digest:
    if size < LARGE_SET_BYTES:
        return blake2b(digest_size=20)
    # Past a few MB OpenSSL's SHA-256 (hardware-assisted on x86 and ARM) wins: 17 ms
    # against blake2b's 41 ms for a 30 MB set here; below that, loading OpenSSL costs more.
    import hashlib

    return hashlib.sha256()


def short_hash(data: bytes) -> str:
    """A file name's worth of blake2b: for naming things in the cache folder."""
    return blake2b(data, digest_size=16).hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / f"{key}.msgpack"


def read_cached(key: str, reparse: Callable[[], BriefingSet | None]) -> CachedSet | None:
    """The cached set for `key`, or None; `reparse` rebuilds it should a part be damaged."""
    try:
        with open(_entry(key), "rb") as handle:
            # Decoded from the page cache rather than from a copy of the file: for a 100×
            # set (28 MB) that saves 15-40 ms. The parts keep the mapping alive until
            # decoded; writes replace the file, never change it in place.
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            if time.time() - os.fstat(handle.fileno()).st_mtime > TOUCH_AFTER_S:
                os.utime(handle.fileno())  # in use: pruning goes by modification time
        stored = _decoder.decode(data)
    except (OSError, msgspec.DecodeError, ValueError):  # ValueError: an empty file
        return None
    return CachedSet(stored, reparse, lambda: _discard(key))


def _discard(key: str) -> None:
    with contextlib.suppress(OSError):
        _entry(key).unlink(missing_ok=True)


def write_cached(key: str, briefing: BriefingSet) -> None:
    import tempfile  # only a cache miss writes (tempfile costs ~3 ms to import)

    folder = cache_dir()
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(msgspec.msgpack.encode(Stored.of(briefing)))
        os.replace(temp, _entry(key))
    except OSError:  # a cache that cannot be written only costs speed
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return
    prune(folder, ".msgpack", max_bytes=MAX_CACHE_BYTES)


def prune(folder: Path, suffix: str, *, max_bytes: int = 0, max_files: int = 0) -> None:
    """Drop the least recently used files ending in `suffix` past either limit (the newest
    always stays), and temporary files an interrupted write left an hour or more ago."""
    files = []
    now = time.time()
    try:
        for entry in os.scandir(folder):
            info = entry.stat(follow_symlinks=False)
            if entry.name.startswith(".tmp-") and now - info.st_mtime > 3600:
                os.unlink(entry.path)
            elif entry.name.endswith(suffix) and not entry.name.startswith("."):
                files.append((info.st_mtime, info.st_size, entry.path))
    except OSError:
        return
    files.sort(reverse=True)
    total = 0
    for count, (_, size, path) in enumerate(files, 1):
        total += size
        if count > 1 and ((max_bytes and total > max_bytes) or (max_files and count > max_files)):
            with contextlib.suppress(OSError):
                os.unlink(path)
