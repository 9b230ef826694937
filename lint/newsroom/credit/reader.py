"""The credit recogniser, built from the lexicons: outlets and their aliases, byline openers,
dateline codes, trailer forms, photo credits and provenance markers by strength.

One `CreditReader` per set of lexicons (built once, shared by the credit and provenance
kinds and by furniture); its patterns are compiled on first use and kept.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache

import re
import regex

from lint.alternation import literal_alternation
from lint.errors import ConfigError
from lint.newsroom.credit.names import FLAGS


# The lexicons the reader is built from (a newsroom extends them with `extends: true`).
OUTLETS = "outlets"
BYLINES = "credit-bylines"
DATELINES = "credit-datelines"
TRAILERS = "credit-trailers"
PHOTO = "credit-photo"
STRONG = "provenance-strong"
INTERVIEW = "provenance-interview"
INTERVIEW_OUTLETS = "provenance-interview-outlets"
HOUSE_FORMS = "provenance-house-forms"
SLOT = "{O}"


@dataclass(frozen=True)
class Outlet:
    id: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class MarkerForm:
    """A provenance marker pattern with its one outlet slot, and how strong a sign it is."""

    pattern: str
    strength: str
    source: str  # the lexicon file, for errors


@dataclass(frozen=True)
class CreditData:
    """What the lexicons say about credits, as plain values (the key of the reader cache)."""

    outlets: tuple[Outlet, ...]
    openers: tuple[str, ...] = ("By",)
    dateline_codes: tuple[Outlet, ...] = ()
    trailers: tuple[str, ...] = ()
    trailer_words: tuple[str, ...] = ()
    photo: tuple[str, ...] = ()
    markers: tuple[MarkerForm, ...] = ()
    interview_outlets: frozenset[str] = frozenset()
    house_forms: tuple[Outlet, ...] = ()


def outlets_of(records) -> tuple[Outlet, ...]:
    """Outlets from lexicon records ({"id": ..., "aliases": [...]})."""
    return tuple(Outlet(entry["id"], tuple(entry["aliases"])) for entry in records)


def data_of(lexicons) -> CreditData:
    """The credit data of loaded lexicons (`lint.lexicons.Lexicons`); a missing lexicon is empty."""

    def get(name):
        return lexicons.get(name)

    def terms(name):
        lexicon = get(name)
        return tuple(lexicon.terms) if lexicon else ()

    def patterns(name):
        lexicon = get(name)
        return tuple(lexicon.patterns) if lexicon else ()

    def records(name):
        lexicon = get(name)
        return outlets_of(lexicon.outlets) if lexicon else ()

    markers = tuple(MarkerForm(p, strength, get(name).path)
                    for name, strength in ((STRONG, "strong"), (INTERVIEW, "interview")) if get(name)
                    for p in get(name).patterns)
    return CreditData(records(OUTLETS), terms(BYLINES) or ("By",), records(DATELINES), patterns(TRAILERS),
                      terms(TRAILERS), patterns(PHOTO), markers, frozenset(terms(INTERVIEW_OUTLETS)),
                      records(HOUSE_FORMS))


def _bare(alias: str) -> str:
    return alias[4:] if alias.startswith("The ") else alias


def _alias_pattern(outlets: tuple[Outlet, ...]) -> str:
    """One named group per alias, longest first, so the matched group names the outlet; aliases
    are case-sensitive whole words, with an optional "the" before them."""
    aliases = {}
    for index, outlet in enumerate(outlets):
        for alias in outlet.aliases:
            aliases.setdefault(_bare(alias), index)
    parts = [rf"(?P<o{aliases[a]}_{n}>{regex.escape(a)})"
             for n, a in enumerate(sorted(aliases, key=len, reverse=True))]
    if not parts:
        return r"(?!)"
    return rf"(?-i:(?:(?i:the)\s+)?(?<![\w'’\-])(?:{'|'.join(parts)})(?![\w\-]))"


def _compile(pattern: str, source: str, flags: int = FLAGS):
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise ConfigError(source, None, f"invalid credit pattern {pattern!r}: {exc}") from None


class CreditReader:
    """Reads credits and provenance markers as the lexicons define them.

    `credit_line(text)` says what one line is as a credit (what furniture asks before it
    takes a line for boilerplate); `find_credits` and `find_provenance_markers` in
    `lint.newsroom.credit` read a whole article with it.
    """

    def __init__(self, data: CreditData):
        self.data = data
        self.outlets = data.outlets
        self._known: dict[tuple[str, bool], object] = {}

    @classmethod
    def from_lexicons(cls, lexicons) -> "CreditReader":
        """The reader for loaded lexicons (what a kind's `prepare` receives); one per content."""
        return _reader(data_of(lexicons))

    def credit_line(self, text: str, top: bool = False):
        """The `CreditLine` one line of text is (byline, agency-line, dateline, trailer, photo),
        or None. `top`: the line sits between headline and lede, where "Jane Doe | Reuters"
        is a byline too. Remembered per line: furniture asks about a line several times."""
        from lint.newsroom.credit.lines import read_line

        key = (text, top)
        known = self._known
        if key not in known:
            if len(known) >= 8192:
                known.clear()
            known[key] = read_line(text, self, top)
        return known[key]

    def is_credit_text(self, text: str, top: bool = False) -> bool:
        """Whether a line is part of the story's credit by its form alone: a credit line but a
        photo credit, and at the `top` also a name that may be a byline ("Jane Doe", "Jane Doe
        • May 2, 2025") or an opener waiting for its names ("By")."""
        from lint.newsroom.credit.lines import bare_name, clean, dated_name, may_credit

        if top and not may_credit(text, self) and not bare_name(clean(text)):
            top = False  # no top form can take it: a trailer, a sign-off or an agency line
        found = self.credit_line(text, top)
        if found is not None:
            return found.kind != "photo"
        return top and bool(bare_name(clean(text)) or dated_name(clean(text)))

    def top_credit_lines(self, lines) -> list[int]:
        """Indexes of the credit lines among `lines` (strings) read as the top of a story, from
        its headline (or a byline above it) down to the lede: bylines, a byline split over two
        lines ("By" / "Jane Doe"), a bare name where the layout makes it a byline ("Jane Doe"
        beside a date, or right above the lede), agency lines and datelines."""
        from lint.newsroom.credit.article import top_credit_lines

        return top_credit_lines(lines, self)

    def outlet_id(self, name: str) -> str:
        """The outlet id a name stands for (an id or an alias), else the name itself."""
        for outlet in self.outlets:
            if name == outlet.id or name in outlet.aliases or _bare(name) in map(_bare, outlet.aliases):
                return outlet.id
        return name

    # ------------------------------------------------------------ compiled on first use

    @cached_property
    def alias_pattern(self) -> str:
        return _alias_pattern(self.outlets)

    @cached_property
    def alias_re(self):
        return regex.compile(self.alias_pattern, FLAGS)

    def outlet_of(self, match, outlets: tuple[Outlet, ...] | None = None) -> str | None:
        """The outlet id of the alias group that took part in `match`."""
        outlets = self.outlets if outlets is None else outlets
        for name, value in match.groupdict().items():
            if value is not None and name.startswith("o") and "_" in name:
                return outlets[int(name[1:name.index("_")])].id
        return None

    @cached_property
    def only_outlets_re(self):
        """A whole segment that is nothing but outlets: "AFP", "AFP/Reuters", "Reuters staff"."""
        one = self.alias_pattern
        return regex.compile(rf"^{one}(?:\s*(?:/|,|&|\band\b)\s*{one})*(?:\s+(?i:staff|wire|reports?))?$", FLAGS)

    @cached_property
    def dateline_outlets(self) -> tuple[Outlet, ...]:
        return self.outlets + self.data.dateline_codes

    @cached_property
    def dateline_alias_re(self):
        return regex.compile(_alias_pattern(self.dateline_outlets), FLAGS)

    @cached_property
    def dateline_code_re(self):
        """A dateline's bracket that is nothing but outlet codes: "AP", "AFP/Reuters"."""
        one = _alias_pattern(self.dateline_outlets)
        return regex.compile(rf"^{one}(?:\s*(?:/|,|&|\band\b)\s*{one})*$", FLAGS)

    @cached_property
    def opener_re(self):
        """A byline's opening words ("By", "Written by"), then an optional colon."""
        words = sorted(self.data.openers, key=len, reverse=True)
        opener = "|".join(r"\s+".join(map(regex.escape, w.split())) for w in words)
        return regex.compile(rf"^(?i:{opener}):?\s+(?P<rest>\S.*)$", FLAGS)

    @cached_property
    def opener_words(self) -> frozenset[str]:
        """The first words of the openers, lower case: a byline line opens with one of them
        unless it holds a date, a bracket or a separator (see `lines.may_credit`)."""
        return frozenset(words.split()[0].lower() for words in self.data.openers if words.split())

    @cached_property
    def trailer_res(self) -> tuple:
        source = _source(TRAILERS)
        return tuple(_compile(rf"^(?:{p})$", source) for p in self.data.trailers)

    @cached_property
    def trailer_words(self):
        """The trailer lexicon's words (its terms), one of which every trailer line holds:
        searched for in the whole text (stdlib `re`; as written, in lower case, in capitals
        and capitalised) to find the lines worth matching the trailer forms against."""
        words = {form for word in self.data.trailer_words if word
                 for form in (word, word.lower(), word.upper(), word[:1].upper() + word[1:].lower())}
        if not words:
            return None
        return re.compile(literal_alternation(words))

    @cached_property
    def photo_re(self):
        if not self.data.photo:
            return None
        return _compile("|".join(f"(?:{p})" for p in self.data.photo), _source(PHOTO))

    @cached_property
    def marker_res(self) -> tuple:
        """(compiled pattern, strength) per marker form, strong forms first."""
        forms = []
        for form in self.data.markers:
            if form.pattern.count(SLOT) != 1:
                raise ConfigError(form.source, None, f"provenance pattern {form.pattern!r} must hold {SLOT} exactly once")
            compiled = _compile(form.pattern.replace(SLOT, self.alias_pattern), form.source, FLAGS | regex.IGNORECASE)
            forms.append((compiled, form.strength))
        return tuple(forms)

    @cached_property
    def house_form_res(self) -> tuple:
        """(compiled form, outlet id) for each outlet's own credit forms."""
        return tuple((_compile(p, _source(HOUSE_FORMS)), outlet.id)
                     for outlet in self.data.house_forms for p in outlet.aliases)

    @cached_property
    def bare_aliases(self) -> tuple[str, ...]:
        """Every alias as the marker slot matches it (case-sensitive, without a leading "The ")."""
        return tuple(sorted({_bare(a) for o in self.outlets for a in o.aliases}))

    @cached_property
    def alias_finders(self):
        """(any alias, an alias between edges the slot allows). The first is searched through
        whole articles, in stdlib `re` (literals mean the same there, and it finds them several
        times faster), grouped by first letter, since only where an alias starts matters. The
        second is only tried where the first found one. An ASCII word character, apostrophe or
        hyphen is an edge the slot's classes refuse too; a non-ASCII neighbour is left to it."""
        bare = self.bare_aliases
        flat = "(?:" + "|".join(map(re.escape, sorted(bare, key=len, reverse=True))) + ")"
        return (re.compile(literal_alternation(bare) or "(?!)"),
                regex.compile(r"(?<![A-Za-z0-9_'’\-])" + flat + r"(?![A-Za-z0-9_\-])"))


def _source(name: str) -> str:
    return f"lexicon '{name}'"


@lru_cache(maxsize=8)
def _reader(data: CreditData) -> CreditReader:
    return CreditReader(data)
