"""Knowing that a set's files are unchanged without reading them.

The parse cache is keyed by the bytes of every file, so finding an entry means
reading and hashing them all: ~30 ms for a 100× set (30 MB), a fifth of a
command's time. After a load, the status of each file (device, inode, size,
modification and change times) is recorded with the key its bytes gave; while
all of them stay the same, the next load takes that key without reading.

As Git's index does with "racy" files, a file changed within SETTLE_NS of the
recording is not trusted: a second write in the same clock tick can leave every
time unchanged, so such a set is recorded only once its files have settled. The
change time (ctime) cannot be set back by tools that restore modification times
(touch -d, tar, rsync -t), so it catches those edits too. The reader's --watch
compares the same status (`folder_signature`), so it sees every edit a load would.

A record is read like any file in the cache folder: only a regular file (not a link,
FIFO or device) of at most MAX_RECORD_BYTES, and used only when its keyed checksum is one
this user's kzbrief made (see `secret`): a forged record could send a load to an old entry.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import msgspec

from .cache import cache_dir, prune, short_hash, write_atomically
from .digest import checksum
from .files import FileProblem, read_regular

SETTLE_NS = 2_000_000_000
MAX_RECORDS = 512  # one a folder, ~1 KB each
MAX_RECORD_BYTES = 64 * 1024  # eight names and a path of at most a few KB
Status = tuple[int, int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns


class Record(msgspec.Struct, array_like=True, gc=False):
    root: bytes  # the folder's path as the OS gives it (a name need not be UTF-8)
    key: str
    files: dict[str, Status]


class Sealed(msgspec.Struct, array_like=True, gc=False):
    """A record with its keyed checksum: one kzbrief wrote for this user, or nothing."""

    check: bytes
    record: bytes


def status_of(info: os.stat_result) -> Status:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def folder_signature(root: Path) -> tuple[tuple[str, Status | None], ...]:
    """The status of every YAML file in `root`: cheap enough to take twice a second, and
    changed by every edit a load would see (None for a name that cannot be looked at)."""
    found: list[tuple[str, Status | None]] = []
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.name.endswith((".yaml", ".yml")):
                    try:
                        found.append((entry.name, status_of(entry.stat())))
                    except OSError:  # a dangling link, say: still a name that can change
                        found.append((entry.name, None))
    except OSError:
        return ()
    return tuple(sorted(found, key=lambda item: item[0]))


def _record_path(root: bytes) -> Path:
    return cache_dir() / f"unchanged-{short_hash(root)}.record"


def recorded_key(root: Path, names: tuple[str, ...]) -> str | None:
    """The cache key recorded for `root`, if every one of `names` is as it was then."""
    where = os.fsencode(os.path.abspath(root))
    try:
        data, _ = read_regular(_record_path(where), MAX_RECORD_BYTES, follow_links=False)
        sealed = msgspec.msgpack.decode(data, type=Sealed)
        if checksum("record", sealed.record) != sealed.check:
            return None
        record = msgspec.msgpack.decode(sealed.record, type=Record)
    except (FileProblem, msgspec.DecodeError):
        return None
    if record.root != where or set(record.files) != set(names):
        return None
    for name in names:
        try:
            if status_of(os.stat(root / name)) != record.files[name]:
                return None
        except (OSError, ValueError):
            return None
    return record.key


def remember(root: Path, statuses: dict[str, os.stat_result], key: str) -> None:
    """Record the files' status with the key their bytes gave, once they have settled."""
    newest = max(max(s.st_mtime_ns, s.st_ctime_ns) for s in statuses.values())
    if newest > time.time_ns() - SETTLE_NS:
        return
    where = os.fsencode(os.path.abspath(root))
    record = Record(where, key, {name: status_of(s) for name, s in statuses.items()})
    path = _record_path(where)
    data = msgspec.msgpack.encode(record)
    if write_atomically(path, msgspec.msgpack.encode(Sealed(checksum("record", data), data))):
        prune(path.parent, ".record", max_files=MAX_RECORDS)
