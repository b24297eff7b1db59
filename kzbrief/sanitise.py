"""Make text from a briefing safe to show: nothing reaches the terminal raw.

C0 controls other than newline and tab, DEL, C1 controls, lone surrogates, and every
invisible format character become visible escapes such as ``\\x1b`` or ``\\u200b``, so the
reader sees that something was there and nothing is silently dropped. The format characters
(Unicode category Cf, and the line and paragraph separators) are bidi marks, overrides and
isolates, zero-width spaces and joiners, the BOM and tag characters: invisible, they could
make two different labels look the same, or reorder what a line shows.
"""

from __future__ import annotations

import re

# Every code point of category Cf (Unicode 15.1), with U+2028/2029 (Zl, Zp); a test compares
# this class with the running Python's unicodedata. Built once, literally: scanning all code
# points at import would cost every command ~100 ms.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_FORMAT}]")


# Pictographs that a zero-width joiner may join into one emoji (a family, a profession), and
# the variation selector or skin tone that may follow one; a ZWJ elsewhere is invisible.
_PICTOGRAPH = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")
_MODIFIER = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff]")
# A subdivision flag (🏴 and tag letters ending in CANCEL TAG, e.g. Scotland's) is drawn as one
# flag: its tag characters stay.
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _joins_emoji(text: str, at: int) -> bool:
    before = at - 1
    if before >= 0 and _MODIFIER.match(text, before):
        before -= 1
    return before >= 0 and bool(_PICTOGRAPH.match(text, before) and _PICTOGRAPH.match(text, at + 1))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x200D and _joins_emoji(match.string, match.start()):
        return match.group()
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def sanitise(text: str) -> str:
    """Return `text` with every unsafe character replaced by a visible escape."""
    if _UNSAFE.search(text) is None:
        return text
    if "\U0001f3f4" in text:
        flags = _FLAG.split(text)
        kept = _FLAG.findall(text)
        return "".join(
            _UNSAFE.sub(_escape, part) + flag for part, flag in zip(flags, [*kept, ""], strict=True)
        )
    return _UNSAFE.sub(_escape, text)


_LINE_BREAKS = re.compile("[\n\u2028\u2029]")


def escape_line(text: str) -> str:
    """`sanitise`, and line breaks escaped too: for a path in a message that must stay one
    line. Folding them (`text.one_line`) would show a path that does not exist."""
    return _LINE_BREAKS.sub(_escape, sanitise(text))
