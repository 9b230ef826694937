"""Pattern compilation shared by every kind: literal terms and regexes become one alternation.

Patterns are compiled once per process with the `regex` module; every match runs under a
time limit so that no rule can hang on a hostile line.
"""

import bisect
import time
from itertools import accumulate
from functools import lru_cache

import regex

from lint import backtrack, prefilter

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
    """Why a rule may not use a pattern (it does not compile, or it can backtrack
    catastrophically: `lint.backtrack`), or None."""
    try:
        regex.compile(pattern)
    except (regex.error, TypeError, ValueError, OverflowError, RecursionError) as exc:
        return str(exc)
    return backtrack.risk(pattern)


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


# A failed `match` at one offset may cost `regex` a scan of the rest of the text (it first
# looks for a string that every match must contain), so trying every candidate of a long
# sentence can be quadratic. When misses cost more than this on average (an ordinary miss
# costs about a microsecond), one `search` finds the next match instead: the gate
# guarantees that it starts at a candidate. Patterns whose misses are cheap keep being tried
# only at the candidates, which is what makes gates pay.
_MISSES = 8
_COSTLY_MISS = 2e-5  # seconds


def _first(compiled, text: str, start: int, end: int, candidates: list[int] | None):
    """The first match in text[start:end], trying only the candidate offsets when given (a
    gated regex matches nowhere else, so this is the match `search` would find)."""
    if candidates is None:
        return search(compiled, text, start, end)
    limit, began = _limit(start, end), time.perf_counter()
    first = bisect.bisect_left(candidates, start)
    for index in range(first, len(candidates)):
        offset = candidates[index]
        if offset >= end:
            break
        spent = time.perf_counter() - began
        if spent >= limit:
            raise RuleTimeout()
        misses = index - first
        try:
            if misses >= _MISSES and spent > misses * _COSTLY_MISS:
                return compiled.search(text, offset, end, timeout=limit - spent)
            match = compiled.match(text, offset, end, timeout=limit - spent)
        except TimeoutError:
            raise RuleTimeout() from None
        if match is not None:
            return match
    return None


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
_GAPS = regex.compile(r"(\W+)")
_APOSTROPHES_AT_EDGE = "'’"
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
    """The word runs (`\\w+`) of one text: offsets, folded keys, and where each key occurs.

    One tokenisation serves both the term index and the gates of every phrase set.
    """

    __slots__ = ("starts", "ends", "keys", "_where", "_sorted", "_digits")

    def __init__(self, text: str, ignore_case: bool):
        whole = not ignore_case or text.isascii() or not any(char in text for char in _WHOLE_TEXT_UNSAFE)
        source = text.lower() if ignore_case and whole else text
        # Splitting on the gaps is one pass in C; the lengths of the pieces give the offsets.
        parts = _GAPS.split(source)
        offsets = list(accumulate(map(len, parts), initial=0))
        keys, starts, ends = parts[0::2], offsets[0:-1:2], offsets[1::2]
        if not keys[-1]:
            del keys[-1], starts[-1], ends[-1]
        if keys and not keys[0]:
            del keys[0], starts[0], ends[0]
        self.starts, self.ends = starts, ends
        self.keys = keys if whole else [_fold_run(text[a:b], ignore_case) for a, b in zip(starts, ends)]
        self._where = self._sorted = self._digits = None

    @property
    def where(self) -> dict:
        """Folded key -> the indexes of its runs, in order (made on first use)."""
        if self._where is None:
            where: dict[str, list[int]] = {}
            for index, key in enumerate(self.keys):
                where.setdefault(key, []).append(index)
            self._where = where
        return self._where

    def starting_with(self, prefix: str) -> list[int]:
        """Indexes of the runs whose key starts with `prefix`."""
        if self._sorted is None:
            self._sorted = sorted(self.where)
        keys, where = self._sorted, self.where
        found = []
        for i in range(bisect.bisect_left(keys, prefix), len(keys)):
            if not keys[i].startswith(prefix):
                break
            found += where[keys[i]]
        return found

    def digit_runs(self) -> list[int]:
        """Indexes of the runs that start with a digit (any script's)."""
        if self._digits is None:
            self._digits = sorted(i for key, found in self.where.items() if key[:1].isdigit() for i in found)
        return self._digits


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


_LOWERED: dict = {}


def _lowered(text: str) -> str | None:
    """The text lowered for a presence test, or None where `str.lower` is not `regex`'s
    case folding for ASCII letters (a dotted capital I, a long s)."""
    entry = _LOWERED.get(id(text))
    if entry is not None and entry[0] is text:
        return entry[1]
    lowered = None if "\u0130" in text or "\u017f" in text else text.lower()
    _LOWERED.clear()
    _LOWERED[id(text)] = (text, lowered)
    return lowered


def _word_parts(text: str) -> list[tuple[str, str]]:
    """The words of an opening, each ("exact", w), ("prefix", w) or ("digit", ""), one word
    run of the text after another: any non-word characters of the opening are the gap between
    two runs. A word that a digit or the end of the opening leaves open is a prefix; a run
    that starts with a digit is "digit" (what follows in the same run is not checked)."""
    parts, word, kind = [], "", None
    for char in text:
        if char in _ASCII_WORD_CHARS or char == prefilter.DIGIT:
            if kind is None:
                kind = "digit" if char == prefilter.DIGIT else "exact"
            if kind == "exact":
                if char == prefilter.DIGIT:
                    kind = "prefix"
                else:
                    word += char
            continue
        if kind is not None:
            parts.append((kind, word))
            word, kind = "", None
    if kind is not None:
        parts.append(("prefix" if kind == "exact" else kind, word))
    return parts


class _Next:
    """A trie of the words that must follow a first word (one node per word run)."""

    __slots__ = ("done", "exact", "prefixes", "digit")

    def __init__(self):
        self.done, self.exact, self.prefixes, self.digit = False, {}, [], None

    def add(self, parts) -> None:
        node = self
        for kind, word in parts:
            if kind == "prefix":  # a word left open ends the opening
                node.prefixes.append(word)
                return
            if kind == "digit":
                node.digit = node.digit or _Next()
                node = node.digit
            else:
                node = node.exact.setdefault(word, _Next())
        node.done = True

    def accepts(self, keys: list[str], index: int) -> bool:
        """Whether the runs after `index` read as one of the paths of this trie."""
        if self.done:
            return True
        index += 1
        if index >= len(keys):
            return False
        key = keys[index]
        child = self.exact.get(key)
        if child is not None and child.accepts(keys, index):
            return True
        if any(key.startswith(word) for word in self.prefixes):
            return True
        return self.digit is not None and key[:1].isdigit() and self.digit.accepts(keys, index)


class _Words:
    """The first words of some openings (exact words, word prefixes, "starts with a digit"),
    with the words that must follow them in the next runs."""

    __slots__ = ("exact", "prefixes", "digits")

    def __init__(self, openings):
        exact, prefixes, digits = {}, set(), None
        for text, _ in openings:
            parts = _word_parts(text)
            kind, word = parts[0]
            if kind == "exact":
                exact.setdefault(word, _Next()).add(parts[1:])
            elif kind == "prefix":
                prefixes.add(word)
            else:
                digits = digits or _Next()
                digits.add(parts[1:])
        self.exact = dict(sorted(exact.items()))
        self.prefixes, self.digits = tuple(sorted(prefixes)), digits

    def runs(self, tokens: _Tokens) -> list[int]:
        """Indexes of the runs where one of the openings begins."""
        where, keys = tokens.where, tokens.keys
        found = []
        for word, after in self.exact.items():
            at = where.get(word)
            if at is None:
                continue
            found += at if after.done else [i for i in at if after.accepts(keys, i)]
        for prefix in self.prefixes:
            found += tokens.starting_with(prefix)
        if self.digits is not None:
            after = self.digits
            at = tokens.digit_runs()
            found += at if after.done else [i for i in at if after.accepts(keys, i)]
        return found

    def present(self, tokens: _Tokens) -> bool:
        """Whether any first word occurs (the words after it are not checked)."""
        where = tokens.where
        return (
            any(word in where for word in self.exact)
            or any(tokens.starting_with(prefix) for prefix in self.prefixes)
            or (self.digits is not None and bool(tokens.digit_runs()))
        )


class _Gate:
    """Where one regex can start matching in a text, from what `prefilter` reads off it.

    - starts: every match starts at the start of one of these words; the regex is tried
      only there.
    - literals: every match starts with one of these strings; a text without any is skipped.
    - anchors: every match has one of these words in it; a text without any is skipped.
    """

    __slots__ = ("starts", "literals", "anchors")

    def __init__(self, starts, literals, anchors):
        self.starts, self.literals, self.anchors = starts, literals, anchors

    @classmethod
    def of(cls, pattern: str) -> "_Gate | None":
        openings, anchors = prefilter.analyse(pattern)
        starts = literals = None
        if openings is not None and all(word_start for _, word_start in openings):
            starts = _Words(openings)
        elif openings is not None:
            heads = [text.split(prefilter.NOT_WORD)[0].split(prefilter.DIGIT)[0] for text, _ in openings]
            literals = tuple(dict.fromkeys(heads)) if all(heads) else None
        if starts is None and literals is None and anchors is None:
            return None
        return cls(starts, literals, _Words(anchors) if anchors else None)

    def candidates(self, text: str) -> list[int] | None:
        """Sorted offsets where a match may start, or None: try everywhere."""
        tokens = _tokens(text, True)
        if self.anchors is not None and not self.anchors.present(tokens):
            return []
        if self.starts is not None:
            starts = tokens.starts
            return sorted({starts[i] for i in self.starts.runs(tokens)})
        if self.literals is not None:
            lowered = _lowered(text)
            if lowered is not None and not any(literal in lowered for literal in self.literals):
                return []
        return None


_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


# Reading a gate off a pattern costs about as much as scanning 10,000 characters with it, so
# a regex scans in full until it has read this much text (one short article for a pre-commit
# hook never pays for gates; an archive run pays once and saves on every later article).
GATE_AFTER = 16_384


class GatedRegex:
    """One regex, compiled on first use and tried only where its gate says it can match.

    Picklable: the compiled pattern, the gate and the per-text candidates are rebuilt.
    """

    __slots__ = ("pattern", "ignore_case", "_compiled", "_gate", "_seen", "_scanned")

    def __init__(self, pattern: str, ignore_case: bool = True):
        self.pattern, self.ignore_case = pattern, ignore_case
        self._compiled = self._gate = self._seen = None
        self._scanned = 0

    def __getstate__(self):
        return (self.pattern, self.ignore_case)

    def __setstate__(self, state):
        self.pattern, self.ignore_case = state
        self._compiled = self._gate = self._seen = None
        self._scanned = 0

    @property
    def compiled(self):
        if self._compiled is None:
            self._compiled = compile_alternation((self.pattern,), self.ignore_case)
        return self._compiled

    def candidates(self, text: str) -> list[int] | None:
        """Where a match may start in `text` (None: anywhere), worked out once per text: a
        sentence-by-sentence search of one article reuses them."""
        seen = self._seen
        if seen is not None and seen[0] is text:
            return seen[1]
        if self._gate is None and self._scanned >= GATE_AFTER:
            self._gate = _Gate.of(self.pattern) or False
        self._scanned += len(text)
        gate = self._gate
        self._seen = (text, gate.candidates(text) if gate else None)
        return self._seen[1]

    def first(self, text: str, start: int, end: int):
        """The first match in text[start:end], as `search` finds it."""
        return _first(self.compiled, text, start, end, self.candidates(text))

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """The matches `finditer` gives, under the same time limits."""
        end = len(text) if end is None else end
        candidates = self.candidates(text)
        if candidates is None:
            yield from finditer(self.compiled, text, start, end)
            return
        while True:
            match = _first(self.compiled, text, start, end, candidates)
            if match is None:
                return
            yield match
            start = match.end()


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
            runs = tuple(_fold_run(run, ignore_case) for run in runs)
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
