"""Find and load a briefing set: every file checked, every problem located."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from kzbrief.model import FILE_KINDS, BriefingSet, SetParts
from kzbrief.sanitise import sanitise

from .cache import cache_key, read_cached, write_cached
from .cached_set import CachedSet
from .files import MAX_SET_BYTES, FileProblem, decode, read_with_stat
from .problems import Problem, format_path
from .unchanged import recorded_key, remember

DEFAULT_BRIEFING = "kazakhstan-russia"
FILE_NAMES = tuple(f"{kind}.yaml" for kind in FILE_KINDS)
_MAX_LISTED_STRAYS = 20
# After this many problems in one file the check stops: the list is long enough to act
# on, and a hostile file with a problem every few bytes would otherwise take minutes.
MAX_PROBLEMS_PER_FILE = 100


class _Enough(Exception):
    """A file has given MAX_PROBLEMS_PER_FILE problems."""


class Loaded(msgspec.Struct, frozen=True):
    """The result of a load: the set when it is valid, and every problem found."""

    root: Path
    briefing: SetParts | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.briefing is not None and not self.problems

    def whole(self) -> BriefingSet | None:
        """The set with every part decoded, for readers that use them all."""
        b = self.briefing
        if isinstance(b, CachedSet):
            return b.whole()
        assert b is None or isinstance(b, BriefingSet)  # the only other SetParts
        return b


class NotFound(Exception):
    """No briefing by that name or path."""


def builtin_root() -> Path:
    """Where the built-in sets are: inside the installed package, or the repo beside it."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "briefings"
    return shipped if shipped.is_dir() else package.parent / "briefings"


def builtin_names() -> list[str]:
    root = builtin_root()
    try:
        return sorted(p.name for p in root.iterdir() if (p / "briefing.yaml").is_file())
    except OSError:
        return []


PATH_ENV = "KZBRIEF_PATH"


def known_sets() -> list[tuple[str, Path]]:
    """Every set found by name: the built-in ones, then those in the folders on
    $KZBRIEF_PATH (colon-separated, each a folder of sets), in that order; the first of a
    name is the one `--briefing NAME` opens."""
    found: dict[str, Path] = {name: builtin_root() / name for name in builtin_names()}
    for folder in os.environ.get(PATH_ENV, "").split(":"):
        if not folder:
            continue
        try:
            sets = sorted(
                p for p in Path(folder).expanduser().iterdir() if (p / "briefing.yaml").is_file()
            )
        except OSError:  # a folder on the path that is gone or unreadable names no set
            continue
        for path in sets:
            found.setdefault(path.name, path)
    return list(found.items())


def resolve_briefing(name_or_path: str | None = None) -> Path:
    """A folder path as given, or a built-in set by name; `KZBRIEF_BRIEFING` is the default."""
    wanted = name_or_path or os.environ.get("KZBRIEF_BRIEFING") or DEFAULT_BRIEFING
    try:  # a name too long for the file system, a `~` with no home, ...
        as_path = Path(wanted).expanduser()
        if as_path.is_dir():
            return as_path
        if "/" not in wanted and (builtin_root() / wanted).is_dir():
            return builtin_root() / wanted
        if "/" not in wanted:
            named = dict(known_sets()).get(wanted)
            if named is not None:
                return named
        exists = as_path.exists()
    except (OSError, RuntimeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise NotFound(f"{wanted!r}: cannot be opened: {reason}") from None
    if exists:
        raise NotFound(
            f"{sanitise(wanted)}: not a folder (a briefing set is a folder of YAML files)"
        )
    names = ", ".join(builtin_names()) or "none"
    raise NotFound(
        f"no briefing folder or built-in set named {wanted!r} (built-in: {names}; "
        f"'kzbrief list' shows those on ${PATH_ENV} too)"
    )


def load_set(root: Path, *, use_cache: bool = True) -> Loaded:
    """Load the set in `root`. Problems never raise: they come back in `Loaded.problems`."""
    return _load(root, use_cache=use_cache, parse=True)


def load_if_cached(root: Path) -> SetParts | None:
    """The set when the parse cache holds it for the files as they are now; never parses.

    A few milliseconds even for a 100× set, so the reader can show a cached set in its
    first frame and leave a parse (up to seconds) to a worker.
    """
    loaded = _load(root, use_cache=True, parse=False)
    return loaded.briefing if loaded.ok else None


def _load(root: Path, *, use_cache: bool, parse: bool) -> Loaded:
    if use_cache and (unchanged := _load_unchanged(root)) is not None:
        return Loaded(root, unchanged, ())
    problems: list[Problem] = []
    contents, statuses = _read_files(root, problems)
    problems.extend(_stray_files(root))
    total = sum(len(data) for data in contents.values())
    if total > MAX_SET_BYTES:
        message = f"its files are {total:,} bytes in all; the limit is {MAX_SET_BYTES:,}"
        problems.append(Problem(file=sanitise(str(root)), message=message))
        return Loaded(root, None, tuple(problems))
    key = cache_key(contents)
    if not problems and use_cache:
        cached = read_cached(key, lambda: _parse(root, contents)[0])
        if cached is not None:
            remember(root, statuses, key)
            return Loaded(root, cached, ())
    if not parse:
        return Loaded(root, None, tuple(problems))
    # The files that could be read are parsed even when others could not, so that one
    # bad file does not hide the problems of the rest.
    briefing, found = _parse(root, contents)
    if problems or found:
        return Loaded(root, None, tuple(sorted([*problems, *found], key=_in_file_order)))
    if briefing is not None and use_cache:
        write_cached(key, briefing)
        remember(root, statuses, key)
    return Loaded(root, briefing, ())


def _read_files(
    root: Path, problems: list[Problem]
) -> tuple[dict[str, bytes], dict[str, os.stat_result]]:
    contents: dict[str, bytes] = {}
    statuses: dict[str, os.stat_result] = {}
    for name in FILE_NAMES:
        path = root / name
        label = sanitise(str(path))
        if not os.path.lexists(path):
            problems.append(Problem(file=label, message="file is missing"))
            continue
        try:
            contents[name], statuses[name] = read_with_stat(path, root)
        except FileProblem as exc:
            problems.append(Problem(file=label, message=exc.message, line=exc.line, col=exc.col))
    return contents, statuses


def _load_unchanged(root: Path) -> CachedSet | None:
    """The cached set, when no file has changed since it was recorded (nothing is read)."""
    key = recorded_key(root, FILE_NAMES)
    if key is None or _stray_files(root):
        return None

    def reparse() -> BriefingSet | None:
        # Only the bytes the entry was made from will do: parts parsed from files edited
        # since would not match the parts already decoded.
        problems: list[Problem] = []
        contents, _ = _read_files(root, problems)
        if problems or cache_key(contents) != key:
            return None
        return _parse(root, contents)[0]

    return read_cached(key, reparse)


def _in_file_order(problem: Problem) -> tuple[int, int, int]:
    name = Path(problem.file).name
    return (FILE_NAMES.index(name) if name in FILE_NAMES else 99, problem.line, problem.col)


def _stray_files(root: Path) -> list[Problem]:
    """YAML files the set does not know are reported, never silently skipped."""
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(root)
            if entry.name.endswith((".yaml", ".yml")) and entry.name not in FILE_NAMES
        )
    except OSError as exc:
        return [
            Problem(file=sanitise(str(root)), message=f"cannot list the folder: {exc.strerror}")
        ]
    problems = [
        Problem(
            file=sanitise(str(root / name)),
            message=f"is not a briefing file (expected {', '.join(FILE_NAMES)})",
        )
        for name in names[:_MAX_LISTED_STRAYS]
    ]
    if len(names) > _MAX_LISTED_STRAYS:
        problems.append(
            Problem(
                file=sanitise(str(root)),
                message=f"{len(names) - _MAX_LISTED_STRAYS} more stray YAML files not listed",
            )
        )
    return problems


def _parse(root: Path, contents: dict[str, bytes]) -> tuple[BriefingSet | None, list[Problem]]:
    # Imported here so a cache hit never pays for YAML and validation code.
    import msgspec.inspect as mi

    from .refs import check_references
    from .schema_check import check
    from .yamltree import EventBudget, LMap, Mark, YamlProblem, build_tree

    problems: list[Problem] = []
    trees: dict[str, LMap] = {}
    labels = {kind: sanitise(str(root / f"{kind}.yaml")) for kind in FILE_KINDS}
    limit = MAX_PROBLEMS_PER_FILE
    budget = EventBudget()

    for kind, file_type in FILE_KINDS.items():
        if f"{kind}.yaml" not in contents:  # missing or unreadable: already reported
            continue
        label = labels[kind]
        found: list[Problem] = []

        def report(
            message: str,
            at: Mark,
            path: tuple[str | int, ...],
            label: str = label,
            found: list[Problem] = found,
        ) -> None:
            if len(found) >= limit:
                raise _Enough
            found.append(
                Problem(file=label, message=message, line=at[0], col=at[1], path=format_path(path))
            )

        try:
            tree, issues = build_tree(decode(contents[f"{kind}.yaml"]), budget)
        except FileProblem as exc:
            # Problems found before the text stopped being YAML are reported too.
            earlier = exc.issues[: limit - 1] if isinstance(exc, YamlProblem) else []
            problems.extend(
                Problem(file=label, message=i.message, line=i.at[0], col=i.at[1]) for i in earlier
            )
            problems.append(Problem(file=label, message=exc.message, line=exc.line, col=exc.col))
            continue
        found.extend(
            Problem(file=label, message=i.message, line=i.at[0], col=i.at[1])
            for i in issues[:limit]
        )
        try:
            if not isinstance(tree, LMap):
                key = file_type.__struct_fields__[-1]
                message = f"the top level must be a mapping (such as '{key}:')"
                found.append(Problem(file=label, message=message, line=1, col=1))
            else:
                check(tree, mi.type_info(file_type), tree.at, (), report)
        except _Enough:
            pass
        if len(found) >= limit:
            note = f"the check stopped after {limit} problems in this file; fix them first"
            found.append(Problem(file=label, message=note))
        elif isinstance(tree, LMap) and not found:
            trees[kind] = tree
        problems.extend(found)

    ref_counts: dict[str, int] = {}

    def report_ref(kind: str, message: str, at: Mark, path: tuple[str | int, ...]) -> None:
        ref_counts[kind] = ref_counts.get(kind, 0) + 1
        if ref_counts[kind] > limit:
            return
        problems.append(
            Problem(
                file=labels[kind], message=message, line=at[0], col=at[1], path=format_path(path)
            )
        )

    check_references(trees, report_ref)
    for kind, count in ref_counts.items():
        if count > limit:
            message = f"{count - limit} more reference problems not listed"
            problems.append(Problem(file=labels[kind], message=message))
    if problems or len(trees) < len(FILE_KINDS):
        problems.sort(key=_in_file_order)
        return None, problems
    return _assemble(trees), []


def _assemble(trees: dict[str, Any]) -> BriefingSet:
    parts: dict[str, Any] = {
        kind: msgspec.convert(tree, FILE_KINDS[kind]) for kind, tree in trees.items()
    }
    return BriefingSet(
        briefing=parts["briefing"].briefing,
        sources=parts["sources"].sources,
        topics=parts["topics"].topics,
        events=parts["timeline"].events,
        framing=parts["framing"].framing,
        contested=parts["contested"].contested,
        measures=parts["figures"].measures,
        figures=parts["figures"].figures,
        glossary=parts["glossary"].glossary,
    )
