"""YAML to a located tree of strings, built from libyaml's parse events.

The tree is composed here rather than by PyYAML's loaders so that hostile
input is refused while it streams past, before anything is built from it:
tags, anchors and aliases (alias bombs), nesting deeper than `MAX_DEPTH`
(which overflows libyaml's recursive composer), duplicate keys and extra
documents. Every scalar stays a string (`NO`, `010`, `1:20` and `2022-13-45`
keep their text), except the plain null forms. Each mapping and list remembers
where its entries are, so validation can report `line:col`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml import events as ev

from kzbrief.sanitise import sanitise

from .files import FileProblem, line_col

_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None

MAX_DEPTH = 64
MAX_EVENTS = 1_500_000
# The longest text one value may hold (the real briefing's longest is ~1 500). Rich and
# Textual wrap a value in more than linear time: a 15 MB value stalls either for a minute.
MAX_TEXT_CHARS = 100_000
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))

Mark = tuple[int, int]
_DISCARD = "\x00discard"


class LMap(dict[str, Any]):
    """A mapping that knows where it starts and where each key and value is."""

    __slots__ = ("at", "key_at", "value_at")

    def __init__(self, at: Mark) -> None:
        super().__init__()
        self.at = at
        self.key_at: dict[str, Mark] = {}
        self.value_at: dict[str, Mark] = {}


class LList(list[Any]):
    """A list that knows where it starts and where each item is."""

    __slots__ = ("at", "item_at")

    def __init__(self, at: Mark) -> None:
        super().__init__()
        self.at = at
        self.item_at: list[Mark] = []


class TreeIssue(Exception):
    """A problem found while building the tree; building goes on where it can."""

    def __init__(self, message: str, at: Mark) -> None:
        super().__init__(message)
        self.message = message
        self.at = at


class YamlProblem(FileProblem):
    """The text stops being YAML at `line:col`; `issues` were found before that point."""

    def __init__(self, message: str, at: Mark, issues: list[TreeIssue]) -> None:
        super().__init__(message, *at)
        self.issues = issues


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _offset_mark(text: str, offset: int) -> Mark:
    """line:col of a UTF-8 byte offset into `text` (libyaml's reader errors count bytes)."""
    return line_col(text.encode("utf-8", "surrogatepass"), offset)


class EventBudget:
    """How many more parse events a load may spend.

    Parsing time grows with events, not bytes: real briefing text costs ~0.06 s a MB,
    while `[a,a,a,...]` costs ~0.8 s a MB. A budget shared by the files of a set bounds
    the worst case at a few seconds, while a 100x newsroom set (1.2M events) still loads.
    """

    def __init__(self, events: int = MAX_EVENTS) -> None:
        self.left = events
        self.total = events


def build_tree(text: str, budget: EventBudget | None = None) -> tuple[Any, list[TreeIssue]]:
    """Parse one YAML document into LMap/LList/str/None, with the issues found.

    Raises FileProblem when the text cannot be parsed at all, or spends the budget.
    """
    budget = budget or EventBudget()
    issues: list[TreeIssue] = []
    if _CParser is None:  # pragma: no cover - PyYAML without libyaml
        raise FileProblem("PyYAML was built without libyaml; reinstall it with libyaml")
    parser = _CParser(text)
    # A stack of open containers; for a mapping, the key waiting for its value.
    stack: list[tuple[LMap | LList, str | None, Mark]] = []
    root: Any = None
    documents = 0
    event: Any = None  # the last event handed out: where the text not yet handed out begins
    try:
        while True:
            event = parser.get_event()
            budget.left -= 1
            if budget.left < 0:
                message = f"the set has more than {budget.total:,} YAML nodes; split or trim it"
                raise YamlProblem(message, _mark(event), issues)
            if event is None or isinstance(event, ev.StreamEndEvent):
                break
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    issues.append(
                        TreeIssue("only one YAML document is allowed per file", _mark(event))
                    )
                    break
                continue
            if isinstance(event, (ev.StreamStartEvent, ev.DocumentEndEvent)):
                continue
            if isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                done = stack.pop()[0]
                if not stack:
                    root = done
                continue
            at = _mark(event)
            if isinstance(event, ev.AliasEvent):
                issues.append(TreeIssue("aliases (*name) are not allowed; write the value out", at))
                _place(stack, None, at, issues)
                continue
            if event.anchor is not None:
                issues.append(TreeIssue("anchors (&name) are not allowed", at))
            if event.tag is not None:
                issues.append(
                    # repr() escapes what sanitise() would, without doubling backslashes
                    TreeIssue(f"tags are not allowed (found {event.tag!r})", at)
                )
            if isinstance(event, ev.ScalarEvent):
                plain = event.style in ("", None)
                scalar = event.value
                if len(scalar) > MAX_TEXT_CHARS:
                    size = f"is {len(scalar):,} characters"
                    issues.append(TreeIssue(f"{size}; one value may hold {MAX_TEXT_CHARS:,}", at))
                    scalar = scalar[:MAX_TEXT_CHARS]
                value = None if plain and scalar in _NULLS else sanitise(scalar)
                if not stack:
                    root = value
                else:
                    _place(stack, value, at, issues)
                continue
            # A mapping or a sequence opens.
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(f"nesting is deeper than {MAX_DEPTH} levels", at, issues)
            container: LMap | LList = (
                LMap(at) if isinstance(event, ev.MappingStartEvent) else LList(at)
            )
            if stack:
                _place(stack, container, at, issues)
            stack.append((container, None, at))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        resume = event.end_mark.index if event is not None else 0
        too_deep = _flow_too_deep(text, resume, mark.index if mark else len(text), len(stack))
        if too_deep is not None:
            raise YamlProblem(
                f"nesting is deeper than {MAX_DEPTH} levels", too_deep, issues
            ) from None
        where = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = _explain(text, mark.index) if mark else None
        message = f"is not valid YAML: {reason or sanitise(str(exc.problem or exc))}"
        if reason is None:
            where, message = _with_context(text, exc, where, message)
        raise YamlProblem(message, where, issues) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL or ESC
        message = f"is not valid YAML: character U+{exc.character:04X} is not allowed"
        raise YamlProblem(message, _offset_mark(text, exc.position), issues) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"is not valid YAML: {sanitise(str(exc))}", (0, 0), issues) from None
    if documents == 0:
        raise FileProblem("is empty", 1, 1)
    return root, issues


def _with_context(
    text: str, exc: yaml.MarkedYAMLError, where: tuple[int, int], message: str
) -> tuple[tuple[int, int], str]:
    """Where the broken thing starts, and PyYAML's context in the message: a quote left
    open is reported at the quote, not where the parser gave up pages later."""
    problem = exc.problem_mark
    at = f" at {problem.line + 1}:{problem.column + 1}" if problem else ""
    context, start = exc.context, exc.context_mark
    if context and start is not None:
        message += f"{at} ({sanitise(context)} started at {start.line + 1}:{start.column + 1})"
        if context.startswith("while scanning"):  # the token being read is the broken thing
            return (start.line + 1, start.column + 1), message
    quoted = _open_quote(text, problem.index if problem else len(text))
    if quoted is not None:
        line, col, end = quoted
        message += f"{at if not context else ''}; the quoted value started at {line}:{col} "
        message += f"runs on to line {end}: is its closing quote missing?"
        return (line, col), message
    return where, message


def _open_quote(text: str, index: int) -> tuple[int, int, int] | None:
    """The last quoted value before `index` that runs over several lines (start line,
    column and end line): the usual sign of a quote never closed."""
    last = None
    scanner = _CParser(text[:index])  # the one parser (libyaml), here for its tokens
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if last is None or last.start_mark.line == last.end_mark.line:
        return None
    return last.start_mark.line + 1, last.start_mark.column + 1, last.end_mark.line + 1


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _explain(text: str, index: int) -> str | None:
    """Our own words for the mistakes people make most, read from the text where parsing
    stopped rather than from libyaml's message (whose wording is libyaml's to change)."""
    line_start = text.rfind("\n", 0, index) + 1
    line_end = text.find("\n", index)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent:
        return "a tab character indents this line; YAML indents with spaces"
    escape = _SURROGATE_ESCAPE.search(line)
    if escape is not None:
        return (
            f"the escape {escape.group()} is half of a UTF-16 surrogate pair, not a character; "
            "write the character itself"
        )
    return None


def _flow_too_deep(text: str, start: int, stop: int, depth: int) -> Mark | None:
    """Where flow nesting in `text[start:stop]` first passes MAX_DEPTH, if it does.

    libyaml scans a flow collection ahead of the events it hands out and refuses nesting past
    its own limit (1,000 in libyaml 0.2.6) before our check on events can fire. When parsing
    fails, the text libyaml had scanned but not yet handed out is read here, so a set too deep
    is reported at our limit, where it first went too deep, whatever libyaml's limit is.
    """
    index = start
    while index < stop:
        char = text[index]
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                head = text[:index].encode("utf-8", "surrogatepass")
                return line_col(head, len(head))
        elif char in "]}":
            depth -= 1
        elif char in "'\"":  # a quoted scalar: brackets inside it are text
            index += 1
            while index < stop and text[index] != char:
                index += 2 if char == '"' and text[index] == "\\" else 1
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            close = text.find("\n", index)
            index = stop if close < 0 else close
        index += 1
    return None


def _place(
    stack: list[tuple[LMap | LList, str | None, Mark]],
    value: Any,
    at: Mark,
    issues: list[TreeIssue],
) -> None:
    """Put a value into the innermost open container."""
    container, pending, key_at = stack[-1]
    if isinstance(container, LList):
        container.append(value)
        container.item_at.append(at)
        return
    if pending is None:
        # This value is a key.
        if not isinstance(value, str):
            issues.append(TreeIssue("keys must be plain text", at))
            value = f"<key at {at[0]}:{at[1]}>"
        if value in container.key_at:
            first = container.key_at[value]
            issues.append(TreeIssue(f"duplicate key {value!r} (first at line {first[0]})", at))
            stack[-1] = (container, _DISCARD, at)  # the first value stands
            return
        container.key_at[value] = at
        stack[-1] = (container, value, at)
        return
    if pending is not _DISCARD:
        container[pending] = value
        container.value_at[pending] = at
    stack[-1] = (container, None, key_at)
