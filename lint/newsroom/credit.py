"""Credit lines and provenance markers: who an article is credited to, and whose reporting it shows.

Pure functions over lines and text, so the credit-line rule (and tests) need no engine.

Credits come in five forms: a byline near the top, an agency name alone on a line near the
top, a dateline credit at the start of the story ("LONDON (Reuters) -"), a trailer
("(Reporting by ...)", "... contributed reporting", "(c) 2024 The Associated Press") and a
front-matter field.  Provenance markers are phrases in which an outlet reports in the first
person ("seen by Reuters", "told AFP"); plain citations ("according to AP", "CNN reported")
are not markers.  Photo credits ("(AP Photo/...)", "REUTERS/Name") are neither: photos are
licensed separately from the text, so a Reuters picture in an AFP story says nothing.

Every single match runs under MATCH_TIMEOUT (the `regex` module raises TimeoutError past it);
scans over text of any length (provenance markers over a whole article) go through
`lint.patterns.finditer`, whose limit bounds the time to each match rather than the whole scan,
so a long article is not cut off merely for being long (it raises RuleTimeout instead).
Outlet aliases are matched case-sensitively and as whole words ("AP" but never "ap"), with an
optional leading "the", and only in credit positions or right next to a marker phrase.

How the credit-line rule is meant to use this: no credit at all is a finding; a marker of an
outlet outside the article's credited outlets is a finding; when the credits name no outlet
(a staff story) only strong markers are findings, because staff copy legitimately says
"he told CNN" when quoting another outlet's interview.
"""

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import regex

from lint import patterns
from lint.newsroom.sentences import REGEX_WHITESPACE

MATCH_TIMEOUT = 1.0
TOP_WINDOW = 12        # non-blank body lines searched for bylines and datelines, at least ...
PROSE_WORDS = 12       # ... and up to the second line of at least this many words (the lede)
AGENCY_WINDOW = 5      # non-blank body lines searched for a bare agency line
MAX_CREDIT_CHARS = 300  # longer lines are prose, not credit lines

_FLAGS = regex.V1


@dataclass(frozen=True)
class Outlet:
    id: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Credit:
    line: int
    form: str
    outlets: frozenset[str]
    names: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    outlet: str
    strength: str
    phrase: str


class _Outlets(tuple):
    """Outlets as the pattern caches take them: hashed once, not at every cache lookup (a
    tuple hashes each of its ~50 dataclass outlets, in Python, every time it is hashed)."""

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = tuple.__hash__(self)
            return self._hash


def load_outlets(data: dict) -> list[Outlet]:
    """Outlets from the parsed `outlets` lexicon mapping."""
    return [Outlet(entry["id"], tuple(entry["aliases"])) for entry in data.get("outlets", [])]


# ---------------------------------------------------------------- patterns

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DASH = r"(?:--|[-–—])"
# Capitalised words that open sentences like "By Monday, ..." or "By The Way ..." rather
# than a name.
_NOT_FIRST_NAME = (r"(?:The|This|That|These|Those|Then|Now|Next|Last|Early|Late|Mid|Most|Some|"
                   r"All|Many|Far|Comparison|Contrast|Monday|Tuesday|Wednesday|Thursday|Friday|"
                   r"Saturday|Sunday|Christmas|Easter|New|Noon|Midnight|Law|Way|Default|Design|"
                   r"Order|Means|Virtue|Chance|Mistake|Year|End|Day|Night|Morning|Evening)")
_NAME_WORD = r"(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’\-]*\p{L}\.?)"
_PARTICLE = r"(?:de|da|del|della|der|den|di|du|dos|la|le|van|von|bin|ibn|al|el|ter)"
# Two to five name words; a date ("JAN. 13") ends the name.
_NAME = (rf"(?!{_NOT_FIRST_NAME}\b)(?!{_MONTH}\.?\s+\d){_NAME_WORD}"
         rf"(?:\s+(?:{_PARTICLE}\s+)*(?!(?i:{_MONTH})\.?\s+\d)(?!(?i:updated|staff)\b){_NAME_WORD}){{1,4}}")
_NAME_RE = regex.compile(_NAME, _FLAGS)
_FULL_NAME_RE = regex.compile(rf"^{_NAME}$", _FLAGS)
# A sentence's full stop after a name ("Posted by Alon Zakai."), kept on "Jr." and initials.
_TRAILING_STOP = regex.compile(r"(?<!\b(?:Jr|Sr|\p{Lu}))\.$", _FLAGS)
# "A", "A and B", "A, B and C" (each may carry a "(role)"); "A, Senior Writer" is one name.
_ONE = rf"{_NAME}(?:\s*\([^()]*\))?"
_NAME_LIST_RE = regex.compile(rf"{_ONE}(?:(?:\s*,\s*{_ONE})*(?:\s*,?\s+and\s+|\s*&\s*){_ONE})?", _FLAGS)
_LOWER_RUN = regex.compile(r"(?:\b(?!(?:and|of|the|for|in|at|with|on)\b)\p{Ll}+\b[\s,]+){3}", _FLAGS)
_LEADING_MARKUP = REGEX_WHITESPACE + "#>*_"
_TRAILING_MARKUP = REGEX_WHITESPACE + "*_"
_FRONT_MATTER_FENCE = regex.compile(r"^(?:---|\.\.\.)\s*$")


@lru_cache(maxsize=16)
def _alias_pattern(outlets: tuple[Outlet, ...]) -> str:
    """One named group per alias, longest first, so the matched group names the outlet."""
    aliases = {}
    for index, outlet in enumerate(outlets):
        for alias in outlet.aliases:
            bare = alias[4:] if alias.startswith("The ") else alias
            aliases.setdefault(bare, index)
    parts = [rf"(?P<o{aliases[a]}_{n}>{regex.escape(a)})"
             for n, a in enumerate(sorted(aliases, key=len, reverse=True))]
    return rf"(?-i:(?:(?i:the)\s+)?(?<![\w'’\-])(?:{'|'.join(parts)})(?![\w\-]))"


def _outlet_of(match, outlets: tuple[Outlet, ...]) -> str | None:
    """The outlet id of the alias group that took part in `match`."""
    for name, value in match.groupdict().items():
        if value is not None and name.startswith("o") and "_" in name:
            return outlets[int(name[1:name.index("_")])].id
    return None


@lru_cache(maxsize=16)
def _alias_re(outlets: tuple[Outlet, ...]):
    return regex.compile(_alias_pattern(outlets), _FLAGS)


@lru_cache(maxsize=16)
def _only_outlets_re(outlets: tuple[Outlet, ...]):
    """A whole segment that is nothing but outlets: "AFP", "AFP/Reuters", "Reuters staff"."""
    one = _alias_pattern(outlets)
    return regex.compile(rf"^{one}(?:\s*(?:/|,|&|\band\b)\s*{one})*(?:\s+(?i:staff|wire|reports?))?$", _FLAGS)


def _outlets_in(text: str, outlets: tuple[Outlet, ...]) -> frozenset[str]:
    compiled = _alias_re(outlets)
    return frozenset(_outlet_of(m, outlets) for m in patterns.finditer(compiled, text))


def _is_outlets_only(text: str, outlets: tuple[Outlet, ...]) -> bool:
    return bool(_only_outlets_re(outlets).match(text.strip(" .:;,()"), timeout=MATCH_TIMEOUT))


def _names_in(text: str, outlets: tuple[Outlet, ...]) -> tuple[str, ...]:
    """People named in a credit: name-shaped runs once outlet names are blanked out."""
    blanked = _alias_re(outlets).sub(" | ", text, timeout=MATCH_TIMEOUT)
    return tuple(_TRAILING_STOP.sub("", m.group()) for m in patterns.finditer(_NAME_RE, blanked))


# ---------------------------------------------------------------- credit forms

_BYLINE = regex.compile(
    r"^(?:(?:Written|Posted|Reported|Words|Story|Text)\s+)?(?i:by):?\s+(?P<rest>\S.*)$", _FLAGS)
_PIPE = regex.compile(r"\s+[|•]\s+")
_PLACE_WORD = r"(?:\p{Lu}[\p{L}\p{M}.'’\-]*|\d{1,2}|(?:de|la|le|el|al|am|upon|on|of|du|da|di)\b)"
_PLACE = rf"\p{{Lu}}[\p{{L}}\p{{M}}.'’\-]*(?:,?\s+{_PLACE_WORD}){{0,7}},?"
_DATELINE_HEAD = regex.compile(rf"^(?:(?P<place>{_PLACE})\s*)?\((?P<who>[^()\n]{{1,60}})\)\s*(?P<dash>{_DASH})?\s*(?P<next>\S)?", _FLAGS)
_REPORTING_TRAILER = regex.compile(
    r"^\(?\s*(?:Additional\s+|Writing\s+and\s+)?(?:Reporting|Writing|Compiled)\s+by\s+(?P<who>.+?)\)?\.?$", _FLAGS)
_CONTRIBUTED = regex.compile(
    r"^(?P<who>\p{Lu}.{1,200}?)\s+contributed(?:\s+(?:additional\s+)?reporting)?"
    r"(?:\s+to\s+this\s+(?:report|story|article))?(?:\s+from\s+[^.;]{1,60})?\.?\)?$", _FLAGS)
_COPYRIGHT = regex.compile(r"^(?:©|\((?i:c)\)|(?i:copyright))\s*(?:©\s*)?\d{4}(?:\s*[-–]\s*\d{4})?,?\s+(?P<rest>.*)$", _FLAGS)
_IN_PLACE = regex.compile(r"\bin\s+\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’\-]*)*", _FLAGS)


def _clean(line: str) -> str:
    """A line without Markdown heading, quote and emphasis marks (leading #>*_, trailing *_)."""
    return line.lstrip(_LEADING_MARKUP).rstrip(_TRAILING_MARKUP)


def _byline(text: str, outlets: tuple[Outlet, ...]) -> tuple[frozenset, tuple] | None:
    """"By Name[, Name and Name][, Agency]": names must open the line, and what follows
    them may be titles, agencies and dates but not a sentence ("By Monday, most shops ...")."""
    if "by" not in text.lower():  # only ASCII letters fold to b and y
        return None
    match = _BYLINE.match(text, timeout=MATCH_TIMEOUT)
    if not match:
        return None
    rest = match.group("rest")
    head = _alias_re(outlets).match(rest, timeout=MATCH_TIMEOUT) or _NAME_LIST_RE.match(rest, timeout=MATCH_TIMEOUT)
    if not head or _LOWER_RUN.search(rest[head.end():], timeout=MATCH_TIMEOUT):
        return None
    if head.end() < len(rest) and rest[head.end()].isalnum():
        return None
    return _outlets_in(rest, outlets), _names_in(regex.sub(r"\([^()]*\)", " ", head.group()), outlets)


def _piped(text: str, outlets: tuple[Outlet, ...]) -> tuple[frozenset, tuple] | None:
    """"Name | Agency": one part a full name, another nothing but outlets."""
    if "|" not in text and "•" not in text:
        return None
    parts = [p.strip() for p in _PIPE.split(text)]
    if len(parts) < 2:
        return None
    agencies = [p for p in parts if _is_outlets_only(p, outlets)]
    names = tuple(p for p in parts if p not in agencies and _FULL_NAME_RE.match(p, timeout=MATCH_TIMEOUT))
    if not names or not agencies:
        return None
    return frozenset().union(*(_outlets_in(a, outlets) for a in agencies)), names


def _dateline(text: str, outlets: tuple[Outlet, ...]) -> frozenset | None:
    """"CITY[, Region][, Jan 5] (Agency) -" or a bare "(CNN)" opening the story."""
    if "(" not in text:
        return None
    match = _DATELINE_HEAD.match(text, timeout=MATCH_TIMEOUT)
    if not match or not _is_outlets_only(match.group("who"), outlets):
        return None
    if match.group("place") and not match.group("dash"):
        return None
    if not match.group("next"):
        return None
    return _outlets_in(match.group("who"), outlets)


_COPYRIGHT_FIRST = ("©", "(", "c", "C")  # no other character folds to c
_TRAILER_WORDS = ("contributed", "Reporting", "Writing", "Compiled")


def _may_trail(text: str) -> bool:
    """Whether a trailer pattern can match: each needs a literal word (_TRAILER_WORDS), or the
    copyright line one of its first characters (a cheap test that spares most lines three
    regex matches)."""
    return ("contributed" in text or "Reporting" in text or "Writing" in text or "Compiled" in text
            or text[:1] in _COPYRIGHT_FIRST)


@lru_cache(maxsize=1)
def _copyright_opening():
    """A newline, then a line's leading markup and a first character of a copyright line. In
    stdlib `re`, compiled on first use: its literal newline makes a whole-text search fast."""
    return re.compile("\n[" + re.escape(_LEADING_MARKUP.replace("\n", "")) + "]*[©(cC]")


def trailer_lines(text: str, line_starts, first: int) -> list[int]:
    """0-based indexes, from line `first` on, of the lines of `text` ("\n" separated, starting
    at `line_starts`) that `_may_trail` may take once their leading markup is stripped: line
    `first` itself, the lines holding a trailer word, and those whose markup is followed by a
    copyright line's first character. A few searches of the text, not a test per line."""
    if first >= len(line_starts):
        return []
    start = line_starts[first]
    offsets = [match.start() + 1 for match in _copyright_opening().finditer(text, start)]
    for word in _TRAILER_WORDS:
        at = text.find(word, start)
        while at >= 0:
            offsets.append(at)
            at = text.find(word, at + 1)
    return sorted({first}.union(bisect.bisect_right(line_starts, at) - 1 for at in offsets))


def _trailer(text: str, outlets: tuple[Outlet, ...]) -> tuple[frozenset, tuple] | None:
    """Reporting/contributor lines and wire copyright lines; each must name someone."""
    if not _may_trail(text):
        return None
    for pattern in (_REPORTING_TRAILER, _CONTRIBUTED):
        match = pattern.match(text, timeout=MATCH_TIMEOUT)
        if match:
            who = _IN_PLACE.sub("", match.group("who"))
            found = _outlets_in(who, outlets), _names_in(who, outlets)
            return found if any(found) else None
    match = _COPYRIGHT.match(text, timeout=MATCH_TIMEOUT)
    if match:
        head = _alias_re(outlets).match(match.group("rest"), timeout=MATCH_TIMEOUT)
        if head:
            return frozenset({_outlet_of(head, outlets)}), ()
    return None


def _body_start(lines: list[str]) -> int:
    """Index of the first line after a leading front-matter block (0 when there is none)."""
    if not lines or not lines[0].startswith("---") or not _FRONT_MATTER_FENCE.match(lines[0]):
        return 0
    closing = next((i for i in range(1, len(lines)) if _FRONT_MATTER_FENCE.match(lines[i])), None)
    return 0 if closing is None else closing + 1


def _top_window(texts) -> int:
    """How many non-blank lines count as the top: scraped copy puts share buttons, photo
    captions and the like between headline and byline, so the top runs into the lede
    (up to the second line of at least PROSE_WORDS words; the scan stops there)."""
    found = 0
    for rank, text in enumerate(texts):
        if len(text.split(None, PROSE_WORDS)) >= PROSE_WORDS:
            found += 1
            if found == 2:
                return max(TOP_WINDOW, rank + 1)
    return TOP_WINDOW


def _line_credit(index: int, rank: int, top: int, text: str, outlets: tuple[Outlet, ...]) -> Credit | None:
    """The credit on one body line, if any; `rank` is its position among non-blank lines."""
    if rank < top:
        dated = _dateline(text[:MAX_CREDIT_CHARS], outlets)
        if dated:
            return Credit(index, "dateline", dated, (), text[:MAX_CREDIT_CHARS])
    if len(text) > MAX_CREDIT_CHARS:
        return None
    if rank < AGENCY_WINDOW and _is_outlets_only(text, outlets):
        return Credit(index, "agency-line", _outlets_in(text, outlets), (), text)
    found = (_byline(text, outlets) or _piped(text, outlets)) if rank < top else None
    if found and any(found):
        return Credit(index, "byline", found[0], found[1], text)
    found = _trailer(text, outlets)
    return Credit(index, "trailer", found[0], found[1], text) if found else None


def _split_credit_value(value) -> list[str]:
    """The parts of a front-matter credit value (a string or a list of strings)."""
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    parts = []
    for item in values:
        if isinstance(item, str):
            item = regex.sub(r"^(?i:by)\s+", "", item.strip())
            parts += [p for p in regex.split(r"\s*(?:[,;|/&]|\band\b)\s*", item) if p]
    return parts


def _front_matter_credits(lines: list[str], front_matter: dict, fields: list[str],
                          outlets: tuple[Outlet, ...]) -> list[Credit]:
    """One credit per non-empty credit field; a part that is not an outlet is a person."""
    header = lines[:_body_start(lines)]
    credits = []
    for field in fields:
        parts = _split_credit_value(front_matter.get(field))
        if not parts:
            continue
        names = tuple(p for p in parts if not _is_outlets_only(p, outlets))
        found = frozenset().union(*(_outlets_in(p, outlets) for p in parts))
        line = next((i for i, text in enumerate(header) if text.startswith(f"{field}:")), 0)
        credits.append(Credit(line, "front-matter", found, names, f"{field}: {', '.join(parts)}"))
    return credits


def find_credits(lines, front_matter: dict, fields: list[str],
                 outlets: list[Outlet]) -> list[Credit]:
    """Every credit of an article, front-matter fields first, then body lines in order.

    `lines` is any sequence of line strings (a list, or a view that makes them on access);
    it is read line by line, never copied whole. Below the top only trailers count, so a view
    may offer `trailer_lines(first)`: the indexes from `first` on of the lines that may hold
    one (see `trailer_lines`), found without making every line.
    """
    known = _Outlets(outlets)
    credits = _front_matter_credits(lines, front_matter, fields, known)
    first = _body_start(lines)

    def body():
        """(index, text) of each non-blank body line (iterated: a view makes lines faster so)."""
        for index, text in enumerate(islice(lines, first, None), first):
            if text.strip():
                yield index, text

    top = _top_window(text for _, text in body())
    after = first
    for rank, (index, text) in enumerate(body()):
        if rank == top:
            break
        after = index + 1
        credit = _line_credit(index, rank, top, _clean(text), known)
        if credit:
            credits.append(credit)
    else:
        return credits
    find = getattr(lines, "trailer_lines", None)
    for index in find(after) if find else range(after, len(lines)):
        text = lines[index]
        if _may_trail(text.lstrip(_LEADING_MARKUP)):
            credit = _line_credit(index, top, top, _clean(text), known)
            if credit:
                credits.append(credit)
    return credits


# ---------------------------------------------------------------- provenance markers

# Each marker pattern with the words one of which every match holds, for those that do not
# open with the outlet (these are scanned for over the whole text; the words let a text
# without any of them skip the scan). The words are lower case, as str.casefold gives them.
_STRONG = (
    (r"\b(?:seen|obtained|reviewed|viewed|examined|inspected|verified)\s+by\s+{O}",
     "seen obtained reviewed viewed examined inspected verified"),
    (r"{O}\s+(?:could\s*not|couldn['’]t|cannot|can['’]t|was\s+unable\s+to|has\s+not\s+been\s+able\s+to|"
     r"was\s+not\s+able\s+to)\s+(?:independently\s+|immediately\s+)?(?:verify|confirm)", ""),
    (r"\ban?\s+{O}\s+(?:reporter|photographer|correspondent|journalist|witness|cameraman|camerawoman|"
     r"videographer|crew|team|producer|stringer)s?\b",
     "reporter photographer correspondent journalist witness cameraman camerawoman videographer crew team "
     "producer stringer"),
    (r"\ban?\s+{O}\s+(?:tally|analysis|investigation|review|count|calculation|examination)\b",
     "tally analysis investigation review count calculation examination"),
    (r"{O}\s+(?:has|had)\s+(?:learned|learnt)\b", ""),
    (r"\b(?:contacted|reached)\s+by\s+{O}", "contacted reached"),
)
_MEDIUM = (
    (r"\btold\s+{O}", "told"),
    (r"\b(?:spoke|speaking|spoken|talking|talked)\s+(?:exclusively\s+)?(?:with|to)\s+{O}",
     "spoke speaking spoken talking talked"),
    (r"\bin\s+an?\s+(?:(?:exclusive|phone|telephone|email|e-mail|brief|recent|separate|video|written)\s+)?"
     r"(?:interview|statement|email|e-mail|message|comments?|remarks?)\s+(?:with|to)\s+{O}",
     "interview statement email e-mail message comment remark"),
    (r"\b(?:when\s+)?asked\s+by\s+{O}", "asked"),
)
# Reuters' own trailer: "(Reporting by ...; Editing by ...)".
_REUTERS_TRAILER = regex.compile(r"\((?:Additional\s+)?Reporting\s+by\b[^()]*?\bEditing\s+by\b[^()]*\)", _FLAGS)
_REUTERS_ID = "Reuters"


@lru_cache(maxsize=16)
def _marker_res(outlets: tuple[Outlet, ...]):
    """(compiled pattern, strength, opens with the outlet, words) for each marker pattern; each
    pattern has exactly one outlet slot."""
    alias = _alias_pattern(outlets)
    return [(regex.compile(p.replace("{O}", alias), _FLAGS | regex.IGNORECASE), strength, p.startswith("{O}"),
             tuple(words.split()))
            for strength, group in (("strong", _STRONG), ("medium", _MEDIUM)) for p, words in group]


def _folded(text: str) -> str:
    """`text` as the case-insensitive marker patterns compare it, for finding their words: full
    case folding (ſ is s, ﬅ is st), less the dot above that folding adds to İ, which `regex`
    also takes for a plain i. Only ever finds more words than the patterns can match."""
    return text.casefold().replace("\u0307", "")


@lru_cache(maxsize=16)
def _bare_aliases(outlets: tuple[Outlet, ...]) -> tuple[str, ...]:
    """Every alias as the marker patterns match it (case-sensitive, without a leading "The ")."""
    return tuple(sorted({alias[4:] if alias.startswith("The ") else alias for o in outlets for alias in o.aliases}))


@lru_cache(maxsize=16)
def _alias_finders(outlets: tuple[Outlet, ...]):
    """(any alias, an alias between edges the slot allows). The first is searched through
    whole articles, in stdlib `re`: literals mean the same there, and it finds them several
    times faster; grouped by first letter, since only where an alias starts matters. The
    second, longest first, is only tried where the first found one, in `regex`, whose compiled
    patterns the start-up cache keeps. An ASCII word character, apostrophe or hyphen is an
    edge the slot's `regex` classes refuse too; a non-ASCII neighbour is left for the slot."""
    bare = _bare_aliases(outlets)
    aliases = "(?:" + "|".join(map(re.escape, sorted(bare, key=len, reverse=True))) + ")"
    return re.compile(_by_first_letter(bare)), regex.compile(r"(?<![A-Za-z0-9_'’\-])" + aliases + r"(?![A-Za-z0-9_\-])")


def _by_first_letter(words) -> str:
    """An alternation of literal words grouped by their first character ("A(?:FP|P)|R(?:euters)"):
    it matches where the flat one does, and `re` tries one group at a character, not every word.
    With no words, or an empty one, it is empty and matches everywhere, as the flat one does."""
    if "" in words:
        return ""
    groups = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        longer = "|".join(map(re.escape, sorted(filter(None, rests), key=len, reverse=True)))
        optional = "?" if "" in rests else ""
        parts.append(re.escape(first) + (f"(?:{longer}){optional}" if longer else ""))
    return "|".join(parts)


def _alias_starts(text: str, outlets: tuple[Outlet, ...]) -> list[int]:
    """Every offset where an alias occurs between edges the slot allows: a superset of where
    the outlet slot of a marker can match (the slot matches an alias case-sensitively, then
    checks its edges). Searched again one character on from each hit, so an alias inside a
    longer one ("Reuters" in "Thomson Reuters") is found too."""
    anywhere, bounded = _alias_finders(outlets)
    search, starts = anywhere.search, []
    match = search(text)
    while match is not None:
        at = match.start()
        if bounded.match(text, at):
            starts.append(at)
        match = search(text, at + 1)
    return starts


def _slot_starts(text: str, alias_starts: list[int]) -> list[int]:
    """Offsets where a pattern that opens with the outlet slot can start: an alias, or the
    "the" of "the <whitespace> alias" (the slot's optional article). A superset: each is
    verified by matching the pattern there."""
    starts = set(alias_starts)
    for at in alias_starts:
        j = at
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < at and j >= 3 and text[j - 3 : j].lower() == "the":
            starts.add(j - 3)
    return sorted(starts)


def _matches_from(compiled, text: str, starts: list[int]):
    """What `patterns.finditer(compiled, text)` yields when every match starts at one of
    `starts` (sorted): the leftmost match at or after the end of the previous one, tried
    start by start (`match` at a position sees the text before it, as a scan does)."""
    end = len(text)
    position = 0
    for start in starts:
        if start < position:
            continue
        try:
            match = compiled.match(text, start, end, timeout=patterns._limit(start, end))
        except TimeoutError:
            raise patterns.RuleTimeout() from None
        if match is not None:
            yield match
            position = max(match.end(), start + 1)


def find_provenance_markers(text: str, outlets: list[Outlet]) -> list[Marker]:
    """First-person reporting markers of outlets in `text`, in order of position.

    Every marker holds an outlet alias, so the marker patterns only run when an alias occurs
    in the text, and the ones that open with the outlet are only tried where one can start
    (scanning for them at every offset of an article dominated the rule's cost); the others
    are scanned for only when one of their words occurs.
    """
    known = _Outlets(outlets)
    markers = []
    alias_starts = _alias_starts(text, known)
    if alias_starts:
        slot_starts = folded = None
        for compiled, strength, opens, words in _marker_res(known):
            if opens:
                if slot_starts is None:
                    slot_starts = _slot_starts(text, alias_starts)
                found = _matches_from(compiled, text, slot_starts)
            else:
                if folded is None:
                    folded = _folded(text)
                if not any(word in folded for word in words):
                    continue
                found = patterns.finditer(compiled, text)
            for match in found:
                markers.append(Marker(match.start(), match.end(), _outlet_of(match, known), strength, match.group()))
    if "Editing" in text and any(o.id == _REUTERS_ID for o in known):
        for match in patterns.finditer(_REUTERS_TRAILER, text):
            markers.append(Marker(match.start(), match.end(), _REUTERS_ID, "strong", match.group()))
    return sorted(markers, key=lambda m: (m.start, m.end))
