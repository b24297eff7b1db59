"""Where the sources' documents are: --sources, else $KZBRIEF_SOURCES.

Apart from `kzbrief.documents` (reading them), so the command line can say where the
documents are without importing what reads them: the reader starts without it.
"""

from __future__ import annotations

import os
from pathlib import Path

SOURCES_ENV = "KZBRIEF_SOURCES"
"""The environment variable naming the documents folder when --sources is not given."""


def documents_folder(given: str | None) -> Path | None:
    """The folder named by --sources, else by $KZBRIEF_SOURCES; None when neither is set."""
    chosen = given if given is not None else os.environ.get(SOURCES_ENV)
    if chosen is None or chosen == "":
        return None
    return Path(chosen).expanduser()
