"""`copydesk explain RULE` and `copydesk explain --kind KIND`: what an editor or a pack author
needs on one screen.

A rule: its title, effective severity and state in this folder, why it exists, its examples
(each one a separate article, labelled and numbered), whether it has a safe fix, how to turn
it on when it is off by default, and how to suppress or ignore it. A kind: what it finds and
every option it takes, from the kind's own option schema (`lint/commands/kinds.py`).
"""

import sys
import textwrap

from lint.commands import kinds
from lint.commands.settings import RuleState, Settings, runner_for, settings_for
from lint.commands.describe import has_safe_fix, rule_title

EXIT_CLEAN, EXIT_ERROR = 0, 2


def _indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text.rstrip("\n"), prefix)


def _examples(label: str, examples) -> list[str]:
    count = f"{len(examples)} example" + ("" if len(examples) == 1 else "s")
    out = [f"{label}: {count}, each linted as a separate article"]
    for number, example in enumerate(examples, 1):
        house = f"  (house options: {', '.join(f'{k}={v}' for k, v in example.house.items())})" if example.house else ""
        out.append(f"  Example {number}{house}")
        out.append(_indent(example.text))
    return out


def _severity_line(state: RuleState) -> str:
    rule = state.rule
    if state.severity_from:
        return f"Severity: {state.severity} (set in {state.severity_from}; default {state.default_severity})"
    return f"Severity: {state.severity}"


def _state_lines(state: RuleState, settings: Settings) -> list[str]:
    rule = state.rule
    if state.runs:
        return [f"Runs here: yes ({settings.source})"]
    lines = [f"Runs here: no, {state.why_not}"]
    if state.why_not == "off by default" or state.why_not.startswith("not selected"):
        running = sorted({s.rule.category for s in settings.states if s.runs and s.rule.category != "copydesk"})
        lines.append(
            f"  Turn it on in .copydesk.yaml: `select: [{', '.join(running + [rule.id])}]` "
            "(select lists everything that runs)"
        )
        lines.append(f"  or for one check: `copydesk check --select {','.join(running + [rule.id])}`")
    return lines


def render_rule(state: RuleState, settings: Settings) -> str:
    rule = state.rule
    out = [f"{rule.id}: {rule_title(rule)}"]
    out.append(f"Category: {rule.category} · {_severity_line(state)} · Kind: {rule.kind}")
    out += _state_lines(state, settings)
    fix = "yes: `copydesk check --fix` removes what it flags" if has_safe_fix(rule) else "no (an editor decides)"
    out.append(f"Safe fix: {fix}")
    if state.overrides:
        out.append(f"Options set in {settings.config.path}: " + ", ".join(f"{k}={v}" for k, v in state.overrides.items()))
    out += ["", "Message:", _indent(rule.message), "", "Why:", _indent(textwrap.fill(rule.description, 88))]
    if hasattr(rule, "fail_examples"):
        out += [""] + _examples("Flagged", rule.fail_examples)
        out += [""] + _examples("Not flagged", rule.pass_examples)
    out += [
        "",
        "Suppress it:",
        f"    on one line        text <!-- copydesk-disable-line {rule.id} -->",
        f"    on the next line   <!-- copydesk-disable-next-line {rule.id} -->",
        f"    in one article     <!-- copydesk-disable-file {rule.id} -->",
        f"    everywhere         `ignore: [{rule.id}]` in .copydesk.yaml, or `copydesk check --ignore {rule.id}`",
    ]
    return "\n".join(out) + "\n"


def run(args) -> int:
    if args.kind:
        return _run_kind(args.kind)
    if not args.rule:
        print("copydesk: explain needs a rule id (see `copydesk rules --all`) or --kind NAME", file=sys.stderr)
        return EXIT_ERROR
    from pathlib import Path

    settings = settings_for(runner_for(args.config, args.rules), Path.cwd())
    state = settings.find(args.rule)
    if state is None:
        print(f"copydesk: no rule '{args.rule}'{settings.suggest(args.rule)} (see `copydesk rules --all`)", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(render_rule(state, settings))
    return EXIT_CLEAN


def _run_kind(name: str) -> int:
    try:
        text = kinds.render_kind(name)
    except KeyError:
        print(f"copydesk: no kind '{name}'{kinds.suggest(name)} (kinds: {', '.join(kinds.names())})", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(text)
    return EXIT_CLEAN
