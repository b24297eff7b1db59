"""Loading briefing sets: safe reading, located errors, validation and a parse cache."""

from .briefing_set import (
    DEFAULT_BRIEFING,
    FILE_NAMES,
    Loaded,
    NotFound,
    builtin_names,
    builtin_root,
    known_sets,
    load_if_cached,
    load_set,
    resolve_briefing,
)
from .cached_set import CacheDamaged
from .problems import Problem

__all__ = [
    "DEFAULT_BRIEFING",
    "FILE_NAMES",
    "CacheDamaged",
    "Loaded",
    "NotFound",
    "Problem",
    "builtin_names",
    "builtin_root",
    "known_sets",
    "load_if_cached",
    "load_set",
    "resolve_briefing",
]
