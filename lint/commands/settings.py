"""The effective settings of a folder: which config file applies, and for every rule whether it
runs there, at what severity and with which options, and if not, why not.

`rules`, `explain` and `config` show these, so what they print is what `check` does in that
folder (a `.copydesk.yaml` severity, ignore or option override included).
"""

import difflib
from dataclasses import dataclass
from pathlib import Path

from lint import suppress
from lint.runner import Runner, select_rules


@dataclass(frozen=True)
class RuleState:
    """One rule as a folder's config leaves it."""

    rule: object  # a lint.rules.Rule, or a suppress.MetaRule
    severity: str  # effective
    default_severity: str  # the rule file's
    runs: bool
    why_not: str  # "" when it runs
    severity_from: str  # the config file that changed the severity, else ""
    overrides: dict  # option overrides from the config

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass(frozen=True)
class Settings:
    """The config of one folder and the state of every rule there."""

    config: object  # lint.config.Config
    states: list

    @property
    def source(self) -> str:
        return self.config.path or "no config file (built-in defaults)"

    def find(self, rule_id: str) -> RuleState | None:
        return next((state for state in self.states if state.id == rule_id), None)

    def suggest(self, name: str) -> str:
        known = [state.id for state in self.states]
        close = difflib.get_close_matches(name, known, n=2, cutoff=0.5)
        return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _matches(rule, names) -> bool:
    return rule.id in names or rule.category in names


def runner_for(config: Path | None, extra_rules) -> Runner:
    return Runner(config_path=config, extra_rules=extra_rules)


def settings_for(runner: Runner, folder: Path) -> Settings:
    """The effective settings of `folder` (its nearest config, or the runner's --config)."""
    cfg = runner.config_for(folder)
    rules, lexicons = runner.packs(tuple(cfg.rules) + tuple(runner.extra_rules))
    chosen = {rule.id: rule for rule in select_rules(rules, lexicons, cfg)}
    where = cfg.path or "the config"
    states = []
    for rule in rules:
        runs = rule.id in chosen
        effective = chosen.get(rule.id, rule)
        severity = cfg.severity.get(rule.id) or cfg.severity.get(rule.category) or rule.severity
        if runs:
            why_not = ""
        elif cfg.select and not _matches(rule, cfg.select):
            why_not = f"not selected ('select' in {where})"
        elif not rule.enabled and rule.id not in cfg.select:
            why_not = "off by default"
        else:
            why_not = f"ignored ('ignore' in {where})"
        states.append(RuleState(
            effective, severity, rule.severity, runs, why_not,
            cfg.path if severity != rule.severity else "",
            dict(cfg.options.get(rule.id, {})),
        ))
    checks = suppress.checks_for(rules, cfg)
    for meta in suppress.META_RULES:
        if meta is suppress.UNUSED_SUPPRESSION:
            state = "off by default (on with `copydesk check --report-unused-suppressions`)"
        else:
            state = "" if meta in checks.rules else f"ignored ('ignore' in {where})"
        states.append(RuleState(meta, meta.severity, meta.severity, not state, state, "", {}))
    return Settings(cfg, sorted(states, key=lambda s: s.id))
