"""Standard output that loses nothing silently, and closed standard streams made harmless.

Python's own stdout accepts a short write without a word: `BufferedWriter.write` returns
the count `write(2)` took (8192 of 375628 bytes under `ulimit -f 8`, the first 64 KiB on
a small tmpfs) and `TextIOWrapper.write` drops that count, so a command would exit 0 with
its output cut. Every command writes through the stdout made here instead, whose bottom
layer writes every byte or raises (SIGXFSZ is ignored by Python, so past the limit
`write` fails with EFBIG rather than killing us).

A stream closed by the caller (`kzbrief summary >&-`) is `None` in `sys`; its descriptor
is then free and the next file opened (a cache entry) would take it, so output meant for
stdout would land in that file. Its number is given /dev/null at once, and writing to a
closed stdout is an error (EBADF), as it is for `cat`.
"""

from __future__ import annotations

import errno
import io
import os
import sys

from .output_file import write_all


class _WholeWrites(io.RawIOBase):
    """A descriptor's raw layer whose `write` takes every byte, or raises."""

    def __init__(self, fd: int, closed_by_caller: bool = False) -> None:
        super().__init__()
        self._fd = fd
        self._closed_by_caller = closed_by_caller

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._closed_by_caller and os.isatty(self._fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self._closed_by_caller:
            raise OSError(errno.EBADF, "standard output is closed")
        view = memoryview(data)
        write_all(self._fd, view)
        return view.nbytes


def guard_standard_streams() -> None:
    """Make `sys.stdout` write whole or fail, and give closed descriptors 0-2 /dev/null.

    Call once, first thing; a stdout that is not the interpreter's own (a test's capture)
    is left alone.
    """
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        _give_dev_null(fd)
    if 2 in closed and sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    if 0 in closed and sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    old = sys.stdout
    if old is None:
        raw = _WholeWrites(1, closed_by_caller=True)
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8")
    elif old is sys.__stdout__ and isinstance(old, io.TextIOWrapper):
        old.flush()
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(_WholeWrites(old.fileno())),
            encoding=old.encoding,
            errors="backslashreplace",
            line_buffering=old.line_buffering,
        )


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _give_dev_null(fd: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd, inheritable=True)
        os.close(null)
    else:
        os.set_inheritable(fd, True)
