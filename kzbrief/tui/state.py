"""Where the reader was, per briefing: tab, topic, hidden sources, chosen item, marks,
and the search history; kept between runs in one SQLite file.

The file is `$KZBRIEF_STATE_DIR/state.sqlite3` when that is set, else under
`$XDG_STATE_HOME/kzbrief/` or `~/.local/state/kzbrief/`. Two readers may be open at
once: the file is in WAL mode, every write is one short transaction, and a reader
that finds the file busy waits a moment and then gives up on that write. Nothing read
from it is trusted: values are checked for type and length here and against the set
by the caller, and a file that is not a regular file, too large or not a database we
wrote is ignored (the reader says so in one line) and never overwritten.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from kzbrief.sanitise import sanitise

MAX_STATE_BYTES = 16 * 1024 * 1024
"""Places and marks take a few kilobytes; more is not our file."""
MAX_VALUE = 512
"""Longest id or query kept; anything longer read back is dropped."""
HISTORY = 50
"""Search queries remembered."""
BUSY_MS = 500
"""How long a write waits for another reader's transaction to end."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS place (
    briefing TEXT PRIMARY KEY, tab TEXT, topic TEXT, hidden TEXT, kind TEXT, key TEXT
);
CREATE TABLE IF NOT EXISTS mark (
    briefing TEXT, kind TEXT, key TEXT, at INTEGER, PRIMARY KEY (briefing, kind, key)
);
CREATE TABLE IF NOT EXISTS query (text TEXT PRIMARY KEY, at INTEGER);
"""


def state_path() -> Path | None:
    """The state file, or None when no folder for it is known (no HOME, no XDG)."""
    override = os.environ.get("KZBRIEF_STATE_DIR")
    if override:
        return Path(override) / "state.sqlite3"
    base = os.environ.get("XDG_STATE_HOME")
    if not base:
        home = os.environ.get("HOME")
        if not home:
            return None
        base = str(Path(home) / ".local" / "state")
    return Path(base) / "kzbrief" / "state.sqlite3"


@dataclass(frozen=True)
class Place:
    tab: str
    topic: str | None
    hidden: frozenset[str]
    item: tuple[str, str] | None
    """(kind, key) of the chosen item on that tab."""


class StateError(Exception):
    """The state file cannot be used; the message is one line for the user."""


def _text(value: object) -> str | None:
    """A value read back, when it is text of a sane length."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_VALUE else None


class State:
    """The open state file. Every method is one short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> State | None:
        """The state file, created when missing; None when there is nowhere to keep it.

        Raises StateError when the file is there but is not one we can trust."""
        path = path or state_path()
        if path is None:
            return None
        state = cls(path)
        state._connect()
        return state

    def _connect(self) -> None:
        where = sanitise(str(self.path))
        try:
            info = self.path.lstat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise StateError(f"{where}: ignored ({exc.strerror or 'unreadable'})") from None
        if info is not None:
            if not stat.S_ISREG(info.st_mode):
                raise StateError(f"{where}: ignored (not a regular file)")
            if info.st_size > MAX_STATE_BYTES:
                raise StateError(f"{where}: ignored (larger than {MAX_STATE_BYTES} bytes)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("PRAGMA trusted_schema=OFF")
                if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                    raise sqlite3.DatabaseError("damaged")
                db.executescript(_SCHEMA)
            except BaseException:
                db.close()
                raise
        except sqlite3.DatabaseError:
            raise StateError(f"{where}: ignored (not a kzbrief state file)") from None
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"{where}: ignored ({sanitise(str(exc))})") from None
        self._db = db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _write(self, sql: str, *params: object) -> bool:
        """One statement in its own transaction; False when the file is busy or gone."""
        if self._db is None:
            return False
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(sql, params)
        except sqlite3.Error:
            return False
        return True

    def _rows(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        if self._db is None:
            return []
        try:
            return list(self._db.execute(sql, params).fetchmany(1000))
        except sqlite3.Error:
            return []

    # Places ---------------------------------------------------------------

    def place(self, briefing: str) -> Place | None:
        rows = self._rows(
            "SELECT tab, topic, hidden, kind, key FROM place WHERE briefing = ?", briefing
        )
        if not rows:
            return None
        tab, topic, hidden, kind, key = (_text(v) for v in rows[0])
        if tab is None:
            return None
        shown_hidden = frozenset(h for h in (hidden or "").split("\n") if h)
        item = (kind, key) if kind is not None and key is not None else None
        return Place(tab, topic, shown_hidden, item)

    def save_place(self, briefing: str, place: Place) -> bool:
        kind, key = place.item if place.item is not None else (None, None)
        return self._write(
            "INSERT OR REPLACE INTO place VALUES (?, ?, ?, ?, ?, ?)",
            briefing,
            place.tab,
            place.topic,
            "\n".join(sorted(place.hidden)),
            kind,
            key,
        )

    # Marks ----------------------------------------------------------------

    def marks(self, briefing: str) -> list[tuple[str, str]]:
        """(kind, key) of each mark, oldest first."""
        rows = self._rows("SELECT kind, key FROM mark WHERE briefing = ? ORDER BY at", briefing)
        out = []
        for kind, key in rows:
            k, v = _text(kind), _text(key)
            if k is not None and v is not None:
                out.append((k, v))
        return out

    def toggle_mark(self, briefing: str, kind: str, key: str) -> bool | None:
        """Mark the item, or unmark it when marked: True marked, False unmarked, None failed."""
        if (kind, key) in self.marks(briefing):
            done = self._write(
                "DELETE FROM mark WHERE briefing = ? AND kind = ? AND key = ?", briefing, kind, key
            )
            return False if done else None
        done = self._write(
            "INSERT INTO mark VALUES (?, ?, ?, (SELECT coalesce(max(at), 0) + 1 FROM mark))",
            briefing,
            kind,
            key,
        )
        return True if done else None

    # Search history -------------------------------------------------------

    def queries(self) -> list[str]:
        """Past search queries, newest first."""
        rows = self._rows("SELECT text FROM query ORDER BY at DESC LIMIT ?", HISTORY)
        return [t for (value,) in rows if (t := _text(value)) is not None]

    def remember_query(self, text: str) -> None:
        text = text.strip()
        if not text or len(text) > MAX_VALUE:
            return
        self._write(
            "INSERT OR REPLACE INTO query VALUES (?, (SELECT coalesce(max(at), 0) + 1 FROM query))",
            text,
        )
        self._write(
            "DELETE FROM query WHERE at <= "
            "(SELECT at FROM query ORDER BY at DESC LIMIT 1 OFFSET ?)",
            HISTORY,
        )
