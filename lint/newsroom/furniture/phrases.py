"""Phrase scans: which role (teaser header, prompt, site notice, label, section name) opens each
line of a page, matched over all the lines at once."""

from bisect import bisect_left
from collections import namedtuple
from functools import lru_cache
from itertools import accumulate

import regex

from lint import matching
from lint.alternation import alternation, by_first_letter, top_level_bar
from lint.matching import MATCH_TIMEOUT
from lint.patterns import term_pattern

from .lines import _EMPHASIS, _EMPHASIS_CLOSE, _EMPHASIS_OPEN, _LEADING_EDGE, _LETTER, _Line, _NUMERIC_EDGES, _TRAILING_EDGE

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

_TERM_START = r"(?<![\w'’])"   # the look-behind and look-ahead around a term (term_pattern)
_TERM_END = r"(?![\w'’])"
# a pattern's escapes, sets, group openings, verbs, repeats and possessive quantifiers (_scan_safe)
_TOKEN = regex.compile(r"\\.?|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?|\(\*|\{[^}]*\}\+?|[*+?]\+?")
_UNSAFE_ESCAPES = frozenset("AZzGK123456789g")
# a lazy skip ahead on the line (".{0,400}?", ".*?") to a mark, or to one of a group of marks,
# not repeated: literals of ASCII punctuation, escaped or plain, or "…" (no other character
# matches these case-insensitively; tests/test_furniture_speed.py checks it) (_mark)
_MARK_TEXT = r"""(?:\\[!-/:-@\[-`{-~]|[!"#%&',\-/:;<=>@_`~…])+"""
_LAZY_MARK = rf"\.(?:\*|\+|\{{(?:\d+(?:,\d*)?|,\d+)\}})\?(?:\(\?:({_MARK_TEXT}(?:\|{_MARK_TEXT})*)\)|({_MARK_TEXT}))(?![?*+{{])"


def compile_lexicon(data: dict) -> list[str]:
    """A loaded lexicon (terms + patterns) as the list of regex strings find_furniture takes."""
    return [term_pattern(term) for term in data.get("terms", [])] + list(data.get("patterns", []))


# roles: (role, pattern) in _MATCH_ORDER, each matched at the start of one line; scanned:
# whether the lines of a document are matched by the scans below; scans: every role, a named
# group each, over the short lines joined, and the labels over the long lines joined (None:
# no such phrases), both without the patterns that skip to a mark (_mark), for the lines
# with none of `marks`; key: the phrases, for the scans of every pattern that serve the
# other lines (_marked_scans).
class _Matchers(namedtuple("_Matchers", "roles scanned scans marks key")):
    """The compiled phrases of one `phrases` mapping."""

    __slots__ = ()


def frozen_phrases(phrases: dict[str, list[str]]) -> tuple:
    """The phrases as a key of compile_phrases's cache (a rule passes the same mapping every time)."""
    return tuple((role, tuple(phrases[role])) for role in _MATCH_ORDER if phrases.get(role))


@lru_cache(maxsize=32)
def compile_phrases(frozen: tuple) -> _Matchers:
    """One case-insensitive alternation per role, matched at the start of a line, and the
    scans that match all the lines of a document at once."""
    stripped = {role: [_at_line_start(p) for p in patterns] for role, patterns in frozen}
    roles = tuple((role, regex.compile(alternation(stripped[role]), regex.IGNORECASE | regex.V0))
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
    if not shape or top_level_bar(pattern):
        return ()
    marks = [""]
    for token in regex.findall(r"\\.|.", shape.group(1) or shape.group(2)):
        if token == "|":
            marks.append("")
        else:
            marks[-1] += token[-1]
    return tuple(marks)


def _scan(stripped: dict[str, list[str]], roles: list[str]):
    """The roles' alternations, a group named after each, at the start of any line."""
    groups = [f"(?P<{role}>{by_first_letter(stripped[role], ignore_case=True)})" for role in roles if stripped.get(role)]
    if not groups:
        return None
    return regex.compile(f"^(?:{'|'.join(groups)})", regex.IGNORECASE | regex.V0 | regex.MULTILINE)


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


def phrase_kinds(info: list[_Line], matchers: _Matchers, opts: dict) -> tuple[list, list]:
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
    for match in matching.finditer(scan, text):
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
