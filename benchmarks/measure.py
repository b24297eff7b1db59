"""How the benchmarks time things: processes on a pseudo-terminal, first paint in tmux.

Every figure is a wall-clock time taken from this process, so the compared
commands pay the same overheads (fork/exec, the pty, tmux) and their ratio is
what counts. Peak memory is measured apart from the timings (`peak_rss`), or is
`VmHWM` from /proc for a program running inside tmux.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

COLS, ROWS = 120, 40
_PYTHON_KNOBS = (
    "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONDEVMODE", "PYTHONPROFILEIMPORTTIME",
    "PYTHONTRACEMALLOC", "PYTHONMALLOC", "PYTHONASYNCIODEBUG", "PYTHONWARNINGS", "PYTHONPATH",
)  # fmt: skip


@dataclass
class Run:
    seconds: float
    rss_mb: float  # peak RSS: only from `peak_rss` or tmux (VmHWM); 0 from the timed runners
    output: bytes = b""


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, run: Run) -> None:
        self.seconds.append(run.seconds)
        self.rss_mb.append(run.rss_mb)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_rss(self) -> float:
        return max(self.rss_mb) if self.rss_mb else 0.0


STATE_DIR = Path(__file__).resolve().parent / "out" / "state"


def fresh_reader_state(folder: str | None = None) -> None:
    """Start the next reader as on a first launch: no saved tab, topic or item.

    The reader reopens where it was left (issue 13), so a benchmark that pressed `2` last
    would otherwise open the next run on the Timeline, and the Overview it waits for would
    never be drawn. The state folder also keeps the cache's key, so only the place goes.
    """
    where = Path(folder or os.environ.setdefault("KZBRIEF_STATE_DIR", str(STATE_DIR)))
    for name in ("state.sqlite3", "state.sqlite3-wal", "state.sqlite3-shm"):
        (where / name).unlink(missing_ok=True)


def bench_env(cache_dir: Path) -> dict[str, str]:
    """The environment every measured program runs in: a private cache and state folder,
    a 120×40 terminal."""
    # As a user's shell has it: no PYTHONUNBUFFERED (a write per line), no PYTHONDONTWRITEBYTECODE
    # (a module edited since its .pyc was written would be compiled again on every start).
    dropped = {"COLUMNS", "LINES", "KZBRIEF_BRIEFING", *_PYTHON_KNOBS}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(KZBRIEF_CACHE_DIR=str(cache_dir), TERM=env.get("TERM") or "xterm-256color")
    env["KZBRIEF_STATE_DIR"] = str(STATE_DIR)
    env["TERM"] = "xterm-256color" if env["TERM"] in ("dumb", "") else env["TERM"]
    return env


def _wait(pid: int) -> tuple[int, float]:
    # A child's ru_maxrss counts the copy of this (large) process it was forked from, so it
    # is not reported from here; see peak_rss.
    _, status, _ = os.wait4(pid, 0)
    return status, 0.0


# Linux counts a forked child's memory from before its exec in its ru_maxrss, so a child of a
# big process (this harness) would show at least the harness's size. Children are therefore
# forked by a small spawner (python -I -S, ~8 MB), which reports the child's own peak.
_SPAWNER = """\
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_rss(argv: Sequence[str], env: dict[str, str], terminal: bool = True) -> float:
    """The peak RSS of `argv` in MB, run on a pty (or with stdout piped) like the timings."""
    with tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "maxrss")
        spawned = [sys.executable, "-I", "-S", "-c", _SPAWNER, report, *argv]
        (run_terminal if terminal else run_piped)(spawned, env)
        with open(report) as handle:
            return int(handle.read()) / 1024


def run_terminal(argv: Sequence[str], env: dict[str, str], timeout: float = 120) -> Run:
    """Run `argv` with stdin/stdout/stderr on a fresh 120×40 pty, as on a terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    chunks: list[bytes] = []
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    deadline = start + timeout
    while True:  # drain the pty so the child never blocks on a full buffer
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.perf_counter()))
        if not ready:
            proc.kill()
            raise TimeoutError(f"{shlex.join(argv)} took more than {timeout} s")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every copy of the slave side is closed, the child is gone
            break
        if not data:
            break
        chunks.append(data)
    status, rss = _wait(proc.pid)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    os.close(master)
    output = b"".join(chunks)
    if proc.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} exited {proc.returncode}: {output[-400:]!r}")
    return Run(seconds, rss, output)


def run_piped(argv: Sequence[str], env: dict[str, str]) -> Run:
    """Run `argv` with stdout on a pipe (kzbrief prints plain lines and never imports Rich)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, env=env
        )
        assert proc.stdout is not None
        out = proc.stdout.read()  # to EOF; then reap the child
        proc.stdout.close()
        status, rss = _wait(proc.pid)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(
                f"{shlex.join(argv)} exited {proc.returncode}: {err.read()[-400:]!r}"
            )
    return Run(seconds, rss, out)


def alternate(
    commands: dict[str, Callable[[], Run]], runs: int, warmup: int = 1
) -> dict[str, Samples]:
    """Run every command once per round, `runs` rounds, rotating the order each round."""
    names = list(commands)
    for _ in range(warmup):
        for name in names:
            commands[name]()
    samples = {name: Samples() for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].add(commands[name]())
    return samples


# --- first paint in tmux ---------------------------------------------------------------

TMUX_SOCKET = "kzbrief-bench"


class Tmux:
    """A private tmux server (its own socket), kept alive by an idle session for the whole run,
    so that no measurement pays for starting the server."""

    def __init__(self, env: dict[str, str]) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed")
        self.base = ["tmux", "-L", TMUX_SOCKET, "-f", "/dev/null"]
        self.env = env  # the server's, so every session's, environment
        self.count = 0

    def __enter__(self) -> Tmux:
        self._tmux(
            "new-session", "-d", "-s", "keepalive", "-x", str(COLS), "-y", str(ROWS), "sleep 100000"
        )
        return self

    def __exit__(self, *_: object) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, check=False, env=self.env
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def first_paint(
        self, argv: Sequence[str], env: dict[str, str], needle: str, timeout: float = 60,
        settle: float = 0.0,
    ) -> Run:  # fmt: skip
        """Seconds from launching `argv` in a new 120×40 session until `needle` is on screen.

        The screen is polled with `capture-pane -p` every ~5 ms. With `settle`, the program
        is left running that long after the paint before its peak RSS (VmHWM) is read.
        """
        self.count += 1
        name = f"bench{self.count}"
        fresh_reader_state(env.get("KZBRIEF_STATE_DIR"))
        # `exec` so the pane's process is the measured program itself (for its VmHWM).
        # The session inherits the server's environment; pass on what `env` adds or changes.
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if self.env.get(k) != v)
        command = f"exec env {exports} TERM=xterm-256color {shlex.join(argv)}"
        start = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", str(COLS), "-y", str(ROWS), command)
        try:
            pid = int(self._tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
            while True:
                screen = subprocess.run(
                    [*self.base, "capture-pane", "-p", "-t", name], capture_output=True, text=True
                ).stdout
                if needle in screen:
                    seconds = time.perf_counter() - start
                    break
                if time.perf_counter() - start > timeout:
                    raise TimeoutError(f"{needle!r} not on screen after {timeout} s:\n{screen}")
                time.sleep(0.005)
            if settle:
                time.sleep(settle)
            rss = _vm_hwm(pid)
        finally:
            subprocess.run(
                [*self.base, "kill-session", "-t", name], capture_output=True, check=False
            )
        return Run(seconds, rss, screen.encode())


def _vm_hwm(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
