"""A long listing's output is written by a thread of its own: in order, every piece, and a
failure to write is raised in the command, never lost."""

from __future__ import annotations

import threading
import time

import pytest

from kzbrief.render.write_behind import AHEAD, WriteBehind


def test_every_piece_is_written_in_order_the_first_at_once() -> None:
    written: list[tuple[str, str]] = []
    writes = WriteBehind(lambda text: written.append((text, threading.current_thread().name)))
    writes.write("first")
    assert written == [("first", threading.current_thread().name)]  # no thread for one piece
    for n in range(100):
        writes.write(f"{n}")
    writes.close()
    assert [text for text, _ in written] == ["first", *map(str, range(100))]


def test_a_short_output_is_written_without_a_thread() -> None:
    """The first screen, then the rest: two pieces, both written by the caller."""
    written: list[tuple[str, str]] = []
    writes = WriteBehind(lambda text: written.append((text, threading.current_thread().name)))
    writes.write("first")
    writes.write("rest")
    writes.close()
    here = threading.current_thread().name
    assert written == [("first", here), ("rest", here)]


def test_a_failure_to_write_is_raised_in_the_caller_and_nothing_after_it_is_written() -> None:
    written: list[str] = []

    def sink(text: str) -> None:
        if text == "3":
            raise BrokenPipeError
        written.append(text)

    writes = WriteBehind(sink)
    with pytest.raises(BrokenPipeError):
        for n in range(10):
            writes.write(f"{n}")
        writes.close()
    assert written == ["0", "1", "2"]


def test_text_made_ahead_of_a_slow_reader_is_bounded() -> None:
    """A terminal that does not read holds the command back after a few pieces: the output
    is not gathered in memory ahead of it."""
    release = threading.Event()
    taken: list[str] = []

    def sink(text: str) -> None:
        if taken:
            release.wait(10)
        taken.append(text)

    writes = WriteBehind(sink)
    handed = 0

    def produce() -> None:
        nonlocal handed
        for n in range(AHEAD + 10):
            writes.write(f"{n}")
            handed += 1

    producer = threading.Thread(target=produce)
    producer.start()
    deadline = time.monotonic() + 10
    while handed < AHEAD + 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    assert handed == AHEAD + 1  # the first written, one being written, the rest waiting
    release.set()
    producer.join(10)
    writes.close()
    assert taken == [str(n) for n in range(AHEAD + 10)]


def test_abandoned_output_is_not_waited_for() -> None:
    """A command that fails part-way returns at once, even while a write hangs."""
    stuck = threading.Event()
    written: list[str] = []

    def sink(text: str) -> None:
        if written:
            stuck.wait(10)
        written.append(text)

    writes = WriteBehind(sink)
    for n in range(3):
        writes.write(f"{n}")
    started = time.monotonic()
    writes.abandon()
    assert time.monotonic() - started < 5
    stuck.set()
