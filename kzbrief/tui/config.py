"""The reader's settings: the chosen theme and a keymap, in one small JSON file.

The file lives at `$KZBRIEF_CONFIG_DIR/config.json` when that is set, else under
`$XDG_CONFIG_HOME/kzbrief/` or `~/.config/kzbrief/`. A missing or corrupt file means
defaults (and the reader says so in one line); a corrupt file is never overwritten, so
a hand edit gone wrong is not lost.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kzbrief.load.files import FileProblem, read_regular
from kzbrief.sanitise import sanitise

# A theme and a keymap take a few hundred bytes; more is not a config file.
MAX_CONFIG_BYTES = 256 * 1024


def config_path() -> Path:
    override = os.environ.get("KZBRIEF_CONFIG_DIR")
    if override:
        return Path(override) / "config.json"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kzbrief" / "config.json"


@dataclass(frozen=True)
class Config:
    theme: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Briefing (a built-in name or a folder path) -> folder of its documents' texts."""
    problem: str = ""
    """Why the file was ignored, or empty."""


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        raw = _read(path)
    except FileNotFoundError:
        return Config()
    except (FileProblem, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
        return Config(problem=_ignored(path, exc))
    if not isinstance(raw, dict):
        return Config(
            problem=f"{sanitise(str(path))}: ignored (not a JSON object); using the defaults"
        )
    theme = raw.get("theme")
    keymap = raw.get("keymap")
    keys = {}
    problem = ""
    if isinstance(keymap, dict):
        keys = {
            k: v
            for k, v in keymap.items()
            if isinstance(k, str) and isinstance(v, str) and v.strip()
        }
        dropped = [str(k) for k in keymap if k not in keys]
        if dropped:
            names = ", ".join(repr(k) for k in dropped[:5])
            problem = f"{path.name}: keymap {names} ignored (a key must be text like 'x')"
    elif keymap is not None:
        problem = f"{path.name}: keymap ignored (not an object of id: key)"
    return Config(
        theme=theme if isinstance(theme, str) else "",
        keymap=keys,
        sources=_sources(raw),
        problem=sanitise(problem),
    )


def _ignored(path: Path, exc: FileProblem | ValueError) -> str:
    """Why the file was ignored, in one line."""
    import json  # only json.loads raises its error, so it is loaded already

    if isinstance(exc, json.JSONDecodeError):  # FILE:LINE:COL, so an editor can go there
        where = f"{sanitise(str(path))}:{exc.lineno}:{exc.colno}"
        return f"{where}: ignored (not valid JSON); using the defaults"
    why = exc.message if isinstance(exc, FileProblem) else type(exc).__name__
    return f"{sanitise(str(path))}: ignored ({why}); using the defaults"


def _sources(raw: dict[str, object]) -> dict[str, str]:
    """`"sources": {"kazakhstan-russia": "~/seeds"}`: entries that are not text are skipped."""
    entries = raw.get("sources")
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str) and v}


def documents_for(config: Config, root: Path, path: Path | None = None) -> Path | None:
    """The documents folder the config names for the set in `root`: by the folder's full
    path, else by its name. A relative folder is taken from the config file's folder."""
    resolved = root.resolve()
    chosen = config.sources.get(str(resolved)) or config.sources.get(resolved.name)
    if not chosen:
        return None
    folder = Path(chosen).expanduser()
    return folder if folder.is_absolute() else (path or config_path()).parent / folder


def _read(path: Path) -> object:
    """The file's JSON. Like a briefing file it must be a regular file of bounded size,
    opened without blocking: a FIFO, a device or a huge file is refused, not waited on.
    A link is followed (a config kept in a dotfiles folder is common)."""
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    import json  # here: without a config file (the usual case) the reader never needs it

    data, _ = read_regular(path, MAX_CONFIG_BYTES, follow_links=True)
    return json.loads(data.decode("utf-8"))


def save_theme(theme: str, path: Path | None = None) -> bool:
    """Store the theme, keeping every other key. False when the file could not be written.

    A link is written through: its target gets the new content and keeps its mode, and
    the link stays a link."""
    path = path or config_path()
    try:
        raw = _read(path)
    except FileNotFoundError:
        raw = {}
    except (FileProblem, UnicodeDecodeError, ValueError):
        return False
    if not isinstance(raw, dict):
        return False
    raw["theme"] = theme
    import json

    target = Path(os.path.realpath(path))
    temp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".config-")
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(target).st_mode))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(raw, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.replace(temp, target)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return False
    return True
