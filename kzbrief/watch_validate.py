"""`kzbrief validate --watch`: check a set again each time one of its files is saved.

It polls the signature the reader's live reload uses (`folder_signature`: each file's
size, times and identity), so the two notice the same saves. Ctrl-C stops it (exit 0).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from kzbrief.load.unchanged import folder_signature

POLL_SECONDS = 0.5


def watch(root: Path, check: Callable[[], int], poll: float = POLL_SECONDS) -> int:
    try:
        last = None
        while True:
            signature = folder_signature(root)
            if signature != last:
                last = signature
                stamp = time.strftime("%H:%M:%S")
                sys.stdout.write(f"--- {stamp} checking {root} (Ctrl-C stops)\n")
                check()
                sys.stdout.flush()
            time.sleep(poll)
    except KeyboardInterrupt:
        return 0
