"""`kzbrief` with the loader's size caps lifted, for measuring sets larger than they allow.

    python benchmarks/uncapped.py [kzbrief arguments]

kzbrief refuses a file over MAX_FILE_BYTES or a set over MAX_SET_BYTES (a
guard that bounds the time a hostile folder can cost). The 10× and 100× sets
are larger than that, so benchmarks/run.py runs every kzbrief command, at
every scale, through this shim when the caps would refuse them, and says so.
Nothing else changes: the same entry point, cache and code paths.
"""

from __future__ import annotations

import sys

LIFTED = 1 << 40


def lift_caps() -> None:
    from kzbrief.load import briefing_set, files

    files.MAX_FILE_BYTES = LIFTED
    if hasattr(files, "MAX_SET_BYTES"):
        files.MAX_SET_BYTES = LIFTED  # type: ignore[attr-defined,unused-ignore]
    if hasattr(briefing_set, "MAX_SET_BYTES"):
        briefing_set.MAX_SET_BYTES = LIFTED  # type: ignore[attr-defined,unused-ignore]
    defaults = files.read_bytes.__defaults__ or ()
    files.read_bytes.__defaults__ = tuple(LIFTED for _ in defaults)


if __name__ == "__main__":
    lift_caps()
    from kzbrief.__main__ import main

    sys.argv[0] = "kzbrief"
    main()
