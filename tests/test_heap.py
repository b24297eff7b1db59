"""The reader's C heap: on glibc, a large block keeps its own mapping after larger ones
were freed (so a save's buffers go back to the system at once), and elsewhere the calls
do nothing and never fail."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from kzbrief import heap

glibc = pytest.mark.skipif(heap._glibc() is None, reason="glibc's malloc only")

# A 20 MB block freed, then one of 1 MB: a mapping of its own (mallinfo2's hblkhd grows by
# it), or a piece of the heap. Run apart: the setting is for the whole process.
_PROBE = """
import ctypes, sys
from kzbrief import heap
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "set":
    assert heap.keep_large_blocks_apart()
libc.free(libc.malloc(20 << 20))
before = libc.mallinfo2().hblkhd
block = libc.malloc(1 << 20)
print("mapped" if libc.mallinfo2().hblkhd - before >= 1 << 20 else "heap")
"""


def _probe(mode: str) -> str:
    # glibc's own defaults: no tunables from the environment.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_"))}
    argv = [sys.executable, "-c", _PROBE, mode]
    run = subprocess.run(argv, capture_output=True, text=True, timeout=20, env=env)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@glibc
def test_a_large_block_keeps_its_own_mapping_after_a_larger_one_was_freed() -> None:
    if not hasattr(ctypes.CDLL(None), "mallinfo2"):
        pytest.skip("glibc before 2.33: no mallinfo2")
    assert _probe("set") == "mapped"
    # Without the setting glibc serves it from the heap: what the setting is for.
    assert _probe("unset") == "heap"


def test_the_heap_calls_never_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    heap.return_freed_memory()
    assert heap.keep_large_blocks_apart() is (heap._glibc() is not None)
    monkeypatch.setattr(sys, "platform", "darwin")
    heap._glibc.cache_clear()
    heap.keep_large_blocks_apart.cache_clear()
    try:
        assert heap._glibc() is None
        assert heap.keep_large_blocks_apart() is False
        heap.return_freed_memory()
    finally:
        monkeypatch.undo()
        heap._glibc.cache_clear()
        heap.keep_large_blocks_apart.cache_clear()
