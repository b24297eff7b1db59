"""The user's own secret for the parse cache's checksums.

The cache folder may be shared (`KZBRIEF_CACHE_DIR`), synced or writable by others, so a
checksum anyone can compute would not stop someone who writes that folder from rebuilding
an entry, sums and all, with text of their choosing, or a record that maps today's files to
an older entry. Keyed with a secret that only this user can read, kept outside the cache
folder (in the state folder, 0600), a checksum can be made only by kzbrief run as this user.

Where no such secret can be kept (a read-only home, a key file that is not ours), a fresh
secret is used for this process only: entries written earlier then never verify and are
rebuilt, so the cache is slower, never wrong.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from pathlib import Path

SECRET_BYTES = 32
_NAME = "cache.key"


def state_dir() -> Path:
    """kzbrief's state folder: `$KZBRIEF_STATE_DIR`, else `$XDG_STATE_HOME/kzbrief`."""
    override = os.environ.get("KZBRIEF_STATE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "kzbrief"


@functools.cache
def cache_secret() -> bytes:
    """This user's secret (read, or made once); a process-only one when it cannot be kept."""
    folder = state_dir()
    return _read(folder / _NAME) or _make(folder) or os.urandom(SECRET_BYTES)


def _read(path: Path) -> bytes | None:
    """The secret in `path` if it is a regular file of ours, readable by no one else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        mine = info.st_uid == os.geteuid() and not info.st_mode & 0o077
        if not (stat.S_ISREG(info.st_mode) and mine and info.st_size == SECRET_BYTES):
            return None
        data = os.read(fd, SECRET_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == SECRET_BYTES else None


def _make(folder: Path) -> bytes | None:
    """Write a new secret whole under a temporary name, then link it into place, so a
    reader never sees half a key; when another process got there first, theirs wins."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = folder / f".{_NAME}.{os.getpid()}.{os.urandom(4).hex()}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(SECRET_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(temp, folder / _NAME)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return _read(folder / _NAME)
