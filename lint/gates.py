"""Gates: where a regex can start matching in an article, so it is tried only there.

`lint.prefilter` reads off a pattern the words every match begins with or contains; a
`GatedRegex` tries the pattern only where the article's word runs (`Tokens`, one
tokenisation per text shared by every phrase set) have them, instead of at every offset.
"""

import bisect
from functools import lru_cache
from itertools import accumulate

import regex

from lint import prefilter
from lint.matching import finditer, first_at


@lru_cache(maxsize=None)
def compile_alternation(patterns: tuple[str, ...], ignore_case: bool = True):
    """One compiled alternation of several regexes (each wrapped so flags stay local)."""
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile("|".join(f"(?:{p})" for p in patterns), flags)


_GAPS = regex.compile(r"(\W+)")
# Non-ASCII characters that `regex` IGNORECASE (simple case folding) matches to an ASCII letter.
_ASCII_FOLDS = {"\u0130": "i", "\u017f": "s", "\u212a": "k"}


def fold_run(run: str, ignore_case: bool) -> str:
    """A word run as the term index keys it: curly apostrophe straightened, case folded."""
    run = run.replace("’", "'")
    if not ignore_case:
        return run
    if run.isascii():
        return run.lower()
    return "".join(_ASCII_FOLDS.get(char) or char.lower() for char in run)


# Characters for which folding a whole text is not folding each run on its own: "Σ" lowers
# by context (final sigma), "İ" lowers to two characters, "ſ" folds through _ASCII_FOLDS.
_WHOLE_TEXT_UNSAFE = ("\u03a3", "\u0130", "\u017f")


class Tokens:
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
        self.keys = keys if whole else [fold_run(text[a:b], ignore_case) for a, b in zip(starts, ends)]
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


def tokens_of(text: str, ignore_case: bool) -> Tokens:
    """Tokens of a text, shared by every phrase set that reads it (a few texts are kept)."""
    key = (id(text), ignore_case)
    entry = _TOKEN_CACHE.get(key)
    if entry is not None and entry[0] is text:
        return entry[1]
    tokens = Tokens(text, ignore_case)
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

    def runs(self, tokens: Tokens) -> list[int]:
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

    def present(self, tokens: Tokens) -> bool:
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
        tokens = tokens_of(text, True)
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
        return first_at(self.compiled, text, start, end, self.candidates(text))

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """The matches `finditer` gives, under the same time limits."""
        end = len(text) if end is None else end
        candidates = self.candidates(text)
        if candidates is None:
            yield from finditer(self.compiled, text, start, end)
            return
        while True:
            match = first_at(self.compiled, text, start, end, candidates)
            if match is None:
                return
            yield match
            start = match.end()
