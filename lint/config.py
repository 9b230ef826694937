"""Newsroom configuration: `.copydesk.yaml` or `[tool.copydesk]` in pyproject.toml.

Found from each linted file's folder upward; the nearest wins. Command-line flags win over it.
"""

from dataclasses import dataclass, field
from pathlib import Path

from lint import yamlsafe
from lint.errors import ConfigError
from lint.finding import SEVERITIES
from lint.schema import Option, line_of, validate

CONFIG_NAME = ".copydesk.yaml"
# A content repository's own documents: never linted as articles unless a config says otherwise.
NOT_ARTICLES = ("README.md", "CHANGELOG.md", "LICENSE*", ".github/")

HOUSE_SPEC = {
    "quote_style": Option("str", default="us", choices=("us", "uk"), help="US: double outside, single inside"),
    "outlets": Option("list", default=[], help="outlets accepted in credits (empty: any)"),
    "outlet": Option("str", default="", help="the newsroom's own outlet: a story whose credit names none is its own"),
    "credit_fields": Option("list", default=["credit", "byline", "author", "source"]),
    "genre": Option("str", default="news", choices=("news", "opinion", "analysis", "letters", "column"),
                    help="the pieces' genre when no front matter or kicker says (lint/newsroom/genre.py)"),
}
SPEC = {
    "select": Option("list", default=[], help="rule ids or categories to run (default: all enabled)"),
    "ignore": Option("list", default=[], help="rule ids or categories to skip"),
    "severity": Option("map", default={}, help="rule id or category -> error|warning|suggestion"),
    "rules": Option("list", default=[], help="the newsroom's own rule folders, relative to this file"),
    "exclude": Option("list", default=[], help="gitignore-style patterns of paths not to lint"),
    "not_articles": Option("list", default=list(NOT_ARTICLES),
                           help="gitignore-style patterns of a content repository's files that are not articles"),
    "fail_on": Option("str", default="warning", choices=SEVERITIES),
    "house": Option("mapping", default={}),
    "options": Option("mapping", default={}, help="rule id -> option overrides"),
}


@dataclass
class Config:
    """The settings of one config file (defaults when there is none)."""

    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list = field(default_factory=list)
    ignore: list = field(default_factory=list)
    severity: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    not_articles: list = field(default_factory=lambda: list(NOT_ARTICLES))
    fail_on: str = "warning"
    house: dict = field(default_factory=lambda: validate({}, HOUSE_SPEC, ""))
    options: dict = field(default_factory=dict)
    option_lines: dict = field(default_factory=dict)


def _from_mapping(data, path: Path) -> Config:
    source = str(path)
    checked = validate(data if data is not None else {}, SPEC, source)
    for key, level in checked["severity"].items():
        if level not in SEVERITIES:
            raise ConfigError(source, line_of(checked["severity"], key), f"'severity.{key}' must be one of {', '.join(SEVERITIES)}")
    for rule_id, overrides in checked["options"].items():
        if not isinstance(overrides, dict):
            raise ConfigError(source, line_of(checked["options"], rule_id), f"'options.{rule_id}' must be a mapping")
    return Config(
        path=source,
        root=path.parent,
        select=checked["select"],
        ignore=checked["ignore"],
        severity=checked["severity"],
        rules=[(path.parent / folder).resolve() for folder in checked["rules"]],
        exclude=checked["exclude"],
        not_articles=checked["not_articles"],
        fail_on=checked["fail_on"],
        house=validate(checked["house"], HOUSE_SPEC, source, "house"),
        options=checked["options"],
        option_lines={key: line_of(checked["options"], key) for key in checked["options"]},
    )


def _pyproject_section(path: Path, use_cache: bool = False):
    """The [tool.copydesk] table of a pyproject.toml, or None. With `use_cache`, the answer for
    these exact bytes may come from the user's cache (see `lint.cache.pyproject_section`)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    if use_cache:
        from lint import cache

        return cache.pyproject_section(raw, lambda content: _parse_section(path, content))
    return _parse_section(path, raw)


def _parse_section(path: Path, raw: bytes):
    import tomllib  # only when TOML is parsed: it costs start-up otherwise

    try:
        data = tomllib.loads(raw.decode())  # what tomllib.load does with the bytes
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), getattr(exc, "lineno", None), f"invalid TOML: {exc}") from None
    return data.get("tool", {}).get("copydesk")


def load(path: Path, use_cache: bool = False) -> Config:
    if path.name == "pyproject.toml":
        return _from_mapping(_pyproject_section(path, use_cache) or {}, path)
    return _from_mapping(yamlsafe.load_file(path), path)


def _config_in(folder: Path, use_cache: bool) -> Path | None:
    """The config file in `folder` itself, if any."""
    yaml_file = folder / CONFIG_NAME
    if yaml_file.is_file():
        return yaml_file
    toml_file = folder / "pyproject.toml"
    if toml_file.is_file() and _pyproject_section(toml_file, use_cache) is not None:
        return toml_file
    return None


def find(folder: Path, known: dict | None = None, use_cache: bool = False) -> Path | None:
    """The nearest config file at or above `folder`.

    `known` (folder -> answer) remembers the answers for the folders looked at, for runs
    in which files do not change: each folder's files are then read at most once.
    `use_cache`: see `_pyproject_section`.
    """
    known = {} if known is None else known
    walked = []
    found = None
    for candidate in (folder, *folder.parents):
        if candidate in known:
            found = known[candidate]
            break
        walked.append(candidate)
        found = _config_in(candidate, use_cache)
        if found is not None:
            break
    for candidate in walked:
        known[candidate] = found
    return found
