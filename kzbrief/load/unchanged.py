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
(touch -d, tar, rsync -t), so it catches those edits too.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import msgspec

from .cache import cache_dir, prune, short_hash

SETTLE_NS = 2_000_000_000
MAX_RECORDS = 512  # one a folder, ~1 KB each
Status = tuple[int, int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns


class Record(msgspec.Struct, array_like=True, gc=False):
    root: bytes  # the folder's path as the OS gives it (a name need not be UTF-8)
    key: str
    files: dict[str, Status]


def status_of(info: os.stat_result) -> Status:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _record_path(root: bytes) -> Path:
    return cache_dir() / f"unchanged-{short_hash(root)}.record"


def recorded_key(root: Path, names: tuple[str, ...]) -> str | None:
    """The cache key recorded for `root`, if every one of `names` is as it was then."""
    where = os.fsencode(os.path.abspath(root))
    try:
        with open(_record_path(where), "rb") as handle:
            record = msgspec.msgpack.decode(handle.read(), type=Record)
    except (OSError, msgspec.DecodeError):
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
    temp = path.with_name(f".tmp-{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(msgspec.msgpack.encode(record))
        os.replace(temp, path)
        prune(path.parent, ".record", max_files=MAX_RECORDS)
    except OSError:  # a record that cannot be written only costs speed
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
