"""Pieces every prose kind shares: phrase sets (terms, patterns, lexicons) and scopes."""

from dataclasses import dataclass

from lint.errors import ConfigError
from lint.patterns import PhraseSet
from lint.schema import Option, line_of, validate

PHRASES = {
    "terms": Option("list", default=[], help="literal phrases, case-insensitive, word-bounded"),
    "patterns": Option("regexes", default=[], help="regular expressions (regex module syntax)"),
    "lexicons": Option("list", default=[], help="names of shared lexicon files"),
}
SCOPES = ("all", "headline", "body")
# Which genres of piece a rule reads (lint/newsroom/genre.py); empty: every genre.
GENRES = Option("list", default=[], help="genres the rule reads (news, opinion, analysis, letters, column); empty: all")
WINDOWS = ("sentence", "previous-sentence", "next-sentence", "paragraph-before", "paragraph")


def compile_phrases(mapping, lexicons, path: str, where: str, ignore_case: bool = True):
    """A PhraseSet (matching like one alternation of the phrases), or None when the set is empty."""
    if not mapping:
        return None
    phrases = validate(mapping, PHRASES, path, where)
    entries = [("term", term) for term in phrases["terms"]] + [("regex", pattern) for pattern in phrases["patterns"]]
    for name in phrases["lexicons"]:
        lexicon = lexicons.get(name)
        if lexicon is None:
            raise ConfigError(path, line_of(mapping, "lexicons"), f"'{where}.lexicons' names unknown lexicon '{name}'")
        entries += lexicon.entries()
    if not entries:
        raise ConfigError(path, getattr(mapping, "line", None), f"'{where}' has no terms, patterns or lexicons")
    return PhraseSet(entries, ignore_case)


# The options every prose kind accepts; the engine applies them (ProseFilter), so a kind's
# check only finds candidates.
PROSE_OPTIONS = {
    "scope": Option("str", default="all", choices=SCOPES, help="the part of the article read: all, headline or body"),
    "skip_quoted": Option("bool", default=True, help="matches inside a direct quotation are the speaker's words"),
}


@dataclass(frozen=True, slots=True)
class ProseFilter:
    """Which hits of a prose kind the engine keeps: none on furniture lines, only those in
    the rule's scope and, with skip_quoted, none inside a quotation (a hit that is itself a
    quotation, `Hit.quotation`, stays). Kinds marked PROSE get one, reading the PROSE_OPTIONS
    they declare (one not declared does not filter); other kinds' hits are kept as found."""

    scope: str = "all"
    skip_quoted: bool = False

    @classmethod
    def of(cls, engine, options: dict) -> "ProseFilter | None":
        """The filter for a rule of kind `engine` with these options, or None (not prose)."""
        if not getattr(engine, "PROSE", False):
            return None
        declared = {name: options.get(name, option.default) for name, option in PROSE_OPTIONS.items()
                    if name in engine.OPTIONS}
        return cls(**declared)

    def keeps(self, ctx, hit) -> bool:
        start = hit.start
        if ctx.is_furniture(start):
            return False
        if self.scope != "all":
            headline = ctx.doc.headline
            in_headline = headline is not None and headline.start <= start < headline.end
            if in_headline != (self.scope == "headline"):
                return False
        return not (self.skip_quoted and not hit.quotation and ctx.quoted(start, hit.end))


def clip(text: str, limit: int = 60) -> str:
    """A match as it reads in a one-line message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def in_genre(ctx, genres: list) -> bool:
    """Whether the document's genre is one the rule reads."""
    return not genres or ctx.genre in genres
