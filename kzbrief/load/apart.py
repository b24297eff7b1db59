"""Loading a set for a long-lived process: a large set is parsed in a child process.

Parsing builds a located YAML tree several times the size of the set it yields (for
a 30 MB set, a ~390 MB peak for a ~70 MB set). Python's allocator can hand back only
whole arenas, and the set's records are strewn among the tree's freed ones, so a
process that parses keeps most of that peak for as long as it runs; under --watch,
every save added to it (measured in the reader at 100×: 243 MB after one save, ~450 MB
after two). A child process parses instead, writes the parse cache as a command would,
and sends back the set as msgpack; the reader decodes it into a few compact arenas of
its own, and the child's working memory goes back to the system when it exits.

A set the cache holds is read in-process (no parse); a small one is parsed in-process
too, where starting a child (~0.2 s) would cost more than the parse saves. Should no
child start, the set is parsed in-process as before.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import msgspec

from kzbrief.model import BriefingSet, SetParts
from kzbrief.sanitise import sanitise

from .briefing_set import FILE_NAMES, Loaded, load_if_cached, load_set
from .problems import Problem
from .reuse import decoded_reusing

APART_FROM_BYTES = 1024 * 1024
"""Sets of this many bytes or more are parsed in a child (the built-in set is ~0.4 MB,
parsed in ~0.1 s; a 1 MB set in ~0.3 s, against ~0.2 s to start a child)."""
_POLL_S = 0.2
"""How often a wait for the child checks whether it was asked to stop."""


class Outcome(msgspec.Struct, array_like=True):
    """What a child sends back: the set when it is valid, and every problem found."""

    bset: BriefingSet | None
    problems: tuple[Problem, ...]


class _Received(msgspec.Struct, array_like=True):
    """An `Outcome` as the reader reads it: the set's parts left encoded, so that those
    equal to the shown set's are never decoded (see `reuse`)."""

    bset: dict[str, msgspec.Raw] | None
    problems: tuple[Problem, ...]


_decoder = msgspec.msgpack.Decoder(_Received)


def load_apart(
    root: Path,
    *,
    use_cache: bool,
    stop: threading.Event | None = None,
    shown: SetParts | None = None,
) -> Loaded:
    """What `load_set` gives, with a large set parsed in a child process.

    `stop` set while the child runs ends it (the caller is going away); what comes
    back then is a problem nobody will be shown. A set from a child keeps the records
    of `shown` (the set on screen) that did not change."""
    if use_cache:
        cached = load_if_cached(root)
        if cached is not None:
            return Loaded(root, cached, ())
    if _set_bytes(root) < APART_FROM_BYTES or not sys.executable:
        return load_set(root, use_cache=use_cache)
    try:
        child = _start(root, use_cache)
    except OSError:  # no process can be started (limits, sandbox): parse here
        return load_set(root, use_cache=use_cache)
    out, err = _wait(child, stop)
    if child.returncode == 0:
        try:
            outcome = _decoder.decode(out)
            bset = None if outcome.bset is None else decoded_reusing(outcome.bset, shown)
        except (msgspec.DecodeError, KeyError):
            pass
        else:
            return Loaded(root, bset, outcome.problems)
    return Loaded(root, None, (_failed(root, child.returncode, err),))


def _set_bytes(root: Path) -> int:
    total = 0
    for name in FILE_NAMES:
        try:
            info = os.stat(root / name)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(info.st_mode):  # anything else the load reports, without a parse
            total += info.st_size
    return total


def _start(root: Path, use_cache: bool) -> subprocess.Popen[bytes]:
    # The child imports kzbrief from where this process did (sys.path as it is here,
    # never the current folder first: -P), and keeps this environment: the cache folder,
    # and the state folder with the secret that keys the cache's checksums.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    code = "from kzbrief.load.apart import child; child()"
    mode = "cache" if use_cache else "no-cache"
    argv = [sys.executable, "-P", "-c", code, os.fsdecode(root), mode, str(os.getpid())]
    return subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


def _wait(child: subprocess.Popen[bytes], stop: threading.Event | None) -> tuple[bytes, bytes]:
    while True:
        try:
            return child.communicate(timeout=_POLL_S)
        except subprocess.TimeoutExpired:  # retried, nothing read is lost
            if stop is not None and stop.is_set():
                child.kill()
                return child.communicate()


def _failed(root: Path, code: int | None, err: bytes) -> Problem:
    lines = err.decode("utf-8", "replace").strip().splitlines()
    said = sanitise(lines[-1]) if lines else f"exit status {code}"
    return Problem(file=sanitise(str(root)), message=f"could not load (the parse stopped: {said})")


def child() -> None:
    """The child's side: `python -c '…child()' ROOT cache|no-cache PARENT_PID`."""
    import gc

    gc.disable()  # a parse makes no cycles; as for a command, collecting only costs time
    root, mode, parent = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes with the errors, never into the result
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    loaded = load_set(Path(root), use_cache=mode == "cache")
    bset = loaded.whole() if loaded.ok else None
    out.write(msgspec.msgpack.encode(Outcome(bset, loaded.problems)))
    out.flush()
    os._exit(0)  # skip freeing the set and the modules one by one


def _end_with(parent: int) -> None:
    """Stop when the reader is gone (killed, say), rather than parse for nobody."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
