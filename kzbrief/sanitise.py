"""Make text from a briefing safe to show: nothing reaches the terminal raw.

C0 controls other than newline and tab, DEL, C1 controls, bidi overrides and
isolates, and lone surrogates become visible escapes such as ``\\x1b``, so the
reader sees that something was there and nothing is silently dropped.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def sanitise(text: str) -> str:
    """Return `text` with every unsafe character replaced by a visible escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


_LINE_BREAKS = re.compile("[\n\u2028\u2029]")


def escape_line(text: str) -> str:
    """`sanitise`, and line breaks escaped too: for a path in a message that must stay one
    line. Folding them (`text.one_line`) would show a path that does not exist."""
    return _LINE_BREAKS.sub(_escape, sanitise(text))
