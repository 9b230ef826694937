"""Pattern compilation shared by every kind: literal terms and regexes become one alternation.

Patterns are compiled once per process with the `regex` module; every match runs under a
time limit (`lint.matching`) so that no rule can hang on a hostile line, and a regex is
tried only where its gate says it can match (`lint.gates`).
"""

import bisect
from typing import NamedTuple

import regex

from lint import backtrack
from lint.gates import GatedRegex, compile_alternation, fold_run, tokens_of
from lint.matching import finditer

_APOSTROPHES = "'’"


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


def check_regex(pattern: str) -> str | None:
    """Why a rule may not use a pattern (it does not compile, or it can backtrack
    catastrophically: `lint.backtrack`), or None."""
    try:
        regex.compile(pattern)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as exc:
        return str(exc)
    return backtrack.risk(pattern)


# ---------------------------------------------------------------------------------------
# Phrase sets: literal terms by a word-token index, everything else by one lazy alternation.
#
# A phrase set is an ordered list of alternatives (literal terms and regexes), and it must
# match exactly as the alternation `(?:term_pattern(t1))|(?:p2)|...` would: leftmost match,
# the first alternative (in list order) that matches there, non-overlapping, with `pos` /
# `endpos` semantics (look-behind sees text before the start; the end of the range reads as
# the end of the text).  Literal terms are the bulk of every lexicon and compiling them into
# one giant regex dominated start-up (and a 200,000-term lexicon took minutes), so terms
# that can be matched by comparing word tokens are kept in a dict keyed by their first word;
# only the remaining regexes are compiled, on first use.


_RUN = regex.compile(r"[\w'’]+")
_APOSTROPHES_AT_EDGE = "'’"
_SPACE = regex.compile(r"\s+")
_RUN_CHAR = regex.compile(r"[\w'’]")


def _indexable(term: str) -> tuple | None:
    """(runs, gaps, tail) of a term the token index can match exactly, else None.

    Only ASCII terms without apostrophes that start with a word character and either end
    with a letter or digit or end in punctuation: for them the regex's word boundaries fall
    exactly on the edges of maximal `[\\w'’]` runs of the text.
    """
    if not term or not term.isascii() or "'" in term or term[0].isspace() or term[-1].isspace():
        # Apostrophes stay with the regex: term_pattern's rewriting of ' and ’ nests one
        # character class in another, and the index must match exactly what the regex does.
        return None
    if not _RUN_CHAR.match(term) or (_RUN_CHAR.match(term[-1]) and not term[-1].isalnum()):
        return None
    spans = [m.span() for m in _RUN.finditer(term)]
    if spans[0][0] != 0:
        return None
    runs, gaps = [], []
    for index, (start, end) in enumerate(spans):
        runs.append(term[start:end])
        if index + 1 < len(spans):
            gaps.append(_SPACE.sub(" ", term[end : spans[index + 1][0]]))
    tail = term[spans[-1][1] :]
    if _SPACE.search(tail):
        return None
    return tuple(runs), tuple(gaps), tail


class _Range(NamedTuple):
    """The part of a text a phrase set reads: runs [.., last) start in it, and run `cut` (or
    -1) is cut short by its end, reading as `cut_key` there."""

    text: str
    tokens: object
    last: int
    cut: int
    cut_key: str | None
    end: int


def _verify(scope: _Range, i: int, runs: tuple, gaps: tuple, tail: str) -> int | None:
    """The end offset of the term (runs, gaps, tail) matching at run i of the range, or None."""
    text, tokens, last, cut, cut_key, end = scope
    count = len(runs)
    if i + count > last:
        return None
    starts, ends, keys = tokens.starts, tokens.ends, tokens.keys
    if starts[i] and text[starts[i] - 1] in _APOSTROPHES_AT_EDGE:
        return None  # the term's look-behind excludes an apostrophe as well as a word
    for j in range(1, count):
        k = i + j
        if (cut_key if k == cut else keys[k]) != runs[j]:
            return None
        gap = text[ends[k - 1] : starts[k]]
        if gap != gaps[j - 1] and _SPACE.sub(" ", gap) != gaps[j - 1]:
            return None
    k = i + count - 1
    stop = end if k == cut else ends[k]
    if tail:
        if k == cut or text[stop : stop + len(tail)] != tail or stop + len(tail) > end:
            return None
        stop += len(tail)
    elif stop < end and text[stop] in _APOSTROPHES_AT_EDGE:
        return None  # ... and so does its look-ahead
    return stop


class PhraseSet:
    """An ordered set of phrase alternatives that matches like their one-regex alternation.

    `entries` are ("term", phrase) or ("regex", pattern) pairs in alternation order.
    Picklable: compiled regexes are built lazily and not pickled.
    """

    def __init__(self, entries, ignore_case: bool = True):
        self.ignore_case = ignore_case
        self._entries = tuple(entries)
        self._regexes = None
        index: dict[str, list] = {}
        residual = []
        for position, (kind, value) in enumerate(entries):
            shape = _indexable(value) if kind == "term" else None
            if shape is None:
                pattern = term_pattern(value) if kind == "term" else value
                residual.append((position, pattern, GatedRegex(pattern, ignore_case)))
                continue
            runs, gaps, tail = shape
            runs = tuple(fold_run(run, ignore_case) for run in runs)
            index.setdefault(runs[0], []).append((position, runs, gaps, tail))
        self.index = index
        self.residual = tuple(residual)
        self._all = None

    @property
    def regexes(self) -> tuple[str, ...]:
        """Every alternative as a regex, in order (made on first use: the word index matches
        the terms, so most runs never need their regex form)."""
        if self._regexes is None:
            self._regexes = tuple(term_pattern(v) if kind == "term" else v for kind, v in self._entries)
        return self._regexes

    def __getstate__(self):
        return {"ignore_case": self.ignore_case, "_entries": self._entries, "_regexes": self._regexes,
                "index": self.index, "residual": self.residual}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._all = None

    def _alternation(self):
        """The whole alternation as one compiled regex (made on first use: only an empty
        match needs it)."""
        if self._all is None:
            self._all = compile_alternation(self.regexes, self.ignore_case)
        return self._all

    def _term_hits(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """(start, end, position) of the first-listed term matching at each run start."""
        if not self.index:
            return []
        tokens = tokens_of(text, self.ignore_case)
        starts, ends, keys = tokens.starts, tokens.ends, tokens.keys
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)  # runs [first, last) start inside the range
        if first >= last:
            return []
        cut = last - 1 if ends[last - 1] > end else -1  # a run the end of the range cuts short
        cut_key = fold_run(text[starts[cut] : end], self.ignore_case) if cut >= 0 else None
        index = self.index
        if last - first <= 4 * len(index):
            candidates = [(i, keys[i]) for i in range(first, last) if i != cut and keys[i] in index]
        else:
            candidates = []
            where = tokens.where
            for key in where.keys() & index.keys():
                found = where[key]
                for i in found[bisect.bisect_left(found, first) : bisect.bisect_left(found, last)]:
                    if i != cut:
                        candidates.append((i, key))
        if cut_key is not None and cut_key in index:
            candidates.append((cut, cut_key))
        hits = []
        for i, key in candidates:
            for position, runs, gaps, tail in self.index[key]:
                stop = _verify(_Range(text, tokens, last, cut, cut_key, end), i, runs, gaps, tail)
                if stop is not None:
                    hits.append((starts[i], stop, position))
                    break
        hits.sort()
        return hits

    def spans(self, text: str, start: int = 0, end: int | None = None):
        """(start, end) of every match, as the alternation's finditer would give them.

        Each residual regex is searched on its own (one regex per alternative lets `regex` use
        its literal-prefix and first-character shortcuts, which a big alternation defeats) and
        the heads are merged: the leftmost match wins, and at one offset the alternative listed
        first, which is what the alternation does there.
        """
        end = len(text) if end is None else end
        hits = self._term_hits(text, start, end)
        if not self.residual:
            for q, stop, _ in hits:
                yield q, stop
            return
        scanners = [(position, gated, "\\G" in pattern) for position, pattern, gated in self.residual]
        heads = [gated.first(text, start, end) for _, gated, _ in scanners]
        froms = [start] * len(scanners)
        pos, h, count = start, 0, 0
        while True:
            while h < len(hits) and hits[h][0] < pos:
                h += 1
            best = hits[h] if h < len(hits) else None
            for k, (position, gated, anchored) in enumerate(scanners):
                head = heads[k]
                if froms[k] != pos and (anchored or (head is not None and head.start() < pos)):
                    head = heads[k] = gated.first(text, pos, end)
                    froms[k] = pos
                if head is None:
                    continue
                q, stop = head.span()
                if q == stop:
                    # An empty match: leave the empty-match rules to the regex itself, replaying
                    # the alternation's scan from the start and skipping the matches already given.
                    for number, match in enumerate(finditer(self._alternation(), text, start, end)):
                        if number >= count:
                            yield match.span()
                    return
                if best is None or q < best[0] or (q == best[0] and position < best[2]):
                    best = (q, stop, position)
            if best is None:
                return
            yield best[0], best[1]
            count += 1
            pos = best[1]

    def search(self, text: str, start: int = 0, end: int | None = None):
        """The first match (start, end), or None."""
        return next(self.spans(text, start, end), None)
