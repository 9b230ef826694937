"""Safe YAML reading that remembers where each key was, so errors can name file and line.

Only PyYAML's safe machinery is used: rule, config and front-matter YAML can never
construct Python objects. The parser is libyaml's (`yaml.CSafeLoader`: C parser and
composer, Python SafeConstructor) when PyYAML was built with it, else the pure-Python
SafeLoader; both give the same nodes, marks (line numbers) and safe constructors. libyaml
also refuses flow or block nesting deeper than 1000 levels. Alias-heavy documents
("billion laughs") and oversized files are refused before they are built.

PyYAML is imported when YAML is first parsed, not with this module: with the pack cache a
check usually parses no YAML at all, and importing PyYAML is a large part of start-up.
"""

from lint.errors import ConfigError

MAX_BYTES = 8 * 1024 * 1024
MAX_ALIASES = 100

# Defined by `_import_yaml` on first use (module globals, so tests can patch the loaders).
_YAML_NAMES = ("yaml", "WITH_LIBYAML", "_PyLoader", "_Loader", "_SafeBase")


class Mapping(dict):
    """A dict that knows the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


def __getattr__(name: str):
    if name in _YAML_NAMES:
        _import_yaml()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _import_yaml() -> None:
    """Import PyYAML and define the loaders: libyaml's when PyYAML has it, else pure Python."""
    global yaml, WITH_LIBYAML, _PyLoader, _Loader, _SafeBase
    import yaml

    class _PyLoader(yaml.SafeLoader):
        """Pure-Python SafeLoader that builds `Mapping`s and rejects duplicate keys (the fallback)."""

    WITH_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False)) and hasattr(yaml, "CSafeLoader")
    if WITH_LIBYAML:
        class _CLoader(yaml.CSafeLoader):
            """libyaml's parser with the same safe constructors as `_PyLoader`."""

        _Loader, _SafeBase = _CLoader, yaml.CSafeLoader
    else:
        _Loader, _SafeBase = _PyLoader, yaml.SafeLoader
    for loader in {_PyLoader, _Loader}:
        loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_mapping(loader, node) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping keys must be plain scalars", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _count_aliases(text: str, path: str, line_offset: int = 0) -> None:
    aliases = 0
    for event in yaml.parse(text, Loader=_SafeBase):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                line = event.start_mark.line + 1 + line_offset
                raise ConfigError(path, line, f"more than {MAX_ALIASES} YAML aliases; refused")


# A quote or bracket left open is reported by the parser where it gave up (often the end of
# the text); the line to fix is the one where it opened.
_UNCLOSED = {
    "while scanning a quoted scalar": "a quoted value opened on this line is never closed",
    "while parsing a flow sequence": "in the [ list opened on this line: {problem}",
    "while parsing a flow mapping": "in the {{ mapping opened on this line: {problem}",
}


def load_text(text: str, path: str, line_offset: int = 0):
    """Parse YAML text; `line_offset` shifts reported lines (front matter inside an article)."""
    if len(text) > MAX_BYTES:
        raise ConfigError(path, None, f"YAML larger than {MAX_BYTES // (1024 * 1024)} MB; refused")
    if "yaml" not in globals():
        _import_yaml()
    try:
        if "*" in text:
            _count_aliases(text, path, line_offset)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is SafeLoader or CSafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context in _UNCLOSED and exc.context_mark:  # the fault is where it opened
            mark, problem = exc.context_mark, _UNCLOSED[exc.context].format(problem=problem)
        line = mark.line + 1 + line_offset if mark else None
        if "maximum nesting depth" in problem:  # libyaml's own limit
            raise ConfigError(path, line, "YAML nested too deeply") from None
        raise ConfigError(path, line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(path, None, "YAML nested too deeply") from None


def load_file(path) -> object:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), None, f"not UTF-8 (byte offset {exc.start})") from None
    return load_text(text, str(path))
