"""A label's skeleton: what it looks like on screen, so two labels that look alike compare equal.

Two sources named `Alpha` and `Аlpha` (a Cyrillic А), `alpha` and `ALPHA`, or `Alpha` and
`Alpha` with a zero-width space would let a briefing attribute words to a source a reader
takes for another. The skeleton folds what a reader cannot tell apart: compatibility forms
(NFKC: full-width letters, ligatures), case, invisible format characters (raw, or as the
visible escapes `sanitise` gives them), runs of spaces, and letters of other scripts drawn
like Latin ones (after Unicode's confusables list, the letters that matter for labels).
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic, Greek and other letters that render like a Latin letter or digit (lower case: the
# skeleton is case-folded first). From Unicode's confusables.txt, the single-letter entries.
_LATIN_LOOKALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i",
        "ї": "i", "ј": "j", "к": "k", "ӏ": "l", "м": "m", "н": "h", "о": "o", "р": "p",
        "ԛ": "q", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԝ": "w", "ү": "y", "ɡ": "g",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j", "ı": "i",
        "ℓ": "l", "ǀ": "l", "|": "l", "0": "o", "1": "l",
    }
)  # fmt: skip
# The escapes `sanitise` shows for characters it will not print raw (`\u200b`, `\U000e0041`).
_ESCAPE = re.compile(r"\\u([0-9a-f]{4})|\\U([0-9a-f]{8})")
_INVISIBLE = ("Cf", "Mn", "Me", "Zl", "Zp")


def _unless_invisible(match: re.Match[str]) -> str:
    char = chr(int(match[1] or match[2], 16))
    return "" if unicodedata.category(char) in _INVISIBLE else match[0]


def skeleton(text: str) -> str:
    """What `text` looks like: equal skeletons mean a reader may take one for the other."""
    folded = unicodedata.normalize("NFKC", _ESCAPE.sub(_unless_invisible, text)).casefold()
    folded = "".join(c for c in folded if unicodedata.category(c) not in _INVISIBLE)
    return " ".join(folded.translate(_LATIN_LOOKALIKES).split())
