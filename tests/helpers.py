"""Paths and runners shared by the tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
MINI_DOCS = ROOT / "tests" / "fixtures" / "mini-docs"
DEFAULT_SET = ROOT / "briefings" / "kazakhstan-russia"
SEEDS = ROOT.parent / "shared" / "seeds"


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 20
) -> subprocess.CompletedProcess[str]:
    """Run `python -m kzbrief` as a user would, with stdout piped."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kzbrief", *args],
        capture_output=True, text=True, env=full_env, cwd=cwd or ROOT, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def run_on_terminal(*args: str, columns: int = 120) -> str:
    """Run `python -m kzbrief` on a pseudo-terminal `columns` wide; what it showed."""
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm-256color"}
    _, out = run_on_pty([sys.executable, "-m", "kzbrief", *args], env)
    return out.decode("utf-8", "replace")


def run_on_pty(argv: list[str], env: dict[str, str], job: bool = False) -> tuple[int, bytes]:
    """Run `argv` with a pseudo-terminal as its controlling terminal and stdin, stdout and
    stderr: its exit code and all it wrote. `job`: as an interactive shell runs a command
    (see tests/launch.py, which starts it: nothing runs here between fork and exec)."""
    from launch import LAUNCH

    master, slave = os.openpty()
    options = ["--ctty", "--job"] if job else ["--ctty"]
    process = subprocess.Popen(
        [sys.executable, "-S", LAUNCH, *options, "--", *argv],
        stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    try:
        out = read_to_end(master)
    finally:
        code = process.wait()
        os.close(master)
    return code, out


def damage_cached_part(cache: Path, part: str = "events") -> None:
    """Make the one cache entry in `cache` well-formed outside with one part that is not
    what it should be (a number where a list belongs)."""
    import msgspec

    from kzbrief.load.cached_set import Stored

    [entry] = cache.glob("*.msgpack")
    stored = msgspec.msgpack.decode(entry.read_bytes(), type=Stored)
    stored.parts[part] = memoryview(msgspec.msgpack.encode(42))
    entry.write_bytes(msgspec.msgpack.encode(stored))


def read_to_end(fd: int) -> bytes:
    """All a pseudo-terminal gives until its child has gone (EIO) or it is closed."""
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child has gone
            return out
        if not chunk:
            return out
        out += chunk
