"""Rule files: one YAML file per rule, validated strictly when a pack is loaded."""

import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from lint import cache, kinds, regex_cache, yamlsafe
from lint.errors import ConfigError
from lint.finding import CATEGORIES, SEVERITIES
from lint.lexicons import Lexicons
from lint.schema import Option, line_of, validate

# A pattern string for re.match: compiled only when rule files are read, not at every start.
ID_PATTERN = r"^[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"
LEXICON_FOLDER = "lexicons"

SPEC = {
    "id": Option("str", required=True),
    "category": Option("str", required=True, choices=CATEGORIES),
    "severity": Option("str", required=True, choices=SEVERITIES),
    "message": Option("str", required=True),
    "description": Option("str", required=True),
    "kind": Option("str", required=True, choices=tuple(sorted(kinds.KINDS))),
    "options": Option("mapping", default={}),
    "examples": Option("mapping", required=True),
    "enabled": Option("bool", default=True),
}
EXAMPLES_SPEC = {
    "fail": Option("examples", required=True),
    "pass": Option("examples", required=True),
}
EXAMPLE_SPEC = {
    "text": Option("str", required=True),
    "house": Option("mapping", default={}, help="house options the example is linted under"),
}


@dataclass(frozen=True)
class Example:
    """An example text of a rule, with the house options it is linted under."""

    text: str
    house: dict


class _Unprepared:
    """`Rule.prepared` of a rule from the pack cache until it is selected (see `Rule.ready`)."""

    def __repr__(self) -> str:
        return "UNPREPARED"


UNPREPARED = _Unprepared()


@dataclass(frozen=True)
class Rule:
    """One rule: its pack file's validated data and its kind's prepared matchers."""

    id: str
    category: str
    severity: str
    message: str
    description: str
    kind: str
    options: dict
    fail_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    enabled: bool
    path: str
    prepared: object = field(compare=False, repr=False, default=None)

    @property
    def engine(self):
        return kinds.KINDS[self.kind]

    def with_options(self, overrides: dict, lexicons: Lexicons, source: str) -> "Rule":
        """A copy with newsroom option overrides applied and re-validated."""
        options = {**self.options, **overrides}
        checked = validate(options, self.engine.OPTIONS, source, f"options.{self.id}")
        prepared = self.engine.prepare(checked, lexicons, source)
        return Rule(**{**self.__dict__, "options": checked, "prepared": prepared})

    def ready(self, lexicons: Lexicons) -> "Rule":
        """This rule with its matchers prepared: rules from the pack cache prepare only when
        a run selects them."""
        if self.prepared is not UNPREPARED:
            return self
        return Rule(**{**self.__dict__, "prepared": self.engine.prepare(self.options, lexicons, self.path)})


def builtin_dir() -> Path:
    """Built-in packs: inside the installed package, or `rules/` of a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "builtin"
    return installed if installed.is_dir() else here.parent / "rules"


def _check_message(message: str, engine, path: str, line: int | None) -> None:
    """Only plain `{name}` fields: no conversion (`!r`), format spec (`:>9`), attribute or index."""
    allowed = ("match",) + tuple(getattr(engine, "ARGS", ()))
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        raise ConfigError(path, line, f"'message' is not a valid template: {exc}") from None
    for name, spec, conversion in fields:
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        written = written.replace("\n", " ").replace("\r", " ")
        if conversion is not None or spec:
            raise ConfigError(path, line, f"'message' field {written} has a conversion or format spec; only plain names like {{match}} are allowed")
        if "." in name or "[" in name:
            raise ConfigError(path, line, f"'message' field {written} uses attribute or index access; only plain names like {{match}} are allowed")
        if name not in allowed:
            raise ConfigError(path, line, f"'message' uses {{{name}}}; allowed: {', '.join('{' + a + '}' for a in allowed)}")


def _example(item, source: str, key: str) -> Example:
    if isinstance(item, str):
        return Example(item, {})
    checked = validate(item, EXAMPLE_SPEC, source, f"examples.{key}[]")
    return Example(checked["text"], dict(checked["house"]))


def load_rule(path: Path, lexicons: Lexicons) -> Rule:
    source = str(path)
    data = yamlsafe.load_file(path)
    checked = validate(data, SPEC, source)
    rule_id = checked["id"]
    if not re.match(ID_PATTERN, rule_id) or rule_id.split(".")[0] != checked["category"]:
        raise ConfigError(source, line_of(data, "id"), f"rule id '{rule_id}' must read '{checked['category']}.name-in-kebab-case'")
    engine = kinds.KINDS[checked["kind"]]
    _check_message(checked["message"], engine, source, line_of(data, "message"))
    examples = validate(checked["examples"], EXAMPLES_SPEC, source, "examples")
    for key in ("fail", "pass"):
        if not examples[key]:
            raise ConfigError(source, line_of(checked["examples"], key), f"'examples.{key}' needs at least one example")
        examples[key] = tuple(_example(item, source, key) for item in examples[key])
    options = validate(checked["options"], engine.OPTIONS, source, "options")
    try:
        prepared = engine.prepare(options, lexicons, source)
    except ConfigError as exc:
        if exc.line is None:
            raise ConfigError(source, line_of(data, "options"), exc.detail) from None
        raise
    return Rule(
        id=rule_id,
        category=checked["category"],
        severity=checked["severity"],
        message=checked["message"],
        description=checked["description"].strip(),
        kind=checked["kind"],
        options=options,
        fail_examples=examples["fail"],
        pass_examples=examples["pass"],
        enabled=checked["enabled"],
        path=source,
        prepared=prepared,
    )


def _yaml_files(folder: Path) -> list[Path]:
    """The YAML files under `folder`, not through linked folders, in path order.

    os.walk rather than Path.rglob, which is several times slower: the pack cache key lists
    these files on every start.
    """
    found = []
    for top, _, names in os.walk(folder):
        base = Path(top)
        for name in names:
            path = base / name
            if path.suffix in (".yaml", ".yml") and path.is_file():
                found.append(path)
    return sorted(found)


def load_packs(folders: list[Path], use_cache: bool = False) -> tuple[list[Rule], Lexicons]:
    """All rules and lexicons of the given pack folders; the first folder is the built-in one.

    `use_cache`: from the user's cache when it holds these exact files (see `lint.cache`):
    loading skips YAML parsing and validation, and a rule's kind prepares its matchers when a
    run selects the rule (`Rule.ready`). The pack set's stored regexes are primed too.
    """
    key = _packs_key(folders) if use_cache and all(folder.is_dir() for folder in folders) else None
    if key is None:
        return _load_files(folders)
    regex_cache.prime_pack_regexes(key)
    data = cache.load_entry("packs", key)
    if data is not None:
        try:
            return _from_data(data)
        except Exception:  # noqa: BLE001 - corrupt or from an older layout: rebuild
            pass
    rules, lexicons = _load_files(folders)
    cache.store_entry("packs", key, {"rules": [_rule_data(rule) for rule in rules], "lexicons": lexicons.to_data()})
    return rules, lexicons


def _load_files(folders: list[Path]) -> tuple[list[Rule], Lexicons]:
    lexicons = Lexicons()
    rule_files = []
    for folder in folders:
        if not folder.is_dir():
            raise ConfigError(str(folder), None, "rule folder does not exist")
        for path in _yaml_files(folder):
            if LEXICON_FOLDER in path.relative_to(folder).parts[:-1]:
                lexicons.add(path)
            else:
                rule_files.append(path)
    rules: dict[str, Rule] = {}
    for path in rule_files:
        rule = load_rule(path, lexicons)
        if rule.id in rules:
            raise ConfigError(str(path), 1, f"rule id '{rule.id}' is already defined in {rules[rule.id].path}")
        rules[rule.id] = rule
    return sorted(rules.values(), key=lambda r: r.id), lexicons


def _packs_key(folders: list[Path]) -> str | None:
    """A hash of every rule file's path and content (and `cache.fingerprint`), or None when a
    folder cannot be read."""
    digest = cache.fingerprint()
    try:
        for folder in folders:
            digest.update(str(folder).encode() + b"\0\0")
            for path in _yaml_files(folder):
                digest.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _rule_data(rule: Rule) -> dict:
    return {
        "id": rule.id, "category": rule.category, "severity": rule.severity, "message": rule.message,
        "description": rule.description, "kind": rule.kind, "options": rule.options, "enabled": rule.enabled,
        "path": rule.path, "fail": [[e.text, e.house] for e in rule.fail_examples],
        "pass": [[e.text, e.house] for e in rule.pass_examples],
    }


def _from_data(data) -> tuple[list[Rule], Lexicons]:
    """Rules and lexicons rebuilt from cached data, the rules unprepared (see `Rule.ready`)."""
    lexicons = Lexicons.from_data(data["lexicons"])
    rules = []
    for item in data["rules"]:
        if item["kind"] not in kinds.KINDS:
            raise ValueError(f"unknown kind {item['kind']!r}")
        rules.append(Rule(
            id=item["id"], category=item["category"], severity=item["severity"], message=item["message"],
            description=item["description"], kind=item["kind"], options=item["options"],
            fail_examples=tuple(Example(text, dict(house)) for text, house in item["fail"]),
            pass_examples=tuple(Example(text, dict(house)) for text, house in item["pass"]),
            enabled=bool(item["enabled"]), path=item["path"], prepared=UNPREPARED,
        ))
    return rules, lexicons
