"""Write a whole output file (`-o FILE`) where a shell's `> FILE` would, never half of it.

What `> FILE` does is kept: a symbolic link is followed and stays a link, a device, FIFO
or `/dev/stdout` is written into, a file keeps its mode, owner and hard links. What it
does badly is not: a plain file is replaced whole (a temporary file beside it, then a
rename), so a full disk or a killed process leaves the old file as it was. A file that
must be rewritten in place (other hard links, another user's) has its room claimed
first, so a full disk or a size limit fails before a byte of it changes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat

from kzbrief.sanitise import escape_line


class CannotWrite(Exception):
    """An output file could not be written; the message is one line and names the path."""


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` as the whole content of `path`, or raise `CannotWrite`."""
    name = os.fspath(path)
    try:
        if name.endswith("/") or os.path.basename(os.path.normpath(name)) in ("", ".", ".."):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        _write(name, data)
    except OSError as exc:
        raise CannotWrite(f"cannot write {escape_line(name)}: {exc.strerror or exc}") from None


def _write(name: str, data: bytes) -> None:
    try:
        status: os.stat_result | None = os.stat(name)  # through links, as `>` goes
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_into(name, data, truncate=True)  # a device, FIFO, socket or terminal
        return
    real = os.path.realpath(name)
    if status is not None and not _replaceable(real, status):
        # Other hard links (renaming would split them from this name), another user's file
        # (a new one would be ours), or a /proc link to a file with no name of its own:
        # rewrite the one file in place, as `>` does.
        _write_into(name, data, truncate=False)
        return
    try:
        _replace(real, data, status)
    except PermissionError:
        if status is None:
            raise
        # The folder refuses a new file (or a rename, with the sticky bit) where the file
        # itself may be written: `>` would write it, so do.
        _write_into(name, data, truncate=False)


def _replaceable(real: str, status: os.stat_result) -> bool:
    """A plain file with this one name, that a new file can stand in for: `real` is it,
    no other name shares it, and its owner is kept (we are root, or we own it)."""
    try:
        named = os.stat(real, follow_symlinks=False)
    except OSError:
        return False
    same = (named.st_dev, named.st_ino) == (status.st_dev, status.st_ino)
    owner_kept = os.geteuid() in (0, status.st_uid)
    return same and status.st_nlink == 1 and owner_kept


def _replace(real: str, data: bytes, status: os.stat_result | None) -> None:
    # mkstemp: a short random name (a 255-byte target name still fits), created with
    # O_EXCL, so a file or link planted beside the target is never opened or followed.
    # (Imported here: tempfile brings shutil and random, ~15 ms that no other command needs.)
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=".kzbrief-", suffix=".tmp", dir=os.path.dirname(real))
    try:
        try:
            if status is None:
                os.fchmod(fd, 0o666 & ~_umask())  # what `>` gives a new file
            else:
                if os.geteuid() == 0:
                    os.fchown(fd, status.st_uid, status.st_gid)
                os.fchmod(fd, stat.S_IMODE(status.st_mode))
            write_all(fd, data)
            os.fsync(fd)  # the rename must never publish an empty file after a crash
        finally:
            os.close(fd)
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write_into(name: str, data: bytes, *, truncate: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | (os.O_TRUNC if truncate else 0)
    fd = os.open(name, flags, 0o666)
    try:
        if not truncate:
            # Claim the room first: a full disk or a file-size limit then fails before a
            # byte of the old content is touched.
            try:
                os.posix_fallocate(fd, 0, max(len(data), 1))
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENODEV):
                    raise
        write_all(fd, data)
        if not truncate:
            os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes | memoryview) -> None:
    """Write every byte of `data` to `fd`, or raise: `write` may take only part of it
    (a nearly full disk, `ulimit -f`), and the rest must then fail loudly, not vanish."""
    view = memoryview(data).cast("B")
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:  # a non-blocking pipe that is full: wait until it drains
            import select

            select.select([], [fd], [])
            continue
        if written == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
