"""`kzbrief completion bash|zsh|fish`: shell completion with the current set's ids.

The script holds the commands and options of this kzbrief, and the ids of the set it
was made with (topics, sources, contested points, built-in and $KZBRIEF_PATH names), so
completing them costs the shell nothing. Regenerate it when the set changes.
"""

from __future__ import annotations

import argparse
import shlex


class Words:
    def __init__(self, parser: argparse.ArgumentParser, ids: dict[str, list[str]]) -> None:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        self.commands = list(sub.choices)
        self.options = {
            name: sorted({o for a in p._actions for o in a.option_strings})
            for name, p in sub.choices.items()
        }
        self.globals = sorted({o for a in parser._actions for o in a.option_strings})
        self.ids = ids


def _words(items: list[str]) -> str:
    return " ".join(shlex.quote(i) for i in items)


def _id_cases(w: Words) -> str:
    """The `case "$prev"` arms that complete an option's value from the set's ids."""
    arms = []
    for options, kind, more in (
        ("--topic", "topic", ""),
        ("--source", "source", ""),
        ("--point", "point", ""),
        ("--briefing|--since", "briefing", ' COMPREPLY+=($(compgen -d -- "$cur"));'),
    ):
        words = shlex.quote(_words(w.ids[kind]))
        arms.append(
            f'        {options}) COMPREPLY=($(compgen -W {words} -- "$cur"));{more} return ;;'
        )
    return "\n".join(arms)


def bash(w: Words) -> str:
    cases = "\n".join(
        f"        {name}) opts={shlex.quote(' '.join(opts))} ;;" for name, opts in w.options.items()
    )
    return f"""\
# kzbrief completion for bash: eval "$(kzbrief completion bash)"
_kzbrief() {{
    local cur prev cmd opts i
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in -*) ;; *) cmd="${{COMP_WORDS[i]}}"; break ;; esac
    done
    case "$prev" in
{_id_cases(w)}
        --sources|-o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --color|--colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    esac
    opts={shlex.quote(" ".join(w.globals))}
    case "$cmd" in
{cases}
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ -z "$cmd" ]]; then
        COMPREPLY=($(compgen -W {shlex.quote(_words(w.commands))} -- "$cur"))
    elif [[ "$cmd" == compare ]]; then
        COMPREPLY=($(compgen -W {shlex.quote(_words(w.ids["point"]))} -- "$cur"))
    elif [[ "$cmd" == schema ]]; then
        COMPREPLY=($(compgen -W {shlex.quote(_words(w.ids["kind"]))} -- "$cur"))
    elif [[ "$cmd" == completion ]]; then
        COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"))
    else
        COMPREPLY=($(compgen -d -- "$cur"))
    fi
}}
complete -F _kzbrief kzbrief
"""


def zsh(w: Words) -> str:
    # zsh runs bash completion functions through bashcompinit.
    return '# kzbrief completion for zsh: eval "$(kzbrief completion zsh)"\n' + (
        "autoload -U +X bashcompinit && bashcompinit\n" + bash(w).split("\n", 1)[1]
    )


def fish(w: Words) -> str:
    lines = ["# kzbrief completion for fish: kzbrief completion fish | source"]
    top = "not __fish_seen_subcommand_from " + " ".join(w.commands)
    lines.append(
        f"complete -c kzbrief -f -n {shlex.quote(top)} -a {shlex.quote(_words(w.commands))}"
    )
    for option, kind in (
        ("topic", "topic"),
        ("source", "source"),
        ("point", "point"),
        ("briefing", "briefing"),
    ):
        lines.append(f"complete -c kzbrief -l {option} -x -a {shlex.quote(_words(w.ids[kind]))}")
    lines.append(
        "complete -c kzbrief -f -n '__fish_seen_subcommand_from compare' "
        f"-a {shlex.quote(_words(w.ids['point']))}"
    )
    for name, opts in w.options.items():
        for o in opts:
            if o.startswith("--"):
                lines.append(
                    f"complete -c kzbrief -n '__fish_seen_subcommand_from {name}' -l {o[2:]}"
                )
    return "\n".join(lines) + "\n"


SHELLS = {"bash": bash, "zsh": zsh, "fish": fish}
