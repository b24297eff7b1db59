"""Write a file under a name nobody has used yet: `name.html`, then `name-2.html`, ...

The reader saves exports into a folder the user did not choose file by file, so it must
never replace anything there; creating with O_EXCL makes that true even against a race.
"""

from __future__ import annotations

from pathlib import Path

MAX_TRIES = 1000


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Create `folder/stem<suffix>` (or `stem-N<suffix>`) holding `data`; its path.

    Raises OSError when the folder cannot be written, or FileExistsError when a thousand
    names are taken.
    """
    for n in range(1, MAX_TRIES + 1):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            with path.open("xb") as handle:
                try:
                    handle.write(data)
                except BaseException:
                    path.unlink(missing_ok=True)  # never leave half a file under the name
                    raise
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder / stem}-*{suffix}: every name up to {MAX_TRIES} is taken")
