"""Stray page furniture: navigation, share prompts and teaser lists left in scraped copy.

Pure functions over a list of lines.  Phrases alone are weak evidence ("Read more about the
plan ..., he said." is prose), so the detector first finds the article body (the densest run
of long sentence-like lines) and then judges each line by where it sits and what it looks
like: lines before the headline and after the body are page chrome, while inside the body
only lines with a furniture phrase, a teaser-list header, or a tell-tale shape are flagged.
Phrases come keyed by ROLE (headers, prompts, notices, labels, sections); which lexicons fill
which role is the rule file's business (lint/kinds/furniture.py).  Every step is a single pass, so the whole run is linear in the number of lines.

Flagged lines are deleted by --fix, so precision comes first: when a line may be story copy it
is kept.  A paragraph after a teaser box is the story going on unless the list claims it; the
headline is never below a body paragraph; a body-like paragraph with more body after it is
never navigation; doubled link text is short and never a sentence; and with no headline found
the file's first line is its headline, so a second --fix finds nothing new to remove.
"""

from bisect import bisect_left
from collections import namedtuple
from functools import lru_cache
from itertools import accumulate

import regex

from lint import patterns
from lint.patterns import term_pattern

# What each phrase role means to the detector.  `phrases` passed to find_furniture is keyed
# by these roles; a rule file names the lexicons that fill each role.
ROLES = {
    "headers": "headers of teaser lists ('More from ...', 'Most read'): the line and the list under it",
    "prompts": "share, follow and sign-up prompts opening a short line",
    "notices": "site notices (advertising labels, comment counters, cookie and copyright lines) opening a short line",
    "labels": "labels that make a line furniture at any length ('Media caption ...', 'Click to share on ...')",
    "sections": "bare section names: a whole short line; evidence only outside the story",
}
ROLE_REASONS = {
    "headers": "related-story link",
    "prompts": "share/follow/subscribe prompt",
    "notices": "site notice",
    "labels": "caption or share label",
}
MATCH_TIMEOUT = 1.0
_TERM_START = r"(?<![\w'’])"   # the look-behind and look-ahead around a term (term_pattern)
_TERM_END = r"(?![\w'’])"
# a pattern's escapes, sets, group openings, verbs, repeats and possessive quantifiers (_scan_safe)
_TOKEN = regex.compile(r"\\.?|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?|\(\*|\{[^}]*\}\+?|[*+?]\+?")
_UNSAFE_ESCAPES = frozenset("AZzGK123456789g")
# a pattern's escapes, sets, parentheses and bars (_opening_letter)
_STRUCTURE = regex.compile(r"\\.?|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]")
# a lazy skip ahead on the line (".{0,400}?", ".*?") to a mark, or to one of a group of marks,
# not repeated: literals of ASCII punctuation, escaped or plain, or "…" (no other character
# matches these case-insensitively; tests/test_furniture_speed.py checks it) (_mark)
_MARK_TEXT = r"""(?:\\[!-/:-@\[-`{-~]|[!"#%&',\-/:;<=>@_`~…])+"""
_LAZY_MARK = rf"\.(?:\*|\+|\{{(?:\d+(?:,\d*)?|,\d+)\}})\?(?:\(\?:({_MARK_TEXT}(?:\|{_MARK_TEXT})*)\)|({_MARK_TEXT}))(?![?*+{{])"

DEFAULTS = {
    "min_body_words": 10,       # a prose line has at least this many words ...
    "max_title_words": 25,      # ... and a title-like line at most this many
    "min_title_words": 4,       # a headline has at least this many words
    "max_phrase_words": 8,      # furniture phrases only count on short lines
    "headline_window": 60,      # non-blank lines above the body searched for the headline
    "lede_lines": 5,            # body paragraphs whose words identify the headline
    "gap_penalty": 4,           # body-span score of one short non-prose line
    "furniture_penalty": 25,    # body-span score of a line with a furniture phrase
    "chrome_run": 2,            # prompt/notice lines in a row that count fully against the body span
    "resume_paragraphs": 2,     # paragraphs in a row after numbered title + paragraph items: a listicle
    "resume_after_box": 1,      # prose paragraphs under a teaser box right after the body: the story goes on
    "resume_gap": 6,            # ... and short unmarked lines in a row between its paragraphs after the box
    "min_teasers": 3,           # isolated summaries in a row that make a teaser list
    "min_dek_words": 8,         # a sentence this long under the headline is a standfirst
    "trailer_window": 4,        # credit lines this close after the body are kept
    "dek_shared_words": 4,      # ... or one without a final stop sharing this many words with the lede
    "dek_window": 2,            # lines above the best headline candidate searched for a headline over its dek
}

_BULLET = regex.compile(r"^(?:[*+•·◦▪►›»\-–—o](?=\s)|\d{1,2}[.)](?=\s))\s*")
_EDGE_START, _EDGE_END = r"[\d\s,.:|()\[\]#-]", r"[\s\d,.:|()\[\]#›»>-]"
_NUMERIC_EDGES = regex.compile(f"^{_EDGE_START}+|{_EDGE_END}+$")
# their ASCII characters (and the two others) for string strips (_unmarked); written out, not
# computed at import (tests/test_furniture_speed.py checks them against the classes)
_LEADING_EDGE = "\t\n\x0b\x0c\r #(),-.0123456789:[]|"
_TRAILING_EDGE = "\t\n\x0b\x0c\r #(),-.0123456789:>[]|›»"
_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_CONTENT_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|\w{4,}")
_SENTENCE_END = regex.compile(r"""[.!?。！？…:;]["'”’»)\]]*$""")
_SENTENCE_STOPS = frozenset(".!?。！？…:;")   # _SENTENCE_END, as characters
_CLOSERS = "\"'”’»)]"
# ASCII word characters kept, the other bytes made spaces (_words)
_ASCII_WORDS = bytes(byte if byte < 128 and (chr(byte).isalnum() or byte == 95) else 32 for byte in range(256))
# ... and the bytes of UTF-8 sequences kept too (_words, once the other characters are spaces)
_UTF8_WORDS = _ASCII_WORDS[:128] + bytes(range(128, 256))
_OTHER_NON_WORD = regex.compile(r"[^\x00-\x7f\w]+")   # non-ASCII characters outside \w
# Every CJK character of _CJK lies outside these ranges (tests/test_furniture_speed.py checks it)
_MAYBE_CJK = regex.compile("[^\x00-\u10ff\u1200-\u2e7f]")  # `regex`: kept in the start-up cache
_FULL_STOP = regex.compile(r"""[.!?。！？…]["'”’»)\]]*$""")
_FULL_STOPS = frozenset(".!?。！？…")   # _FULL_STOP, as characters (before _CLOSERS)
_QUOTES = "\"'“‘«„‚”’»"
_INNER_STOP = regex.compile(r"""[.!?]["'”’»)]*\s+["'“‘«(]?\p{Lu}""")
_TABLE_ROW = regex.compile(r"^[-+]?\d[\d.,]*\s*[│|]\s*[-+]?\d")   # "12 │ 2.487": a row of figures
_LETTER = regex.compile(r"\p{L}")
_INLINE_LINK = regex.compile(r"^[^:]{2,40}:\s*\S")
_HANDLE = regex.compile(r"^@\w{1,30}$")
_EMPHASIS = regex.compile(r"^[*_\[]+(?=\S)|(?<=\S)[*_\]]+$")   # Markdown **bold**, *italic*, [link text]
_EMPHASIS_OPEN, _EMPHASIS_CLOSE = frozenset("*_["), frozenset("*_]")
_DIALOGUE = regex.compile(r"^(?:Q|A)\s*[:.)]\s")  # interview question / answer
_BYLINE = regex.compile(
    r"^(?:(?:by|par|por|von|di|door|av|autor|autorka)\s+\p{Lu}[\w.'’-]*(?:\s+\p{Lu}[\w.'’-]*){0,3}"
    r"|\p{Lu}[\w.'’-]+(?:\s+\p{Lu}[\w.'’-]+){1,3}\s*[|,/•–—-]\s*\p{Lu}[\w.&'’ -]{1,40})\s*[.,]?$",
    regex.IGNORECASE,
)
_BY = regex.compile(r"\b(?:by|par|por|von)\s+\p{Lu}", regex.IGNORECASE)
_AGENCY = regex.compile(
    r"^(?:\(?(?:AFP|AP|Reuters|UPI|CNN|dpa|ANSA|EFE|Kyodo|Xinhua|PA|AAP|TASS|Bloomberg|"
    r"Associated Press|Agence France-Presse|Press Association)\)?)(?:\s*[/,]\s*\w+)?$",
    regex.IGNORECASE,
)
_TRAILER = regex.compile(
    r"^\(?(?:(?:additional\s+)?reporting by|editing by|writing by|compiled by)\b"
    r"|contributed(?:\s+to)?(?:\s+this)?\s+report(?:ing)?\.?\)?$"
    r"|^©\s*\d{4}\s+(?:the\s+)?(?:associated press|reuters|afp)",
    regex.IGNORECASE,
)
_DATELINE = regex.compile(r"^\p{Lu}[\p{Lu}\s.,'’-]{1,40}(?:,[\w\s.]{1,20})?\s*\((?:AP|AFP|Reuters|UPI|CNN|dpa)\)\s*[-–—]*$")


# blank; text: stripped, bullet removed; words; bullet; marker: "" no list marker, "#" numbered
# item, "*" bullet of any other kind; sentence: ends like a sentence; letters; prose: long
# enough, and sentence-like, to be a body paragraph; indent: leading white space (tabs as four
# columns). (collections.namedtuple, not typing.NamedTuple: typing costs a command 1.5 ms.)
class _Line(namedtuple("_Line", "blank text words bullet marker sentence letters prose indent")):
    """What the detector needs to know about one line, computed once."""

    __slots__ = ()


def compile_lexicon(data: dict) -> list[str]:
    """A loaded lexicon (terms + patterns) as the list of regex strings find_furniture takes."""
    return [term_pattern(term) for term in data.get("terms", [])] + list(data.get("patterns", []))


def find_furniture(lines: list[str], phrases: dict[str, list[str]], options: dict | None = None) -> list[tuple[int, int, str]]:
    """Blocks (first, last inclusive, reason) of furniture lines, sorted and non-overlapping.

    `phrases` maps a role of ROLES to its regexes (missing roles are empty); `options`
    overrides keys of DEFAULTS.
    """
    unknown = sorted(set(phrases) - set(ROLES)) + sorted(set(options or {}) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown furniture role or threshold: {', '.join(unknown)}")
    opts = {**DEFAULTS, **(options or {})}
    info = _describe(lines, opts)
    kinds, whole = _phrase_kinds(info, _compile(_frozen(phrases)), opts)
    reasons: list[str | None] = [None] * len(lines)
    lists = _mark_header_lists(info, kinds, whole, reasons)
    teasers = _teaser_summaries(info, kinds, opts)
    start, end = _body_span(info, kinds, reasons, teasers, opts)
    if start is None:
        _mark_phrases(info, kinds, reasons, range(len(lines)))
        return _blocks(info, reasons)
    headline = _headline(info, kinds, reasons, start, opts)
    first = _first_title(info, kinds, reasons, teasers, start, opts)
    if first is not None and (headline is None or first[1] < headline):
        # a body paragraph sits above the best candidate: that one is a teaser repeating the
        # story's words, and the story starts at the first title-like line of the document;
        # the box between the lede and the rest of the story keeps its teasers marked
        for i in range(first[1], start):
            if i in teasers or _teaser_title(info, teasers, i):
                reasons[i] = reasons[i] or "related-story teaser"
        headline, start = first
    if headline is not None:
        for header, last in lists:
            if header < headline <= last:    # the list ran on into the story's own headline
                for i in range(headline, last + 1):
                    reasons[i] = None
    _mark_before(info, kinds, reasons, teasers, headline, start, opts)
    _mark_after(info, kinds, reasons, teasers, end, opts)
    _mark_inside(info, kinds, reasons, start, end, opts)
    return _blocks(info, reasons)


_new_line = tuple.__new__     # _Line(...) without the Python frame of NamedTuple.__new__


def _describe(lines: list[str], opts: dict) -> list[_Line]:
    """Every line's _Line (one loop with string methods where they are exact: this runs on
    every line of every article)."""
    info = []
    least = opts["min_body_words"]
    for line in lines:
        stripped = line.strip()
        indent = _indent(line) if line[:1].isspace() else 0
        if not stripped:
            info.append(_new_line(_Line, (True, "", 0, False, "", False, False, False, indent)))
            continue
        first = stripped[0]
        # no letter but "o" opens a list marker, which spares the regex on most lines
        bullet = _BULLET.match(stripped) if first == "o" or not first.isalpha() else None
        text = stripped[bullet.end():] if bullet else stripped
        words = len(text.encode().translate(_ASCII_WORDS).split()) if text.isascii() else _words(text)
        sentence = text.rstrip(_CLOSERS)[-1:] in _SENTENCE_STOPS
        marker = "" if not bullet else "#" if first.isdigit() else "*"
        info.append(_new_line(_Line, (False, text, words, bool(bullet), marker, sentence, bool(_LETTER.search(text)),
                                      words >= least and (sentence or words >= 2 * least), indent)))
    return info


def _words(text: str) -> int:
    """Words of a line, a CJK character counting as half a word.

    An ASCII line is counted with bytes.translate (its word characters kept, the others made
    spaces) and split(), several times faster than a findall (_describe does that inline); a
    line without CJK characters (most of the rest) the same way once its non-ASCII characters
    outside \\w (quotes, dashes) are spaces: then every non-ASCII one left is a word character,
    and so is each byte of its UTF-8 sequence (twice as fast as a findall of \\w+)."""
    if text.isascii():
        return len(text.encode().translate(_ASCII_WORDS).split())
    if _MAYBE_CJK.search(text):
        cjk = len(_CJK.findall(text))
        if cjk:
            return len(_WORD.findall(text)) - cjk + (cjk + 1) // 2
    return len(_OTHER_NON_WORD.sub(" ", text).encode().translate(_UTF8_WORDS).split())


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


# roles: (role, pattern) in _MATCH_ORDER, each matched at the start of one line; scanned:
# whether the lines of a document are matched by the scans below; scans: every role, a named
# group each, over the short lines joined, and the labels over the long lines joined (None:
# no such phrases), both without the patterns that skip to a mark (_mark), for the lines
# with none of `marks`; key: the phrases, for the scans of every pattern that serve the
# other lines (_marked_scans).
class _Matchers(namedtuple("_Matchers", "roles scanned scans marks key")):
    """The compiled phrases of one `phrases` mapping."""

    __slots__ = ()


def _frozen(phrases: dict[str, list[str]]) -> tuple:
    """The phrases as a key of _compile's cache (a rule passes the same mapping every time)."""
    return tuple((role, tuple(phrases[role])) for role in _MATCH_ORDER if phrases.get(role))


@lru_cache(maxsize=32)
def _compile(frozen: tuple) -> _Matchers:
    """One case-insensitive alternation per role, matched at the start of a line, and the
    scans that match all the lines of a document at once."""
    stripped = {role: [_at_line_start(p) for p in patterns] for role, patterns in frozen}
    roles = tuple((role, regex.compile(_alternation(stripped[role]), regex.IGNORECASE | regex.V0))
                  for role, _ in frozen)
    if not all(_scan_safe(p) for role, _ in frozen for p in stripped[role]):
        return _Matchers(roles, False, (None, None), (), frozen)
    marks = {mark for patterns in stripped.values() for p in patterns for mark in _mark(p)}
    unmarked = {role: [p for p in patterns if not _mark(p)] for role, patterns in stripped.items()}
    return _Matchers(roles, True, _scans(unmarked), tuple(sorted(marks)), frozen)


@lru_cache(maxsize=32)
def _marked_scans(frozen: tuple) -> tuple:
    """The short and the long scan with every pattern: for lines with a mark (compiled the
    first time a document has one)."""
    return _scans({role: [_at_line_start(p) for p in patterns] for role, patterns in frozen})


def _scans(stripped: dict[str, list[str]]) -> tuple:
    """(every role over the short lines, the labels over the long ones)."""
    return _scan(stripped, list(stripped)), _scan(stripped, ["labels"])


def _mark(pattern: str) -> tuple[str, ...]:
    """The marks (literals of ASCII punctuation or "…") one of which a match of the pattern
    holds on the line where it starts, if the pattern opens by skipping ahead to them
    lazily ('.{0,400}?(?:…|\\.\\.\\.)...'), and () for any other pattern.

    `regex` tries the rest of such a pattern after every character it skips, which makes it
    the costliest alternative by far on a long line; on a line without its marks it cannot
    match (`.` stops at the line's end), so the scans leave it out there."""
    shape = pattern.startswith(".") and regex.match(_LAZY_MARK, pattern)
    if not shape or _top_level_bar(pattern):
        return ()
    marks = [""]
    for token in regex.findall(r"\\.|.", shape.group(1) or shape.group(2)):
        if token == "|":
            marks.append("")
        else:
            marks[-1] += token[-1]
    return tuple(marks)


def _top_level_bar(pattern: str) -> bool:
    """Whether the pattern is an alternation at its top level ("a|b", not "(?:a|b)c")."""
    depth = 0
    for token in _STRUCTURE.finditer(pattern):
        text = token.group()
        depth += (text == "(") - (text == ")")
        if text == "|" and depth == 0:
            return True
    return False


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _scan(stripped: dict[str, list[str]], roles: list[str]):
    """The roles' alternations, a group named after each, at the start of any line."""
    groups = [f"(?P<{role}>{_by_letter(stripped[role])})" for role in roles if stripped.get(role)]
    if not groups:
        return None
    return regex.compile(f"^(?:{'|'.join(groups)})", regex.IGNORECASE | regex.V0 | regex.MULTILINE)


def _by_letter(patterns: list[str]) -> str:
    """Their alternation, with the patterns of each run that open with a letter grouped by it
    ("m(?:ore\\s+from|ost\\s+read)|l(?:atest)"): `regex` tries branch after branch, and this
    cuts the short-line scan by a third.  Branches opening with different letters never
    match at the same place, so only their order within a letter matters, and it is kept."""
    branches: list[str] = []
    run: dict[str, list[str]] = {}
    for pattern in [*patterns, None]:
        letter = _opening_letter(pattern) if pattern is not None else None
        if letter is not None:
            run.setdefault(letter, []).append(pattern[1:])
            continue
        branches += [f"{first}(?:{_alternation(rests)})" for first, rests in run.items()]
        run = {}
        if pattern is not None:
            branches.append(f"(?:{pattern})")
    return "|".join(branches)


def _opening_letter(pattern: str) -> str | None:
    """The ASCII letter every match of the pattern starts with (case folded), if the pattern is
    that letter, unrepeated, followed by the rest (no alternative at the top level)."""
    first = pattern[:1]
    if not (first.isascii() and first.isalpha()) or pattern[1:2] in ("?", "*", "+", "{") or _top_level_bar(pattern):
        return None
    return first.lower()


def _at_line_start(pattern: str) -> str:
    """The pattern as matched at the start of a line: there the look-behind that opens every
    term (lint.patterns.term_pattern) always holds, and without it `regex` can use its
    first-character shortcuts, which makes the alternations several times faster."""
    rest = pattern[len(_TERM_START):]
    if pattern.startswith(_TERM_START) and rest[:1] not in ("", "*", "+", "?", "{"):
        return rest
    return pattern


def _scan_safe(pattern: str) -> bool:
    """Whether a pattern finds at the start of a line of the joined lines (MULTILINE, "\\n"
    between lines) the match it finds on that line alone, unless it runs past the line: no
    assertion that reads a line's end or start differently (\\A \\Z \\z \\G \\K, look-arounds
    but term_pattern's own), no backtracking control (atomic groups, possessive quantifiers,
    verbs), no group references or flags that joining patterns would upset, no fuzzy
    matching.  Then the only paths that differ run past the line, and the lines a match runs
    into are matched one by one."""
    for token in _TOKEN.finditer(pattern):
        text, at = token.group(), token.start()
        if text[0] == "\\":
            safe = text[1:] not in _UNSAFE_ESCAPES
        elif text == "(?":
            safe = pattern.startswith(("(?:", _TERM_START, _TERM_END), at)
        elif text[0] == "{":
            safe = not text.endswith("+") and not _LETTER.search(text)
        else:
            safe = text != "(*" and not (len(text) == 2 and text.endswith("+"))
        if not safe:
            return False
    return True


def _phrase_kinds(info: list[_Line], matchers: _Matchers, opts: dict) -> tuple[list, list]:
    """The phrase role of every line and whether its phrase fills the line (_phrase_kind).

    Matching line by line, role by role, was most of the detector's time; the scans match
    all short lines, then all long ones, in one call each (a match is the one the line alone
    gives: see _scan_safe).  Only lines that a match runs into, or whose role's phrase does
    not count there, are matched line by line."""
    kinds: list[str | None] = [None] * len(info)
    whole = [False] * len(info)
    limit = opts["max_phrase_words"]
    groups: tuple[dict, dict] = ({}, {})     # short lines, long lines: each core and its lines
    for i, item in enumerate(info):
        if not item.blank:
            groups[item.words > limit].setdefault(_unmarked(item.text), []).append(i)
    for which, group in enumerate(groups):
        # unscanned phrases: every line is matched on its own (no answer from a scan)
        found = _found(matchers, which, list(group)) if matchers.scanned else dict.fromkeys(group)
        for core, hit in found.items():
            for i in group[core]:
                judged = hit and _judged(hit[0], info[i], core, hit[1])
                kinds[i], whole[i] = judged or _phrase_kind(info[i], core, matchers.roles, opts)
    return kinds, whole


def _found(matchers: _Matchers, which: int, lines: list[str]) -> dict[str, tuple[str, int] | None]:
    """_scanned for the distinct lines by scan `which` (0 short, 1 long): the lines with a mark
    by the scan of every pattern, the others (most) by the one without the patterns that
    skip to a mark, which cannot match there and cost the most."""
    text, marks = "\n".join(lines), matchers.marks
    if not any(mark in text for mark in marks):
        return _scanned(matchers.scans[which], lines, text)
    split: tuple[list, list] = ([], [])      # lines without a mark, lines with one
    for line in lines:
        split[any(mark in line for mark in marks)].append(line)
    found = _scanned(matchers.scans[which], split[0], "\n".join(split[0]))
    found.update(_scanned(_marked_scans(matchers.key)[which], split[1], "\n".join(split[1])))
    return found


def _scanned(scan, lines: list[str], text: str) -> dict[str, tuple[str, int] | None]:
    """(role, end of the match) for each of the distinct lines (joined in `text`) where the
    scan matches at the start, and None for each line that a match from an earlier line ran
    into."""
    if scan is None or not lines:
        return {}
    starts = list(accumulate([len(line) + 1 for line in lines], initial=0))
    found: dict[str, tuple[str, int] | None] = {}
    settled = 0     # lines before this one have their answer
    for match in patterns.finditer(scan, text):
        k, end = bisect_left(starts, match.start()), match.end()
        if k >= settled:    # (else a second match where the first was empty: the line's is the first)
            inside = end - starts[k] <= len(lines[k])
            found[lines[k]] = (match.lastgroup, end - starts[k]) if inside else None
            settled = k + 1
        while settled < len(starts) and starts[settled] < end:     # lines the match ran into
            found[lines[settled]] = None
            settled += 1
    return found


_INLINE_ROLES = ("prompts", "notices", "labels")
_MATCH_ORDER = ("labels", "headers", "sections", "notices", "prompts")


def _phrase_kind(item: _Line, core: str, roles: tuple, opts: dict) -> tuple[str | None, bool]:
    """The role whose phrase opens this line, and whether the phrase fills the line.

    Labels count at any length, the other roles only on short lines."""
    for role, pattern in roles:
        if role != "labels" and item.words > opts["max_phrase_words"]:
            continue
        found = pattern.match(core, timeout=MATCH_TIMEOUT)
        judged = found and _judged(role, item, core, found.end())
        if judged:
            return judged
    return None, False


def _judged(role: str, item: _Line, core: str, end: int) -> tuple[str, bool] | None:
    """(role, whether the phrase fills the line) for a phrase ending at `end`, or None where it
    does not count: sections must fill the whole line and headers must not end a sentence."""
    filled = not core[end:].strip(" :.…»›>")
    if role == "sections" and not filled or role == "headers" and item.text.endswith("."):
        return None
    return role, filled


def _unmarked(text: str) -> str:
    """The line without counts, list numbers and Markdown emphasis around it.

    String strips do the regexes' work: they are exact on ASCII edges and on letters, and the
    regex does the rest (a digit or a space of another script)."""
    if text[:1] in _EMPHASIS_OPEN or text[-1:] in _EMPHASIS_CLOSE:
        text = _EMPHASIS.sub("", text).strip() or text
    else:
        text = text.strip() or text
    core = text.lstrip(_LEADING_EDGE).rstrip(_TRAILING_EDGE)
    first, last = core[:1], core[-1:]
    # the strips stopped at characters they classify exactly (no letter is a digit or a space)
    if (first.isascii() or first.isalpha()) and (last.isascii() or last.isalpha()):
        return core or text
    return _NUMERIC_EDGES.sub("", text) or text


def _mark_header_lists(info, kinds, whole, reasons) -> list[tuple[int, int]]:
    """A teaser header ("More from X") and the headline list under it, down to the next prose.

    The list keeps one marker style (a numbered item after bullets is the story again), and
    a prose line counts as a teaser's summary only under a bulleted title and only when the
    list goes on after it (or an earlier item already had a summary, laid out as this one:
    a paragraph set left of its title, or left of the summaries before it, has left the list).  A header with no list
    under it counts only when its phrase fills the line or no prose follows: "Latest
    developments" over a paragraph is a subhead.  Returns (header, last line)
    of every list marked.
    """
    lists = []
    i, n = 0, len(info)
    while i < n:
        if kinds[i] != "headers":
            i += 1
            continue
        items: list[int] = []
        j, prev, marker, summaries, indent = i + 1, info[i], None, 0, None
        while j < n:
            item = info[j]
            if item.blank:
                j += 1
                continue
            if kinds[j] == "headers":
                break
            if item.prose:
                following = _neighbour(info, j, 1)
                goes_on = following is not None and info[following].bullet and info[following].marker == marker
                if not (prev.bullet and not prev.prose and (summaries or goes_on)
                        and item.indent >= prev.indent and indent in (None, item.indent)):
                    break
                summaries, indent = summaries + 1, item.indent
            else:
                following = _neighbour(info, j, 1)
                if marker is None:
                    marker = item.marker
                elif (item.marker != marker and not summaries and following is not None
                      and info[following].prose):
                    break
            items.append(j)
            prev = item
            j += 1
        following = _neighbour(info, i, 1)
        alone = following is None or not info[following].prose or whole[i]
        if items or alone:
            reason = f"related-headlines list after '{info[i].text.rstrip(':')}'"
            for k in [i] + items:
                reasons[k] = reason
            lists.append((i, items[-1] if items else i))
        i = max(j, i + 1)
    return lists


def _teaser_summaries(info, kinds, opts) -> set[int]:
    """Prose lines of a teaser list: three or more in a row, each alone under a title line.

    An article paragraph has prose neighbours; a teaser summary sits between the headline it
    describes and the next teaser, so a run of such isolated paragraphs is a list of links.
    """
    prose = [i for i, item in enumerate(info) if item.prose]
    isolated = []
    for i in prose:
        before, after = _neighbour(info, i, -1), _neighbour(info, i, 1)
        isolated.append(before is not None and not info[before].prose
                        and (info[before].bullet or _title_like(info[before], kinds[before], opts))
                        and not _DIALOGUE.search(info[before].text)
                        and (after is None or not info[after].prose))
    teasers: set[int] = set()
    run: list[int] = []

    def close(following: int | None) -> None:
        # Numbered items the story picks up again after (paragraphs in a row follow) are a
        # listicle of subhead + paragraph inside the story, not a list of links.
        numbered = [k for k in run if info[_neighbour(info, k, -1)].marker == "#"]
        listicle = (numbered and (len(numbered) == len(run) and following is not None
                                  and _paragraphs_from(info, following) >= opts["resume_paragraphs"]
                                  # or numbered tips whose paragraphs run to several sentences
                                  or 3 * len(numbered) >= 2 * len(run)
                                  and 2 * sum(_sentences(info[k].text) >= 2 for k in run) >= len(run)))
        # the last one is a teaser's only when the list goes on under it (another title or
        # list item): a paragraph under the last title may be the story resuming
        after = _neighbour(info, run[-1], 1) if run else None
        if after is None or not (info[after].bullet or _title_like(info[after], kinds[after], opts)):
            run[-1:] = []
        if len(run) >= opts["min_teasers"] and not listicle:
            teasers.update(run)
        run.clear()

    for i, alone in zip(prose + [None], isolated + [False]):
        if alone:
            # a teaser header opens a new list: a paragraph between two boxes is not one
            # of a run of summaries (it is the story going on between them)
            if run and any(kinds[k] == "headers" for k in range(run[-1] + 1, i)):
                close(None)
            run.append(i)
            continue
        close(i)
    return teasers


def _sentences(text: str) -> int:
    """Sentence ends inside a line (a full stop, ! or ? before a space and a capital or quote)."""
    return len(_INNER_STOP.findall(text)) + bool(_SENTENCE_END.search(text))


def _paragraphs_from(info, i: int) -> int:
    """How many prose lines follow each other from line i on (counted up to 4)."""
    count = 0
    while i is not None and info[i].prose and count < 4:
        count += 1
        i = _neighbour(info, i, 1)
    return count


def _neighbour(info, i: int, step: int) -> int | None:
    """The nearest non-blank line in direction step (blank runs are short, so this is cheap)."""
    j = i + step
    while 0 <= j < len(info) and info[j].blank:
        j += step
    return j if 0 <= j < len(info) else None


def _body_span(info, kinds, reasons, teasers, opts) -> tuple[int | None, int | None]:
    """First and last line of the best-scoring run of prose (maximum-sum segment, one pass)."""
    best, best_span = 0, (None, None)
    total, run_start = 0, None
    chrome = 0      # phrase lines in a row: an embedded player or share bar is one interruption
    for i, item in enumerate(info):
        if item.blank:
            continue
        listed = bool(reasons[i]) or i in teasers
        kind = None if kinds[i] == "headers" and not listed else kinds[i]   # a subhead, not a list
        score = _line_score(item, kind, listed, opts)
        if kinds[i] in _INLINE_ROLES and not listed:
            chrome += 1
            if chrome > opts["chrome_run"] or _between_prose(info, i):
                score = -opts["gap_penalty"]
        elif item.prose or listed:
            chrome = 0
        if run_start is None or total <= 0:
            total, run_start = 0, i
        total += score
        if total > best and item.prose:
            best, best_span = total, (run_start, i)
    start, end = best_span
    while start is not None and not info[start].prose:
        start += 1
    while end is not None:
        resumed = _resumed_after_box(info, kinds, reasons, teasers, end, opts)
        if resumed is None:
            break
        end = resumed
    return start, end


def _resumed_after_box(info, kinds, reasons, teasers, end: int, opts) -> int | None:
    """The story's new last line when it goes on after a teaser box right under the body.

    A scraped inline "Related" box sits between two paragraphs of the story: when the lines
    after the body are a marked list and `resume_after_box` prose lines follow it, the run
    of prose after the box (up to its own last prose line) is body again.  A teaser's own
    summary is part of the marked list (a bulleted title over it, or a run of title +
    summary pairs), so a paragraph the list did not take is the story's: deleting a body
    paragraph is far worse than keeping a teaser's blurb."""
    i, box = _neighbour(info, end, 1), []
    while i is not None:
        if reasons[i] or i in teasers:
            box.append(i)
            i = _neighbour(info, i, 1)
            continue
        # title lines between marked ones: teaser titles the list did not take
        j, titles = i, []
        while (j is not None and not (reasons[j] or j in teasers) and len(titles) < opts["resume_gap"]
               and _title_like(info[j], kinds[j], opts, short=True)):
            titles.append(j)
            j = _neighbour(info, j, 1)
        if not titles or j is None or not (reasons[j] or j in teasers):
            break
        box += titles
        i = j
    if not box or i is None:
        return None
    j, gap = i, opts["resume_gap"]
    while j is not None and gap > 0 and _title_like(info[j], None, opts) and not (reasons[j] or j in teasers):
        j, gap = _neighbour(info, j, 1), gap - 1     # teaser titles the list did not take ...
    if j is not None and j != i and info[j].prose and not info[j].bullet and not (reasons[j] or j in teasers):
        i = j                                       # ... over a paragraph: the story may go on
    run = _paragraphs_from(info, i)
    # one paragraph is enough when it reads as one: not a list item, not a teaser cut off
    # mid-sentence ("... feminist and…")
    alone = not info[i].bullet and not info[i].text.endswith(("…", "..."))
    if run < opts["resume_paragraphs"] and not (alone and run >= max(opts["resume_after_box"], 1)):
        return None
    last = i
    while i is not None and not (reasons[i] or i in teasers):
        if info[i].prose:
            last = i
        elif not (info[i].sentence and info[i].words >= 4 or _over_paragraph(info, reasons, teasers, i, opts["resume_gap"])):
            break
        i = _neighbour(info, i, 1)
    for k in box:       # the box is inside the story now: its teasers are marked as such
        reasons[k] = reasons[k] or "related-story teaser"
    return last


def _teaser_title(info, teasers, i: int) -> bool:
    """A short line right over a teaser summary: the teaser's headline."""
    after = _neighbour(info, i, 1)
    return not info[i].prose and after is not None and after in teasers


def _over_paragraph(info, reasons, teasers, i: int, limit: int) -> bool:
    """Short unmarked lines (a subhead, teaser titles the list did not take), at most `limit`
    in a row, right over a prose paragraph that no list claims: the paragraph may be the
    story's, so it is kept."""
    after = i
    while (limit > 0 and after is not None and not info[after].prose and not info[after].bullet
           and not (reasons[after] or after in teasers)):
        after, limit = _neighbour(info, after, 1), limit - 1
    return (after is not None and info[after].prose and not info[after].bullet
            and not (reasons[after] or after in teasers))


def _between_prose(info, i: int) -> bool:
    """A lone line with a body paragraph on each side (a share bar or an advert slot)."""
    before, after = _neighbour(info, i, -1), _neighbour(info, i, 1)
    return before is not None and after is not None and info[before].prose and info[after].prose


def _line_score(item: _Line, kind, reason, opts) -> int:
    if reason or kind:
        return -opts["furniture_penalty"]
    if item.prose:
        return min(item.words, 60)
    if item.sentence and item.words >= 4:
        return 0
    if not item.letters or item.words <= 3 and _capitalised(item.text):
        return -opts["gap_penalty"]
    return -1


def _capitalised(text: str) -> bool:
    """Menu entries are capitalised words; code and table cells usually are not."""
    return text[:1].isupper() and not text.isupper()


def _headline(info, kinds, reasons, start: int, opts) -> int | None:
    """The title-like line above the body that shares most of its words with the lede.

    Menus, teasers and captions sit there too; the story's own headline is the one whose
    vocabulary the first paragraphs repeat (the nearest such line wins a tie).
    """
    vocab = _vocabulary(info, start, opts["lede_lines"])
    best, best_score, seen = None, 0.0, 0
    scores: dict[int, tuple[float, int]] = {}
    for i in range(start - 1, -1, -1):
        item = info[i]
        if item.blank:
            continue
        seen += 1
        if seen > opts["headline_window"]:
            break
        words = _content_words(item.text)
        if not words or not _title_like(item, kinds[i], opts):
            continue
        shared = len(words & vocab)
        score = shared / len(words) + 0.01 * shared
        scores[i] = (score, shared)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        # no line repeats the lede: the file's first line is still its headline (however
        # short, or made of short words) unless a phrase or a list marks it as furniture
        first = _neighbour(info, -1, 1)
        if (first is not None and first < start and not kinds[first] and not reasons[first]
                and not info[first].bullet and info[first].words <= opts["max_title_words"]):
            return first
    return _over_dek(info, scores, best, opts)


def _first_title(info, kinds, reasons, teasers, start: int, opts) -> tuple[int, int] | None:
    """(headline, lede) when the first title-like line of the document has a body paragraph
    close under it (within `dek_window` + 1 lines: a byline, a dateline, a dek between) and
    that paragraph lies above the body span.

    A teaser box inside the story can split it so that the best-scoring run of prose starts
    below the box; a teaser there that repeats the story's words then looks like the
    headline.  A real headline is never below a body paragraph, so the title at the top,
    over a lede that reads as body, wins."""
    top = _neighbour(info, -1, 1)
    if top is None or top >= start or reasons[top] or not _title_like(info[top], kinds[top], opts, short=True):
        return None
    i, seen = top, 0
    while seen <= opts["dek_window"]:
        i = _neighbour(info, i, 1)
        if i is None or i >= start or reasons[i] or kinds[i] or i in teasers:
            return None
        seen += 1
        if info[i].prose and info[i].sentence:
            return (top, i) if _boxed_above(info, kinds, reasons, teasers, i, start, opts) else None
    return None


def _boxed_above(info, kinds, reasons, teasers, lede: int, start: int, opts) -> bool:
    """Whether the lede reaches the body span through a box (marked furniture) and nothing
    but prose and title-like lines besides (teaser titles the list did not take): the story
    going on under an inline box, not a promo blurb over the page's menus."""
    boxed = False
    for i in range(lede + 1, start):
        if info[i].blank or info[i].prose and not (reasons[i] or kinds[i] or i in teasers):
            continue
        if reasons[i] or kinds[i] or i in teasers:
            boxed = True
        elif not _title_like(info[i], kinds[i], opts):
            return False
    return boxed


def _in_box(info, kinds, reasons, teasers, i: int, opts) -> bool:
    """A line of an inline box: marked furniture, a teaser's title, or a title-like line the
    list did not take right over a paragraph."""
    return bool(reasons[i] or kinds[i] or i in teasers or _teaser_title(info, teasers, i)
                or _title_like(info[i], kinds[i], opts) and _over_paragraph(info, reasons, teasers, i, 1))


def _over_dek(info, scores: dict, best: int | None, opts) -> int | None:
    """A standfirst or a subhead under the headline repeats the lede too; when a title-like
    line just above the winner (only short lines between) shares at least two of the lede's
    words, that upper line is the headline and the winner its dek."""
    if best is None:
        return None
    i, seen = best, 0
    while seen < opts["dek_window"]:
        i = _neighbour(info, i, -1)
        if i is None or info[i].prose:
            return best
        seen += 1
        if i in scores and scores[i][1] >= 2:
            best = i
    return best


def _vocabulary(info, start: int, count: int) -> set[str]:
    vocab: set[str] = set()
    for item in info[start:]:
        if count <= 0:
            break
        if item.prose:
            vocab |= _content_words(item.text)
            count -= 1
    return vocab


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    """(Cached: the lede's lines are read for the headline and again for the dek.)"""
    return frozenset(word.casefold() for word in _CONTENT_WORD.findall(text))


def _title_like(item: _Line, kind, opts, short: bool = False) -> bool:
    """A line that could be a headline (`short`: of any length up to a title's, for the first
    line of the file, which menus rarely fill with a single word)."""
    least = 1 if short else opts["min_title_words"]
    return (not kind and not item.bullet and least <= item.words <= opts["max_title_words"]
            and not item.text.endswith((".", ":")) and not _BY.search(item.text) and not _is_credit(item.text))


@lru_cache(maxsize=4096)
def _is_credit(text: str) -> bool:
    """Bylines, agency lines and trailers belong to the credit-line check, not to furniture.
    (Cached: a line is asked about from several steps.)"""
    return bool(_BYLINE.match(text, timeout=MATCH_TIMEOUT) or _AGENCY.match(text, timeout=MATCH_TIMEOUT)
                or _TRAILER.search(text, timeout=MATCH_TIMEOUT) or _DATELINE.match(text, timeout=MATCH_TIMEOUT))


def _mark_before(info, kinds, reasons, teasers, headline: int | None, start: int, opts) -> None:
    """Above the headline everything is navigation but a body paragraph that the story goes
    on from; between headline and body, keep credits and sentence-like lines (a standfirst
    is copy, not page chrome)."""
    top = 0 if headline is None else headline
    for i in range(top):
        if not info[i].blank and not (reasons[i] or _story_goes_on(info, kinds, reasons, teasers, i, headline, opts)):
            reasons[i] = "navigation before the headline"
    vocab = _vocabulary(info, start, opts["lede_lines"])
    for i in range(top + (headline is not None), start):
        item = info[i]
        if item.blank or _is_credit(item.text):
            continue
        dek = item.words >= opts["min_dek_words"] and (
            item.sentence or len(_content_words(item.text) & vocab) >= opts["dek_shared_words"])
        if not dek:
            reasons[i] = reasons[i] or "page chrome between headline and body"


def _story_goes_on(info, kinds, reasons, teasers, i: int, headline: int, opts) -> bool:
    """A body-like paragraph (prose ending as a sentence, no phrase) with more body after it:
    another such paragraph, or the headline and the body, past nothing but marked furniture.
    Menus do not read like that, so a line like this above the chosen headline means the
    choice went wrong, and the paragraph is kept."""
    item = info[i]
    if not (item.prose and _FULL_STOP.search(item.text)) or item.bullet or kinds[i] or i in teasers:
        return False
    j = _neighbour(info, i, 1)
    while j is not None and (j == headline or not info[j].prose and _in_box(info, kinds, reasons, teasers, j, opts)
                             or reasons[j]):
        j = _neighbour(info, j, 1)
    return j is not None and info[j].prose


def _mark_after(info, kinds, reasons, teasers, end: int, opts) -> None:
    """Below the last body paragraph everything is page chrome except the story's trailer:
    credit lines, and the short closing paragraphs right under the body before any other
    line: sentences ("The trial resumes on Monday.", a one-line quote, "This article first
    appeared in ..."), a short subhead over one, for as long as each stays under a body
    paragraph's length (longer ones only within `trailer_window` lines)."""
    seen, closing = 0, True
    for i in range(end + 1, len(info)):
        item = info[i]
        if item.blank:
            continue
        seen += 1
        free = not reasons[i] and not kinds[i] and seen <= opts["trailer_window"]
        # the story's last paragraphs go on as long as each one is a short sentence
        closing = (closing and not reasons[i] and not kinds[i] and i not in teasers
                   and (seen <= opts["trailer_window"] or item.words < opts["min_body_words"])
                   and (_closing_sentence(item) or _closing_subhead(info, kinds, teasers, i, opts)))
        if closing or free and _is_credit(item.text):
            continue
        reasons[i] = reasons[i] or "page furniture after the article"


def _closing_sentence(item: _Line) -> bool:
    """A short last paragraph: a sentence of four words or more, or a quoted sentence."""
    return (item.sentence and not item.text.endswith(":")
            and (item.words >= 4 or item.text[:1] in _QUOTES and item.words >= 1))


def _closing_subhead(info, kinds, teasers, i: int, opts) -> bool:
    """A short subhead over the story's last short paragraph ("What happens next")."""
    item, after = info[i], _neighbour(info, i, 1)
    return (not item.bullet and not item.sentence and 2 <= item.words <= opts["max_phrase_words"]
            and _capitalised(item.text) and after is not None and not kinds[after] and after not in teasers
            and _closing_sentence(info[after]))


def _mark_inside(info, kinds, reasons, start: int, end: int, opts) -> None:
    """Inside the body only phrase lines, social handles and bare markers are furniture."""
    _mark_phrases(info, kinds, reasons, range(start, end + 1))
    for i in range(start, end + 1):
        item = info[i]
        if item.blank or reasons[i]:
            continue
        if not item.letters and item.words <= 3 and not _TABLE_ROW.match(item.text):
            reasons[i] = "stray marker"
        elif "@" in item.text and _HANDLE.match(_EMPHASIS.sub("", item.text)):
            reasons[i] = "social handle"
        elif _repeated(item.text, opts):
            reasons[i] = "repeated link text"


def _repeated(text: str, opts: dict) -> bool:
    """A line that is one short phrase (two words up to a furniture phrase's length, not a
    sentence) said two or three times over ("Sponsored Links Sponsored Links"): link text
    doubled by the page's markup.  A sentence written twice is a slip in the story's copy,
    not furniture, and stays.  So does any line that ends with a full stop: its last word
    closes the phrase said over, and the split is spared on most of the story's lines."""
    if text.rstrip(_CLOSERS)[-1:] in _FULL_STOPS:
        return False
    tokens = text.split()
    n = len(tokens)
    for times in (2, 3):
        size = n // times
        if n % times == 0 and 2 <= size <= opts["max_phrase_words"] and tokens == tokens[:size] * times:
            return not _FULL_STOP.search(tokens[size - 1])
    return False


def _mark_phrases(info, kinds, reasons, indices) -> None:
    """Lines opened by a prompt, notice or label; a teaser header only as an inline link
    ("Related: ..."), since a header word alone may open a subhead ("Latest developments")."""
    for i in indices:
        kind = kinds[i]
        if not kind or reasons[i] or kind == "sections":
            continue
        if kind == "headers" and not _INLINE_LINK.search(info[i].text):
            continue
        reasons[i] = ROLE_REASONS.get(kind, kind)


def _blocks(info, reasons) -> list[tuple[int, int, str]]:
    """Runs of lines with the same reason (blank lines between them included) as blocks."""
    blocks: list[list] = []
    for i, reason in enumerate(reasons):
        if reason is None:
            continue
        if blocks and blocks[-1][2] == reason and all(info[k].blank for k in range(blocks[-1][1] + 1, i)):
            blocks[-1][1] = i
        else:
            blocks.append([i, i, reason])
    return [tuple(block) for block in blocks]
