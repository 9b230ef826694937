"""Strict checking of YAML mappings: unknown keys and wrong types are errors naming the line."""

from dataclasses import dataclass

from lint.errors import ConfigError
from lint.patterns import check_regex

_TYPE_NAMES = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "list": "a list of strings",
    "regexes": "a list of regular expressions",
    "map": "a mapping of strings to strings",
    "mapping": "a mapping",
    "records": "a list of mappings",
    "examples": "a list of article texts (or mappings with 'text' and 'house')",
}


@dataclass(frozen=True)
class Option:
    """One key of a mapping: its type, default, whether it is required, and allowed values."""

    type: str
    default: object = None
    required: bool = False
    choices: tuple = ()
    help: str = ""


def _type_ok(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind in ("list", "regexes"):
        return isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    if kind == "map":
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    if kind == "mapping":
        return isinstance(value, dict)
    if kind == "examples":
        return isinstance(value, list) and all(isinstance(v, (str, dict)) for v in value)
    if kind == "records":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise ValueError(kind)


def line_of(mapping: object, key: object) -> int | None:
    finder = getattr(mapping, "line_of", None)
    return finder(key) if finder else None


def validate(mapping: object, spec: dict[str, Option], path: str, where: str = "") -> dict:
    """Checked copy of `mapping` with defaults filled in; raises ConfigError on the first fault."""
    prefix = f"{where}." if where else ""
    if not isinstance(mapping, dict):
        line = getattr(mapping, "line", None)
        raise ConfigError(path, line, f"{where or 'file'} must be a mapping")
    for key in mapping:
        if key not in spec:
            allowed = ", ".join(sorted(spec))
            raise ConfigError(path, line_of(mapping, key), f"unknown key '{prefix}{key}' (allowed: {allowed})")
    result = {}
    for key, option in spec.items():
        if key not in mapping:
            if option.required:
                raise ConfigError(path, getattr(mapping, "line", None), f"missing required key '{prefix}{key}'")
            result[key] = option.default
            continue
        value = mapping[key]
        line = line_of(mapping, key)
        if not _type_ok(option.type, value):
            raise ConfigError(path, line, f"'{prefix}{key}' must be {_TYPE_NAMES[option.type]}")
        if option.choices:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in option.choices:
                    allowed = ", ".join(map(str, option.choices))
                    raise ConfigError(path, line, f"'{prefix}{key}' has {item!r}; allowed: {allowed}")
        if option.type == "regexes":
            for pattern in value:
                problem = check_regex(pattern)
                if problem:
                    raise ConfigError(path, line, f"'{prefix}{key}' has an invalid regex `{pattern}`: {problem}")
        result[key] = value
    return result
