"""Start a command as the tests need it, from a process of its own.

A test worker runs threads (pytest-xdist's, and tests' own), and a child forked from it that
runs Python before `exec` can wait for ever on a lock another thread held at the fork (seen
in CI: a child updating `os.environ`). So tests start this script with `subprocess` (whose
fork and exec are C, and safe), and this script, a fresh process with one thread, does what
must be done between fork and exec (limits, user, controlling terminal, process group), then
becomes the command.

    python -S tests/launch.py [--limits AS,FSIZE] [--user UID:GID] [--ctty] [--job] -- ARGV...

`--ctty`: the pseudo-terminal on fd 1 becomes the controlling terminal (start this script in
a new session: `start_new_session=True`). `--job`: the command runs as an interactive
shell's job, in a process group of its own in the terminal's foreground; this script waits
for it and exits with its status.
"""

from __future__ import annotations

import os
import sys

LAUNCH = os.path.abspath(__file__)


def _limit(spec: str) -> None:
    import resource

    memory, file_size = (int(n) for n in spec.split(","))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _become(spec: str) -> None:
    uid, gid = (int(n) for n in spec.split(":"))
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)


def _controlling_terminal() -> None:
    import fcntl
    import termios

    fcntl.ioctl(1, termios.TIOCSCTTY, 0)


def _as_job(argv: list[str]) -> None:
    import signal

    child = os.fork()  # this process has one thread: safe
    if child == 0:
        # As a shell's child does: its own group, made the terminal's foreground before
        # the command starts (from a background group that needs SIGTTOU ignored).
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        os.tcsetpgrp(0, os.getpgrp())
        signal.signal(signal.SIGTTOU, signal.SIG_DFL)
        os.execvp(argv[0], argv)
    code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    os._exit(code if code >= 0 else 128 - code)


def main(args: list[str]) -> None:
    split = args.index("--")
    options, argv = args[:split], args[split + 1 :]
    job = False
    while options:
        option = options.pop(0)
        if option == "--limits":
            _limit(options.pop(0))
        elif option == "--user":
            _become(options.pop(0))
        elif option == "--ctty":
            _controlling_terminal()
        elif option == "--job":
            job = True
        else:
            sys.exit(f"launch.py: unknown option {option}")
    if job:
        _as_job(argv)
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
