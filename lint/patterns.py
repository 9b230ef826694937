"""Pattern compilation shared by every kind: literal terms and regexes become one alternation.

Patterns are compiled once per process with the `regex` module; every match runs under a
time limit so that no rule can hang on a hostile line.
"""

import bisect
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
_SPACE = regex.compile(r"\s+")
_RUN_CHAR = regex.compile(r"[\w'’]")
# Non-ASCII characters that `regex` IGNORECASE (simple case folding) matches to an ASCII letter.
_ASCII_FOLDS = {"\u0130": "i", "\u017f": "s", "\u212a": "k"}


def _fold_run(run: str, ignore_case: bool) -> str:
    run = run.replace("’", "'")
    if not ignore_case:
        return run
    if run.isascii():
        return run.lower()
    return "".join(_ASCII_FOLDS.get(char) or char.lower() for char in run)


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


# Characters for which folding a whole text is not folding each run on its own: "Σ" lowers
# by context (final sigma), "İ" lowers to two characters, "ſ" folds through _ASCII_FOLDS.
_WHOLE_TEXT_UNSAFE = ("\u03a3", "\u0130", "\u017f")


class _Tokens:
    """The `[\\w'’]` runs of one text: offsets, folded keys, and where each key occurs."""

    __slots__ = ("starts", "ends", "keys", "_where")

    def __init__(self, text: str, ignore_case: bool):
        spans = [match.span() for match in _RUN.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        folded = text.replace("’", "'")
        if ignore_case and (folded.isascii() or not any(char in folded for char in _WHOLE_TEXT_UNSAFE)):
            # Lowering the whole text once gives each run's _fold_run (same length, same offsets).
            folded = folded.lower()
            self.keys = [folded[start:end] for start, end in spans]
        elif ignore_case:
            self.keys = [_fold_run(text[start:end], ignore_case) for start, end in spans]
        else:
            self.keys = [folded[start:end] for start, end in spans]
        self._where = None

    @property
    def where(self) -> dict:
        """Folded key -> the indexes of its runs, in order (made on first use)."""
        if self._where is None:
            where: dict[str, list[int]] = {}
            for index, key in enumerate(self.keys):
                where.setdefault(key, []).append(index)
            self._where = where
        return self._where


_TOKEN_CACHE: dict = {}


def _tokens(text: str, ignore_case: bool) -> _Tokens:
    """Tokens of a text, shared by every phrase set that reads it (a few texts are kept)."""
    key = (id(text), ignore_case)
    entry = _TOKEN_CACHE.get(key)
    if entry is not None and entry[0] is text:
        return entry[1]
    tokens = _Tokens(text, ignore_case)
    if len(_TOKEN_CACHE) >= 8:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[key] = (text, tokens)
    return tokens


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
                residual.append((position, term_pattern(value) if kind == "term" else value))
                continue
            runs, gaps, tail = shape
            runs = tuple(_fold_run(run, ignore_case) for run in runs)
            index.setdefault(runs[0], []).append((position, runs, gaps, tail))
        self.index = index
        self.residual = tuple(residual)
        self._compiled: dict = {}

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
        self._compiled = {}

    def _regex(self, key):
        """A compiled regex, built on first use: 'all' (the whole alternation) or the
        position of one residual alternative."""
        compiled = self._compiled.get(key)
        if compiled is None:
            if key == "all":
                compiled = compile_alternation(self.regexes, self.ignore_case)
            else:
                compiled = compile_alternation((dict(self.residual)[key],), self.ignore_case)
            self._compiled[key] = compiled
        return compiled

    def _term_hits(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """(start, end, position) of the first-listed term matching at each run start."""
        if not self.index:
            return []
        tokens = _tokens(text, self.ignore_case)
        starts, ends, keys = tokens.starts, tokens.ends, tokens.keys
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)  # runs [first, last) start inside the range
        if first >= last:
            return []
        cut = last - 1 if ends[last - 1] > end else -1  # a run the end of the range cuts short
        cut_key = _fold_run(text[starts[cut] : end], self.ignore_case) if cut >= 0 else None
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
                stop = self._verify(text, tokens, i, runs, gaps, tail, last, cut, cut_key, end)
                if stop is not None:
                    hits.append((starts[i], stop, position))
                    break
        hits.sort()
        return hits

    @staticmethod
    def _verify(text, tokens, i, runs, gaps, tail, last, cut, cut_key, end):
        """The end offset of a term matching at run i, or None."""
        count = len(runs)
        if i + count > last:
            return None
        starts, ends, keys = tokens.starts, tokens.ends, tokens.keys
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
        return stop

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
        scanners = [(position, self._regex(position), "\\G" in pattern) for position, pattern in self.residual]
        heads = [search(compiled, text, start, end) for _, compiled, _ in scanners]
        froms = [start] * len(scanners)
        pos, h, count = start, 0, 0
        while True:
            while h < len(hits) and hits[h][0] < pos:
                h += 1
            best = hits[h] if h < len(hits) else None
            for k, (position, compiled, anchored) in enumerate(scanners):
                head = heads[k]
                if froms[k] != pos and (anchored or (head is not None and head.start() < pos)):
                    head = heads[k] = search(compiled, text, pos, end)
                    froms[k] = pos
                if head is None:
                    continue
                q, stop = head.span()
                if q == stop:
                    # An empty match: leave the empty-match rules to the regex itself, replaying
                    # the alternation's scan from the start and skipping the matches already given.
                    for number, match in enumerate(finditer(self._regex("all"), text, start, end)):
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
