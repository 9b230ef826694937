"""Shared word lists (attribution verbs, outlets, furniture phrases) that several rules use.

A lexicon is data, so a newsroom extends one in its own pack: a file with the same `name`
and `extends: true` adds its terms to the built-in list.
"""

from dataclasses import dataclass, field
from pathlib import Path

from lint import yamlsafe
from lint.errors import ConfigError
from lint.patterns import term_pattern
from lint.schema import Option, validate

SPEC = {
    "name": Option("str", required=True),
    "description": Option("str", required=True),
    "terms": Option("list", default=[]),
    "patterns": Option("regexes", default=[]),
    "outlets": Option("records", default=[]),
    "extends": Option("bool", default=False),
}
OUTLET_SPEC = {
    "id": Option("str", required=True),
    "aliases": Option("list", required=True),
}


@dataclass
class Lexicon:
    """One shared word list: literal terms, regex patterns, and (for outlets) ids with aliases."""

    name: str
    path: str
    terms: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    outlets: list[dict] = field(default_factory=list)

    def regexes(self) -> list[str]:
        """Every entry as a regex: terms word-bounded and escaped, patterns as written."""
        return self.term_regexes() + list(self.patterns)

    def term_regexes(self) -> list[str]:
        """The terms as regexes, remembered while the terms stay the same (the pack cache
        stores them too: building them is a measurable part of start-up)."""
        terms = tuple(self.terms)
        known = self.__dict__.get("_term_regexes")
        if known is None or known[0] != terms:
            known = self._term_regexes = (terms, [term_pattern(term) for term in terms])
        return list(known[1])

    def remember_term_regexes(self, regexes: list[str]) -> None:
        """Take the terms' regexes from the pack cache (built by `term_regexes` from these terms)."""
        if len(regexes) != len(self.terms) or not all(isinstance(r, str) for r in regexes):
            raise ValueError(f"lexicon {self.name!r}: cached term regexes do not match its terms")
        self._term_regexes = (tuple(self.terms), list(regexes))

    def entries(self) -> list[tuple[str, str]]:
        """Every entry, in the order of `regexes()`, as ("term", phrase) or ("regex", pattern)."""
        return [("term", term) for term in self.terms] + [("regex", pattern) for pattern in self.patterns]


def load_lexicon(path: Path) -> dict:
    checked = validate(yamlsafe.load_file(path), SPEC, str(path))
    checked["outlets"] = [validate(entry, OUTLET_SPEC, str(path), "outlets[]") for entry in checked["outlets"]]
    return checked


class Lexicons:
    """All lexicons of the loaded packs, by name."""

    def __init__(self):
        self.by_name: dict[str, Lexicon] = {}

    def add(self, path: Path) -> None:
        data = load_lexicon(path)
        name = data["name"]
        existing = self.by_name.get(name)
        if existing and not data["extends"]:
            raise ConfigError(str(path), 1, f"lexicon '{name}' is already defined in {existing.path}; add 'extends: true' to extend it")
        if not existing:
            if data["extends"]:
                raise ConfigError(str(path), 1, f"lexicon '{name}' extends nothing: no lexicon of that name is loaded")
            existing = self.by_name[name] = Lexicon(name, str(path))
        existing.terms += data["terms"]
        existing.patterns += data["patterns"]
        existing.outlets += data["outlets"]

    def get(self, name: str) -> Lexicon | None:
        return self.by_name.get(name)

    def to_data(self) -> list:
        """Plain data for the pack cache (`from_data` reads it back)."""
        return [[lex.name, lex.path, lex.terms, lex.patterns, lex.outlets, lex.term_regexes()]
                for lex in self.by_name.values()]

    @classmethod
    def from_data(cls, items) -> "Lexicons":
        lexicons = cls()
        for name, path, terms, patterns, outlets, term_regexes in items:
            lexicon = lexicons.by_name[name] = Lexicon(name, path, list(terms), list(patterns), list(outlets))
            lexicon.remember_term_regexes(term_regexes)
        return lexicons
