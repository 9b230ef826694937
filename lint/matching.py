"""Time-limited matching: the one home of the time limit every rule's regex runs under.

Every scan of an article with a pattern that a rule pack supplies (and the detectors' own
scans of whole articles) goes through `finditer`, `search` or `first_at`: each match runs
under `limit()`, and running past it raises `RuleTimeout`, which the engine reports once and
answers by skipping the rule for the rest of the run.
"""

import bisect
import time

MATCH_TIMEOUT = 2.0
# Time allowed on top of MATCH_TIMEOUT per character of text still to scan: a legitimate
# pattern may need a while to reach its next match in a very long article, so the limit
# grows with the text; a catastrophic pattern on one short line is still cut off in about
# MATCH_TIMEOUT seconds.
SCAN_ALLOWANCE = 4e-6


class RuleTimeout(TimeoutError):
    """A rule's pattern ran past the time limit on one document."""


def limit(start: int, end: int) -> float:
    """Seconds allowed to find the next match in text[start:end]."""
    return MATCH_TIMEOUT + max(end - start, 0) * SCAN_ALLOWANCE


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
            for match in compiled.finditer(text, position, end, timeout=limit(position, end)):
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


# A failed `match` at one offset may cost `regex` a scan of the rest of the text (it first
# looks for a string that every match must contain), so trying every candidate of a long
# sentence can be quadratic. When misses cost more than this on average (an ordinary miss
# costs about a microsecond), one `search` finds the next match instead: the gate
# guarantees that it starts at a candidate. Patterns whose misses are cheap keep being tried
# only at the candidates, which is what makes gates pay.
_MISSES = 8
_COSTLY_MISS = 2e-5  # seconds


def first_at(compiled, text: str, start: int, end: int, candidates: list[int] | None):
    """The first match in text[start:end], trying only the candidate offsets when given (a
    gated regex matches nowhere else, so this is the match `search` would find)."""
    if candidates is None:
        return search(compiled, text, start, end)
    allowed, began = limit(start, end), time.perf_counter()
    first = bisect.bisect_left(candidates, start)
    for index in range(first, len(candidates)):
        offset = candidates[index]
        if offset >= end:
            break
        spent = time.perf_counter() - began
        if spent >= allowed:
            raise RuleTimeout()
        misses = index - first
        try:
            if misses >= _MISSES and spent > misses * _COSTLY_MISS:
                return compiled.search(text, offset, end, timeout=allowed - spent)
            match = compiled.match(text, offset, end, timeout=allowed - spent)
        except TimeoutError:
            raise RuleTimeout() from None
        if match is not None:
            return match
    return None


def search(compiled, text: str, start: int = 0, end: int | None = None):
    """The first match in text[start:end], raising RuleTimeout past the time limit."""
    end = len(text) if end is None else end
    try:
        return compiled.search(text, start, end, timeout=limit(start, end))
    except TimeoutError:
        raise RuleTimeout() from None
