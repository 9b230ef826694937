"""Where a regex can start to match: the words that let a scan skip most of an article.

Most lexicon patterns open with a look-behind or a long alternation of words
(`\\b(?:rose|fell|climbed)\\s+\\d...`), which defeats the `regex` module's own literal search:
it tries the pattern at every offset, and a few dozen such patterns cost more than the rest
of a lint. `analyse()` reads off a pattern the strings every match must begin with (its
openings) and words every match must contain (its anchors); `lint.patterns.GatedRegex` then
tries the regex only where an article has them.

The analysis is conservative: it either lists every way a match can begin, or gives up
(None), and the pattern is scanned in full as before.
"""

import unicodedata
from functools import lru_cache

# Markers inside an opening: any decimal digit (`\\d`, not only ASCII ones), and one or more
# characters that are not word characters (`\\s+`, `\\W`, or a word boundary after a word).
# So "a\\x00third" reads: the word "a", a gap, then a word that is "third" or starts with it;
# "\\x01\\x00times" a word that starts with a digit, a gap, then "times".
DIGIT = "\x01"
NOT_WORD = "\x00"
_ZERO_WIDTH_ESCAPES = set("BAZzM")
_CLASS_LIMIT = 24  # a character class with more members ends the opening there
_OPENINGS_LIMIT = 128  # beyond this many alternatives an opening stops growing
_BOUNDARY = "\x02"  # a `\\b` while reading; resolved by what it follows (see `_extend`)
_WORD = set("abcdefghijklmnopqrstuvwxyz0123456789_")


class Unsupported(Exception):
    """Syntax this reader does not model (the pattern is then scanned in full)."""


class _Reader:
    """A recursive-descent reader of `regex` (V0) syntax that tracks possible openings.

    An opening is (text, word_start, open): the lowered text a match begins with, whether a
    word boundary is asserted right before it, and whether the text may still grow with the
    next item of the sequence.
    """

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.i = 0
        self.gap = False  # the character before the current item is never a word character
        self.item_gap = False  # ... and the last character of the item just read
        self.single = False  # the item just read is one character (not a group)

    def peek(self, count: int = 1) -> str:
        return self.pattern[self.i : self.i + count]

    def take(self) -> str:
        if self.i >= len(self.pattern):
            raise Unsupported("unexpected end")
        char = self.pattern[self.i]
        self.i += 1
        return char

    def alternation(self) -> tuple[list, list]:
        """The openings of `a|b|...` up to a closing parenthesis or the end, and each
        branch's (openings, anchors) (see `sequence`). Sets `item_gap` when every branch
        ends with a non-word character."""
        before = self.gap
        branches, gaps = [], []
        while True:
            self.gap = before
            branches.append(self.sequence())
            gaps.append(self.gap)
            if self.peek() != "|":
                break
            self.i += 1
        self.gap, self.item_gap = before, all(gaps)
        return [opening for found, _ in branches for opening in found], branches

    def sequence(self) -> tuple[list, list]:
        """The openings of a sequence of items, and its anchors: the openings of the rest of
        the sequence from each item that follows a non-word character (after `\\s+` in
        `\\w+\\s+(?:claimed|admitted)\\b`), so a word inside the match can stand in for
        the start. Leaves `gap` as it is after the last item."""
        current = [("", False, True)]
        anchors: list[list] = []
        while self.i < len(self.pattern) and self.peek() not in ("|", ")"):
            before, single = self.gap, self.peek() != "("
            self.item_gap = None  # an item that consumes text sets it
            item = self.item()
            self.single = single
            if item is None or self.item_gap is None:  # zero-width: the gap stays
                if item is not None:
                    self.single = False
                    current = _extend(current, self.quantified(item)[0])
                    anchors = [_extend(anchor, item) for anchor in anchors]
                continue
            item_gap = self.item_gap
            item, low, once = self.quantified(item)
            anchors = [_extend(anchor, item) for anchor in anchors]
            if before:
                anchors.append(_extend([("", True, True)], item))
            current = _extend(current, item)
            self.gap = item_gap if low >= 1 and (once or single) else item_gap and before
        return current, anchors

    def quantified(self, item: list) -> tuple[list, int, bool]:
        """The openings of an item with its repeat count, the count's minimum, and whether
        it is exactly once."""
        low, high = self.quantifier()
        if self.peek() in ("?", "+") and (low, high) != (1, 1):
            self.i += 1  # lazy or possessive: same openings
        if (low, high) == (1, 1):
            return item, low, True
        if self.single and all(_not_word(text) for text, _, _ in item):
            repeated = [(NOT_WORD, False, True)]  # a run of non-word characters (`\\s+`)
        elif self.single and all(text == DIGIT for text, _, _ in item):
            repeated = [(DIGIT, False, True)]  # digits (`\\d+`): a word that starts with one
        elif high == 1:
            repeated = item
        else:
            repeated = [(text, word, False) for text, word, _ in item]
        if low == 0:
            repeated = repeated + [("", False, True)]
        return repeated, low, False

    def quantifier(self) -> tuple[int, int | None]:
        char = self.peek()
        if char == "?":
            self.i += 1
            return 0, 1
        if char == "*":
            self.i += 1
            return 0, None
        if char == "+":
            self.i += 1
            return 1, None
        if char == "{":
            end = self.pattern.find("}", self.i)
            body = self.pattern[self.i + 1 : end] if end > 0 else ""
            low, comma, high = body.partition(",")
            if end < 0 or not (low.strip().isdigit() or (comma and not low.strip())) or (high.strip() and not high.strip().isdigit()):
                raise Unsupported("not a repeat count")  # fuzzy matching or a literal brace
            self.i = end + 1
            minimum = int(low) if low.strip() else 0
            maximum = (int(high) if high.strip() else None) if comma else minimum
            return minimum, maximum
        return 1, 1

    def item(self) -> list | None:
        """The openings of one atom, or None for a zero-width one."""
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self._atom(self.char_class())
        if char == "\\":
            return self.escape()
        if char in "^$":
            return None
        if char == ".":
            return self._atom([("", False, False)])
        if char in "*+?{":
            raise Unsupported("nothing to repeat")
        return self._atom([_literal(char)])

    def _atom(self, found: list) -> list:
        """A one-character item: a gap when it is never a word character."""
        self.item_gap = all(_not_word(text) for text, _, _ in found)
        return found

    def escape(self) -> list | None:
        char = self.take()
        if char == "b":
            return [(_BOUNDARY, True, True)]
        if char == "m":
            return [("", True, True)]
        if char in _ZERO_WIDTH_ESCAPES:
            return None
        if char in "GLXKgkN" or char.isdigit():
            raise Unsupported(f"\\{char}")
        if char in "xuU":
            raise Unsupported("code point escape")
        if char in "pP":
            if self.peek() == "{":
                end = self.pattern.find("}", self.i)
                if end < 0:
                    raise Unsupported("property")
                self.i = end + 1
            else:
                self.take()
            return self._atom([("", False, False)])
        if char == "d":
            return self._atom([(DIGIT, False, True)])
        if char in "sW":
            return self._atom([(NOT_WORD, False, True)])
        if char.isalpha():
            return self._atom([("", False, False)])  # \w \S \t \n and the like
        return self._atom([_literal(char)])

    def group(self) -> list | None:
        if self.peek() != "?":
            return self.group_body()
        self.i += 1
        kind = self.take()
        if kind == ":" or kind == ">":
            return self.group_body()
        if kind in "=!":
            start = self.i
            self.group_body()
            self.item_gap = None  # a look-ahead consumes nothing
            if kind == "!" and _excludes_words(self.pattern[start : self.i - 1]):
                return [(_BOUNDARY, False, True)]  # (?!\\w) after a word ends it
            return None
        if kind == "<" and self.peek() in ("=", "!"):
            negative = self.take() == "!"
            start = self.i
            self.group_body()
            self.item_gap = None  # a look-behind consumes nothing
            body = self.pattern[start : self.i - 1]
            return [("", True, True)] if negative and _excludes_words(body) else None
        if kind in "P<" and (kind == "<" or self.peek() == "<"):
            if kind == "P":
                self.i += 1
            end = self.pattern.find(">", self.i)
            if end < 0:
                raise Unsupported("group name")
            self.i = end + 1
            return self.group_body()
        if kind == "#":
            end = self.pattern.find(")", self.i)
            if end < 0:
                raise Unsupported("comment")
            self.i = end + 1
            return None
        return self.flag_group(kind)

    def flag_group(self, first: str) -> list | None:
        flags = first
        while self.peek() not in (":", ")", ""):
            flags += self.take()
        if any(flag not in "imsu-" for flag in flags):
            raise Unsupported(f"flags {flags}")  # verbose, version 1, fuzzy, word...
        if self.take() == ")":
            return None  # global flags: case never matters to the openings
        return self.group_body()

    def group_body(self) -> list:
        found, _ = self.alternation()
        if self.take() != ")":
            raise Unsupported("unbalanced")
        return found

    def char_class(self) -> list:
        """The members of a set when it is a short list of plain characters, else an end."""
        members: list[str] = []
        listable = True
        if self.peek() == "^":
            self.i += 1
            listable = False
        first = True
        while True:
            char = self.take()
            if char == "]" and not first:
                break
            first = False
            if char == "[" and self.peek() == ":":
                raise Unsupported("POSIX class")
            if char == "\\":
                escaped = self.take()
                if escaped in "pP" and self.peek() == "{":
                    end = self.pattern.find("}", self.i)
                    if end < 0:
                        raise Unsupported("property")
                    self.i = end + 1
                    listable = False
                    continue
                if escaped.isalnum():
                    listable = False
                    continue
                char = escaped
            if self.peek() == "-" and self.peek(2) != "-]" and self.peek(2)[1:] not in ("]", ""):
                self.i += 1
                stop = self.take()
                if stop == "\\":
                    stop = self.take()
                    if stop.isalnum():
                        raise Unsupported("range to an escape")
                if ord(stop) - ord(char) > _CLASS_LIMIT:
                    listable = False
                    continue
                members += [chr(code) for code in range(ord(char), ord(stop) + 1)]
                continue
            members.append(char)
        if not listable or len(members) > _CLASS_LIMIT:
            return [("", False, False)]
        return [_literal(char) for char in dict.fromkeys(members)]


def _literal(char: str) -> tuple:
    """One character of an opening. ASCII letters fold with `str.lower`, and punctuation and
    currency signs have no case; any other character (where `regex`'s case folding may
    differ from `str.lower`) ends the opening."""
    if char.isascii():
        return (char.lower(), False, True)
    if unicodedata.category(char)[0] == "P" or unicodedata.category(char) == "Sc":
        return (char, False, True)
    return ("", False, False)


def _not_word(text: str) -> bool:
    """Whether a one-character opening is never a word character."""
    return text == NOT_WORD or (len(text) == 1 and text not in _WORD and text != DIGIT and not text.isalnum())


def _excludes_words(body: str) -> bool:
    """Whether a negative look-behind's body is one character set that contains `\\w`
    (`(?<!\\w)`, `(?<![\\w.,-])`): then the match starts where a word starts."""
    if body == "\\w":
        return True
    return body.startswith("[") and not body.startswith("[^") and body.endswith("]") and "\\w" in body and body.count("[") == 1


def _extend(current: list, item: list) -> list:
    """Every opening of `current` followed by every opening of `item`."""
    grown = []
    for text, word, growing in current:
        if not growing:
            grown.append((text, word, False))
            continue
        for more, more_word, more_growing in item:
            if more == _BOUNDARY:
                # A boundary before any text asserts a word start (more_word); after a word
                # character it says the word ends there; elsewhere it adds nothing we use.
                if text and (text[-1] in _WORD or text[-1] == DIGIT):
                    grown.append((text + NOT_WORD, word, False))
                else:
                    grown.append((text, word or (not text and more_word), True))
                continue
            grown.append((text + more, word or (not text and more_word), more_growing))
    if len(grown) > _OPENINGS_LIMIT:
        return [(text, word, False) for text, word, _ in current]
    return list(dict.fromkeys(grown))


def _word_openings(found: list) -> tuple | None:
    """(text, word_start) pairs when each opening is a word's start, else None."""
    result = tuple(dict.fromkeys((text, word) for text, word, _ in found))
    if all(text and word and (text[0] in _WORD or text[0] == DIGIT) for text, word in result):
        return result
    return None


# The commonest words of English news copy: an anchor made of them rules out little.
_COMMON = frozenset(
    "a an the and or but of to in on at for by with from as is are was were be been has have had "
    "it its he she they we i you his her their our this that who which there not no said says say "
    "one two more about over all also will would can".split()
)


def _selectivity(anchor: tuple) -> tuple:
    """How rare an anchor's words are likely to be: no common word among them, then the
    length of the shortest (longer words are rarer), then fewer alternatives."""
    words = [text.split(NOT_WORD)[0].split(DIGIT)[0] for text, _ in anchor]
    return not any(word in _COMMON for word in words), min(map(len, words)), -len(words)


@lru_cache(maxsize=4096)
def analyse(pattern: str) -> tuple[tuple | None, tuple | None]:
    """(openings, anchors) of a pattern; either is None when it cannot be read.

    Openings: (text, word_start) pairs, one of which every match begins with. `text` is
    lowered; `word_start` says the match begins at the start of a word (a `\\b`, or a
    negative look-behind excluding word characters, precedes a word character).
    Anchors: (text, True) pairs, one of which begins a word somewhere in every match.
    """
    reader = _Reader(pattern)
    try:
        found, branches = reader.alternation()
    except (Unsupported, IndexError, ValueError):
        return None, None
    if reader.i != len(pattern):
        return None, None
    openings = tuple(dict.fromkeys((text, word and (text[:1] in _WORD or text[:1] == DIGIT)) for text, word, _ in found))
    if any(not text for text, _ in openings):
        openings = None
    anchors: list = []
    for start, later in branches:
        readable = [anchor for anchor in map(_word_openings, [start, *later]) if anchor]
        if not readable:
            return openings, None
        anchors += max(readable, key=_selectivity)
    return openings, tuple(dict.fromkeys(anchors))
