"""`copydesk rules`: the rules as this folder's config leaves them (effective severity; rules
that do not run here only with --all, each with the reason)."""

from pathlib import Path

from lint.commands.describe import has_safe_fix
from lint.commands.settings import runner_for, settings_for

EXIT_CLEAN = 0


def run(args) -> int:
    settings = settings_for(runner_for(args.config, args.rules), Path.cwd())
    print(f"# settings: {settings.source}")
    for state in settings.states:
        if not (state.runs or args.all):
            continue
        rule = state.rule
        notes = []
        if state.severity_from:
            notes.append(f"default {state.default_severity}")
        if has_safe_fix(rule):
            notes.append("fixable")
        if not state.runs:
            notes.append(state.why_not)
        note = f"  ({'; '.join(notes)})" if notes else ""
        print(f"{rule.id:<40} {rule.category:<16} {state.severity:<10} {rule.kind}{note}")
    return EXIT_CLEAN
