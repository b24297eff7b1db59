"""Reading briefing files without trusting them.

A briefing folder may hold FIFOs, links to /dev/zero, link loops, directories
named like files, or files in the wrong encoding. Each is turned into a
located problem; nothing blocks, and nothing is read past the size cap.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kzbrief.sanitise import sanitise

# Bytes bound memory; time is bounded by the parse-event budget (yamltree.EventBudget).
# A 100x newsroom set is ~30 MB, its largest file ~6 MB.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_SET_BYTES = 64 * 1024 * 1024

# Line ends as libyaml and editors count them: CRLF is one, a lone CR is one (old Mac files).
_BREAK = re.compile(rb"\r\n|\r|\n")


class FileProblem(Exception):
    """A file cannot be read as briefing text; `line`/`col` locate it when known."""

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


def read_bytes(
    path: Path, root: Path, limit: int = MAX_FILE_BYTES, folder: str = "briefing folder"
) -> bytes:
    """Read a regular file that lives inside `root`, at most `limit` bytes; `folder` says
    what `root` is, in the problem for a link out of it."""
    return read_with_stat(path, root, limit, folder)[0]


def read_with_stat(
    path: Path, root: Path, limit: int = MAX_FILE_BYTES, folder: str = "briefing folder"
) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, with the file's status as it was before the read began."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: link loops on Python 3.11
        raise FileProblem(f"cannot be opened: {_reason(exc)}") from None
    if not real.is_relative_to(root.resolve()):
        raise FileProblem(f"is a link that leads outside the {folder}")
    return read_regular(real, limit, follow_links=False)


def open_regular(path: Path, limit: int, *, follow_links: bool) -> tuple[int, os.stat_result]:
    """A descriptor on `path` when it is a regular file of at most `limit` bytes.

    Opened without blocking, so a FIFO or a device is refused rather than waited on;
    without `follow_links` a link is refused too. The caller closes the descriptor.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(f"cannot be opened: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("is not a regular file")
        if info.st_size > limit:
            raise FileProblem(f"is {info.st_size:,} bytes; the limit is {limit:,}")
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: Path, limit: int, *, follow_links: bool) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (see `open_regular`), never more than `limit` of them,
    with its status as it was before the read began."""
    fd, info = open_regular(path, limit, follow_links=follow_links)
    try:
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            # The whole file in one read when its size is known: no chunks to join (copy).
            chunk = os.read(fd, min(remaining, max(info.st_size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot be read: {_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise FileProblem(f"is larger than the limit of {limit:,} bytes")
    return data, info


def decode(data: bytes, *, say_where: bool = False) -> str:
    """Strict UTF-8 (a BOM is allowed); an error names the line and column of the bad byte,
    in its message too when `say_where` (for a file reported without FILE:LINE:COL)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("is UTF-16; save it as UTF-8", 1, 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = line_col(data, exc.start)
        where = f" at {line}:{col}" if say_where else ""
        raise FileProblem(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}{where}); save it as UTF-8", line, col
        ) from None


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset` of UTF-8 `data`."""
    line, line_start = 1, 0
    for found in _BREAK.finditer(data, 0, offset):
        line, line_start = line + 1, found.end()
    return line, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, RuntimeError):  # Python 3.11's "Symlink loop from '<path>'"
        return "too many levels of symbolic links"
    return sanitise(str(exc)) or type(exc).__name__  # the text may quote a hostile path
