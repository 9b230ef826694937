"""`copydesk config [PATH]`: the effective configuration for a file (or folder), as YAML: the
config file that applies, every setting with its defaults filled in, whether the file is
linted at all, and the rules that run on it with their severities."""

import sys
from pathlib import Path

from lint.commands.settings import runner_for, settings_for

EXIT_CLEAN, EXIT_ERROR = 0, 2


def effective(path: Path, args) -> dict:
    runner = runner_for(args.config, args.rules)
    folder = path if path.is_dir() else path.parent
    settings = settings_for(runner, folder)
    cfg = settings.config
    data = {
        "path": str(path),
        "config_file": cfg.path,
        "select": list(cfg.select),
        "ignore": list(cfg.ignore),
        "severity": dict(cfg.severity),
        "fail_on": cfg.fail_on,
        "rules": [str(folder) for folder in cfg.rules] + [str(folder) for folder in runner.extra_rules],
        "exclude": list(cfg.exclude),
        "not_articles": list(cfg.not_articles),
        "house": dict(cfg.house),
        "options": {rule_id: dict(values) for rule_id, values in cfg.options.items()},
    }
    if not path.is_dir():
        data["linted"] = _linted(path, cfg)
    data["rules_that_run"] = {state.id: state.severity for state in settings.states if state.runs}
    data["rules_that_do_not_run"] = {state.id: state.why_not for state in settings.states if not state.runs}
    return data


def _linted(path: Path, cfg) -> str:
    from lint.files import ARTICLE_SUFFIXES, excluded, not_article

    if not_article(path, cfg.root, cfg.not_articles):
        return "no: matches 'not_articles' (a repository's README, changelog, licence or .github/)"
    if cfg.exclude and excluded(path, cfg.root, cfg.exclude):
        return "no: matches 'exclude' when a folder is checked (a file named on the command line is still linted)"
    if not path.name.lower().endswith(ARTICLE_SUFFIXES):
        return f"only when named: a folder check reads {', '.join(ARTICLE_SUFFIXES)} files"
    return "yes"


def run(args) -> int:
    import yaml

    path = Path(args.path)
    if not path.exists():
        print(f"copydesk: {path}: no such file or folder", file=sys.stderr)
        return EXIT_ERROR
    text = yaml.safe_dump(effective(path, args), sort_keys=False, allow_unicode=True, default_flow_style=False)
    sys.stdout.write(f"# copydesk: the effective configuration for {path}\n{text}")
    return EXIT_CLEAN
