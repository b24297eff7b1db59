"""`python -m kzbrief` and the `kzbrief` console script."""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def main() -> None:
    # A command runs for a fraction of a second and makes no reference cycles worth
    # collecting: the cycle collector only costs time (the reader turns it back on).
    gc.disable()
    from kzbrief.cli import main as cli_main

    code = cli_main()
    if "coverage" in sys.modules:  # coverage saves its data at interpreter exit
        sys.exit(code)
    # Skip the interpreter's teardown (freeing every module and object one by one:
    # ~15 ms, a sixth of a command's time). `cli_main` has flushed stdout and reported
    # any failure; all that can be left is what an interrupted command had buffered.
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
