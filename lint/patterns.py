"""Pattern compilation shared by every kind: literal terms and regexes become one alternation.

Patterns are compiled once per process with the `regex` module; every match runs under a
time limit so that no rule can hang on a hostile line.
"""

from functools import lru_cache

import regex

MATCH_TIMEOUT = 2.0
# Time allowed on top of MATCH_TIMEOUT per character of text still to scan: a legitimate
# pattern may need a while to reach its next match in a very long article, so the limit
# grows with the text; a catastrophic pattern on one short line is still cut off in about
# MATCH_TIMEOUT seconds.
SCAN_ALLOWANCE = 4e-6


def _limit(start: int, end: int) -> float:
    return MATCH_TIMEOUT + max(end - start, 0) * SCAN_ALLOWANCE

_APOSTROPHES = "'’"


class RuleTimeout(Exception):
    """A rule's pattern ran past the time limit on one document."""


def term_pattern(term: str) -> str:
    """A literal phrase as a word-bounded regex; spaces match any run of whitespace."""
    parts = []
    for word in term.split():
        escaped = regex.escape(word)
        for mark in _APOSTROPHES:
            escaped = escaped.replace(regex.escape(mark), "['’]").replace(mark, "['’]")
        parts.append(escaped)
    body = r"\s+".join(parts)
    return rf"(?<![\w'’]){body}(?![\w'’])" if term[-1:].isalnum() else rf"(?<![\w'’]){body}"


@lru_cache(maxsize=None)
def compile_alternation(patterns: tuple[str, ...], ignore_case: bool = True):
    """One compiled alternation of several regexes (each wrapped so flags stay local)."""
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile("|".join(f"(?:{p})" for p in patterns), flags)


def check_regex(pattern: str) -> str | None:
    """The compile error of a pattern, or None when it is valid."""
    try:
        regex.compile(pattern)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as exc:
        return str(exc)
    return None


def finditer(compiled, text: str, start: int = 0, end: int | None = None):
    """Matches of `compiled` in text[start:end], raising RuleTimeout past the time limit.

    The limit bounds the time spent finding any one match, not the whole scan: `regex` counts
    a finditer's `timeout` over all of its matches, which would cut off ordinary rules on long
    articles. So a scan that runs out of time after yielding a match resumes from that match
    with a fresh limit (MATCH_TIMEOUT plus SCAN_ALLOWANCE per character left to scan); a scan
    that finds nothing within its limit is a hostile pattern. The
    resumed scan yields the same sequence finditer would (an empty match at the resume point
    is the one already yielded, and is dropped).
    """
    end = len(text) if end is None else end
    position, resumed = start, None
    while True:
        progress = False
        try:
            for match in compiled.finditer(text, position, end, timeout=_limit(position, end)):
                if not progress and match.span() == resumed:
                    continue
                progress = True
                resumed = match.span()
                yield match
            return
        except TimeoutError:
            if not progress:
                raise RuleTimeout() from None
            position = resumed[1]


def search(compiled, text: str, start: int = 0, end: int | None = None):
    end = len(text) if end is None else end
    try:
        return compiled.search(text, start, end, timeout=_limit(start, end))
    except TimeoutError:
        raise RuleTimeout() from None
