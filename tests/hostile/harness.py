"""Run kzbrief as an untrusting user would: in a subprocess, bounded in time and memory, watched.

Every hostile case goes through `Sandbox.run` (pipes) or `Sandbox.run_in_pty` (a
pseudo-terminal). The child gets an address-space limit, so a runaway allocation
or a segfault ends the child and fails the test rather than the suite; a
timeout, so a hang is a failure after `TIME_LIMIT` seconds; a fresh working
folder, home, cache and XDG folders inside the sandbox, so anything it writes
can be seen; and no bytecode writing, so a clean run writes nothing at all
outside the sandbox.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"
MINI_DOCS = REPO / "tests" / "fixtures" / "mini-docs"
REAL_SET = REPO / "briefings" / "kazakhstan-russia"
CORPUS = Path(__file__).resolve().parent / "corpus"

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child, bytes
FILE_SIZE_LIMIT = 256 * 1024 * 1024  # largest file the child may write
TIME_LIMIT = 5.0  # seconds, for every CLI case

# Characters that must never reach a terminal from data. Output may hold `\n` and `\t`;
# anything else below 0x20, DEL, C1, bidi overrides/isolates and undecodable bytes
# (surrogate-escaped) is a leak.
LEAK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")

# What a terminal does with what an application emits: stripped to leave the visible text.
_TERMINAL_SEQUENCE = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b[\]PX^_].*?(?:\x07|\x1b\\)"  # OSC, DCS, SOS, PM, APC
    rb"|\x1b[ -/]*[0-~]",  # two-character escapes (charset selection, keypad modes, ...)
    re.DOTALL,
)


def _launched(argv: list[str], *options: str) -> list[str]:
    """`argv` started by tests/launch.py with the child's limits (and `options`): what must
    happen between fork and exec happens there, never in a forked copy of this worker."""
    launch = str(REPO / "tests" / "launch.py")
    limits = f"{MEMORY_LIMIT},{FILE_SIZE_LIMIT}"
    return [sys.executable, "-S", launch, "--limits", limits, *options, "--", *argv]


@dataclass(frozen=True)
class Run:
    """One finished command: exit status, raw output and how long it took."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "surrogateescape")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "surrogateescape")

    def describe(self) -> str:
        return (
            f"kzbrief {' '.join(self.args)!r} -> {self.returncode} in {self.seconds:.2f}s\n"
            f"--- stdout ---\n{self.out[-3000:]}\n--- stderr ---\n{self.err[-3000:]}"
        )


@dataclass(frozen=True)
class PtyRun:
    """One command run on a pseudo-terminal: everything it wrote to the terminal, raw."""

    args: tuple[str, ...]
    returncode: int | None  # None: still running at the deadline, then killed
    raw: bytes
    seconds: float

    @property
    def screen_text(self) -> str:
        """The visible text: the application's own escape sequences removed."""
        visible = _TERMINAL_SEQUENCE.sub(b"", self.raw).replace(b"\r", b"")
        return visible.decode("utf-8", "replace")

    def describe(self) -> str:
        return (
            f"kzbrief {' '.join(self.args)!r} on a pty -> {self.returncode} "
            f"in {self.seconds:.2f}s\n--- visible ---\n{self.screen_text[-3000:]}"
        )


# A step of a pty script: after `delay` seconds, send bytes or resize to (cols, rows).
Step = tuple[float, bytes | tuple[int, int]]


class Sandbox:
    """A temporary folder holding everything one test's kzbrief processes may touch."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cwd = root / "cwd"
        self.home = root / "home"
        for folder in (self.cwd, self.home, root / "tmp"):
            folder.mkdir(parents=True, exist_ok=True)
        self.watched: list[Path] = [self.cwd, self.home / "config", MINI, MINI_DOCS]
        self._before = self._snapshot()
        self._pwned_before: set[Path] = set()

    # -- building sets ------------------------------------------------------------

    def make_set(self, name: str = "set", base: Path = MINI) -> Path:
        """A writable copy of `base` (the mini fixture unless told)."""
        target = self.root / name
        shutil.copytree(base, target)
        return target

    def watch(self, *paths: Path) -> None:
        """Also check that nothing appears in or disappears from these folders."""
        self.watched.extend(paths)
        self._before = self._snapshot()
        self._pwned_before = self._pwned()

    # -- running ------------------------------------------------------------------

    def env(self, extra: Mapping[str, str | None] | None = None) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(self.home),
            "TMPDIR": str(self.root / "tmp"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "KZBRIEF_CACHE_DIR": str(self.home / "kzbrief-cache"),
            "KZBRIEF_CONFIG_DIR": str(self.home / "kzbrief-config"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONFAULTHANDLER": "1",  # a segfault prints where, not just -11
            "KZBRIEF_PAGER": "",  # no pager waiting for keys on a pseudo-terminal
        }
        for key, value in (extra or {}).items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def command(self, args: Sequence[str]) -> list[str]:
        return [sys.executable, "-m", "kzbrief", *args]

    def run(
        self,
        *args: str,
        env: Mapping[str, str | None] | None = None,
        stdout: int | None = subprocess.PIPE,
        stdin: int | None = subprocess.DEVNULL,
        timeout: float = TIME_LIMIT,
        as_user: tuple[int, int] | None = None,
    ) -> Run:
        """Run `python -m kzbrief ARGS` with stdout and stderr captured (unless redirected).

        `as_user` (uid, gid) drops root's privileges in the child, for permission cases.
        """

        user = ["--user", f"{as_user[0]}:{as_user[1]}"] if as_user is not None else []
        start = time.monotonic()
        try:
            done = subprocess.run(
                _launched(self.command(args), *user),
                cwd=self.cwd,
                env=self.env(env),
                stdin=stdin,
                stdout=stdout,
                stderr=subprocess.PIPE,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            pytest.fail(
                f"kzbrief {' '.join(args)!r} did not finish in {timeout} s (killed); "
                f"stderr: {(exc.stderr or b'')[-2000:]!r}"
            )
        return Run(
            tuple(args), done.returncode, done.stdout or b"", done.stderr, time.monotonic() - start
        )

    def run_in_pty(
        self,
        *args: str,
        cols: int = 120,
        rows: int = 40,
        env: Mapping[str, str | None] | None = None,
        script: Iterable[Step] = (),
        wait_for: bytes | None = None,
        stdin_tty: bool = True,
        timeout: float = 10.0,
    ) -> PtyRun:
        """Run kzbrief with a pseudo-terminal as its terminal; read every byte it writes.

        `script` steps run in order, each `delay` seconds after the previous one; with
        `wait_for`, the first delay counts from when those bytes first appear in the
        output. At `timeout` the child is killed and `returncode` is None.
        """
        master, slave = os.openpty()
        _set_size(slave, cols, rows)
        term_env = {"TERM": "xterm-256color", "COLUMNS": None, "LINES": None, **(env or {})}

        start = time.monotonic()
        proc = subprocess.Popen(
            _launched(self.command(args), "--ctty"),
            cwd=self.cwd,
            env=self.env(term_env),
            stdin=slave if stdin_tty else subprocess.DEVNULL,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        steps = list(script)
        next_at = start + (steps[0][0] if steps else 0)
        waiting = wait_for is not None
        out = bytearray()
        returncode: int | None = None
        try:
            while True:
                now = time.monotonic()
                if waiting and wait_for is not None and wait_for in out:
                    waiting = False
                    next_at = now + (steps[0][0] if steps else 0)
                if steps and not waiting and now >= next_at:
                    _, action = steps.pop(0)
                    if isinstance(action, bytes):
                        _write_all(master, action)
                    else:
                        _set_size(master, *action)
                        if proc.poll() is None:
                            proc.send_signal(signal.SIGWINCH)
                    next_at = now + (steps[0][0] if steps else 0)
                if now - start > timeout:
                    break
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        chunk = os.read(master, 65536)
                    except OSError:  # EIO: every holder of the slave side has gone
                        chunk = b""
                    if not chunk:
                        returncode = proc.wait(timeout=2)
                        break
                    out += chunk
                elif proc.poll() is not None:
                    out += _drain(master)
                    returncode = proc.returncode
                    break
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            os.close(master)
        return PtyRun(tuple(args), returncode, bytes(out), time.monotonic() - start)

    # -- checking -----------------------------------------------------------------

    def _snapshot(self) -> dict[Path, frozenset[str]]:
        return {folder: frozenset(_listing(folder)) for folder in self.watched if folder.exists()}

    def assert_untouched(self) -> None:
        """Nothing was created in or removed from the watched folders, and nothing is 'pwned'."""
        after = self._snapshot()
        for folder, names in self._before.items():
            changed = names.symmetric_difference(after.get(folder, frozenset()))
            assert not changed, f"files appeared or vanished in {folder}: {sorted(changed)}"
        planted = self._pwned() - self._pwned_before
        assert not planted, f"a file named by the data was written: {sorted(planted)}"

    def _pwned(self) -> set[Path]:
        """Files a payload asks for (`touch pwned`, `pwned.svg`), wherever they could land."""
        found = set(self.root.rglob("*pwned*"))
        for base in (REPO, Path("/tmp"), Path.cwd()):
            found.update(base.glob("*pwned*"))
        return found


def _listing(folder: Path) -> Iterable[str]:
    for path in folder.rglob("*"):
        yield str(path.relative_to(folder))


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


def _drain(fd: int) -> bytes:
    out = bytearray()
    while select.select([fd], [], [], 0.05)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return bytes(out)


def assert_sane(run: Run, exit_code: int | None = None, *, time_limit: float = TIME_LIMIT) -> None:
    """The outcome every hostile case shares: no crash, no traceback, no leak, in time."""
    detail = run.describe()
    assert run.returncode >= 0, f"killed by signal {-run.returncode}\n{detail}"
    if exit_code is not None:
        assert run.returncode == exit_code, detail
    for stream in (run.out, run.err):
        assert "Traceback (most recent call last)" not in stream, detail
        assert "MemoryError" not in stream and "Fatal Python error" not in stream, detail
        leak = LEAK.search(stream)
        assert leak is None, f"raw control character {leak.group()!r} in output\n{detail}"
    assert run.seconds < time_limit, f"took {run.seconds:.2f}s\n{detail}"


def located_lines(text: str, root: Path, file: str, line: int | None) -> list[str]:
    """Lines of `text` that name `root/file` (and `:line:` when given)."""
    prefix = f"{root / file}:" + (f"{line}:" if line is not None else "")
    return [row for row in text.splitlines() if row.startswith(prefix)]


# Every command that reads a set and prints it; each suite adds its own extras.
READING_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("summary",),
    ("timeline", "--full"),
    ("compare",),
    ("compare", "neutrality"),
    ("sources",),
    ("topics",),
)
