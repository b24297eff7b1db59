"""Output written on a thread of its own while the next of it is being made.

Writing to a terminal costs the writer the terminal driver's work on every byte (a 100×
`kzbrief sources` writes 2 MB: ~28 ms of its ~180). `write(2)` runs without the
interpreter's lock, so a writer thread does that work on the other core while the main
thread lays out the next lines. What is written, and in what order, is the same; a failure
to write (a closed pipe, a full disk) is raised in the main thread at its next write or at
`close`, never lost.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable

# Pieces waiting to be written, at most: the text made ahead of the terminal stays small
# (each piece is ~64 K characters) however slowly the terminal reads.
AHEAD = 8
SWITCH = 0.0002  # seconds: how soon the writer gets the interpreter back (see `write`)


class WriteBehind:
    """`write(text)` passes `text` to `sink`, in order: the first piece at once (the first
    screen), the rest through a thread, which starts only once a third piece comes (a
    short output, the first piece and the rest, needs none)."""

    def __init__(self, sink: Callable[[str], object]) -> None:
        self._sink = sink
        self._pending: deque[str | None] = deque()
        self._ready = threading.Condition()
        self._room = threading.Semaphore(AHEAD)
        self._failure: BaseException | None = None
        self._dropping = False
        self._thread: threading.Thread | None = None
        self._first = True
        self._held: str | None = None  # the second piece, until a third comes or the end
        self._switch = 0.0

    def write(self, text: str) -> None:
        if self._first:
            self._first = False
            self._sink(text)
            return
        self._raise_failure()
        if self._thread is None:
            if self._held is None:
                self._held = text
                return
            # A thread back from write(2) waits for the interpreter's lock until the thread
            # holding it is asked to let go: 5 ms by default, longer than writing a piece.
            self._switch = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH)
            self._thread = threading.Thread(target=self._run, name="kzbrief-output", daemon=True)
            self._thread.start()
            held, self._held = self._held, None
            self._hand_over(held)
        self._hand_over(text)

    def _hand_over(self, text: str) -> None:
        self._room.acquire()
        with self._ready:
            self._pending.append(text)
            self._ready.notify()

    def close(self) -> None:
        """Wait until everything handed over is written; raise what writing raised."""
        if self._held is not None:
            held, self._held = self._held, None
            self._sink(held)
        if self._thread is not None:
            self._hand_over_end()
            self._thread.join()
            sys.setswitchinterval(self._switch)
        self._raise_failure()

    def abandon(self) -> None:
        """Write nothing more (the caller failed): the thread ends after the piece it is
        writing, if any, and is not waited for (that write may wait on a stalled reader)."""
        self._dropping = True
        self._held = None
        if self._thread is not None:
            self._hand_over_end()
            sys.setswitchinterval(self._switch)

    def _hand_over_end(self) -> None:
        with self._ready:
            self._pending.append(None)
            self._ready.notify()

    def _raise_failure(self) -> None:
        failure = self._failure
        if failure is not None:
            self._failure = None
            raise failure

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._pending:
                    self._ready.wait()
                text = self._pending.popleft()
            if text is None:
                return
            # After a failure the rest is not written: the failure is raised instead.
            if self._failure is None and not self._dropping:
                try:
                    self._sink(text)
                except BaseException as exc:  # raised again in the main thread
                    self._failure = exc
            self._room.release()
