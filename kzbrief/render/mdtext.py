"""Briefing text made safe for Markdown: it always renders as the words it is, never as markup.

Text is folded onto one line (briefing text is prose, and a line break is where a `#`,
`>`, `-` or `1.` at a line's start would begin a block), then every character that can
start inline markup is backslash-escaped: emphasis, code, links, images, raw HTML and
entities, tables, strikethrough, GitHub's maths and autolinks. What starts a block is
escaped where the text starts a line. (A `:name:` emoji code has its first colon
escaped, but GitHub may still draw the emoji: it looks for them in the rendered text.)
"""

from __future__ import annotations

import re
from urllib.parse import quote

from kzbrief.text import web_url

_INLINE = re.compile(r"[\\`*_\[\]<>&|~$#]")
_COLON = re.compile(r":(?=[\w+/-])")  # `:smile:` shortcodes, `https://` autolinks
_WWW = re.compile(r"(?i)\b(www)\.")  # GFM's bare `www.` autolinks
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")


def md(text: str) -> str:
    """`text` as Markdown that renders literally, on one line."""
    text = _INLINE.sub(r"\\\g<0>", " ".join(text.split()))
    # The rarer cases only when they can occur: a whole set is a third of a million texts.
    if ":" in text:
        text = _COLON.sub(r"\\:", text)
    if "w." in text or "W." in text:
        text = _WWW.sub(r"\1\\.", text)
    if text[:1] in "-+=0123456789":
        text = _BLOCK_START.sub(_escape_start, text)
    return text


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def md_link(url: str) -> str:
    """An http(s) link whose text is the address itself; anything else stays text."""
    safe = web_url(url)
    if safe is None:
        return md(url)
    # Percent-encode all that could end or break the destination: spaces, <>, (), \, quotes.
    target = quote(safe, safe=":/?#@!$&'*+,;=%-._~[]")
    return f"[{md(safe)}]({target})"
