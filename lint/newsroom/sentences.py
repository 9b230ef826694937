"""Sentence segmentation tuned for news copy.

One regex pass finds double quotation marks and candidate boundaries (terminal punctuation,
optional closers, whitespace, then an upper-case letter, digit or currency sign); only those
are judged in Python, so the cost is linear in the text and unpunctuated text costs one scan.
A candidate is a boundary unless the word before is an abbreviation that a capitalised word
routinely follows ("Gen. Smith", "U.S. Army", "Jan. 5"), a list number ("1. Mix the flour"),
or it lies inside a quotation that closes later in the paragraph: a quoted passage stays in one
sentence with its attribution, which is what attribution rules need.
"""

from typing import NamedTuple

import regex

from lint.matching import finditer

_TOKEN_WINDOW = 40


class Sentence(NamedTuple):
    """One sentence of a document's prose: [start, end) offsets and the index of its block."""

    start: int
    end: int
    block: int


class SentenceRange(NamedTuple):
    """The sentences of one block: indexes [first, end) into the document's sentences."""

    first: int
    end: int


# Titles and the like: always followed by a name, never end a sentence.
TITLES = frozenset(
    """Mr Mrs Ms Messrs Mmes Gen Gens Sen Sens Rep Reps Gov Govs Lt Col Sgt Capt Maj Adm Cmdr
    Cpl Pvt Prof Rev Hon Pres Supt Det Insp Fr Rt vs""".split()
)

# Abbreviations that may end a sentence: a boundary only when a sentence-starting word follows.
ABBREVIATIONS = TITLES | frozenset(
    """Dr St Mt Ft Jr Sr Ave Blvd Rd Bros Dept Univ Assn Inc Corp Ltd Co Cos LLC Plc
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Vol Fig Ch Sec Art Ed Eds
    etc al approx est ca cf Ph.D
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo
    Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo""".split()
)

# Words that open a new sentence after an ambiguous abbreviation ("in the U.S. The ...").
SENTENCE_STARTERS = frozenset(
    """The A An He She It They We I You His Her Its Their Our My This That These Those There
    But And Or So Yet In On At For If When While After Before As Since Although Though However
    Meanwhile Still Then Now Some Many Most All What Why How Who Where Which""".split()
)

_SCAN = regex.compile(
    r"""(?P<quote>[“”"])
      | (?<![.?!…])(?P<punct>[.?!…]++)(?P<close>[”"’'»)\]]*+)(?:\s++|(?=“))
        (?=(?P<open>[“"‘'«(\[]*+)(?P<next>[\p{Lu}\p{N}\p{Sc}]\w*+))""",
    regex.VERBOSE,
)
_OPENING_QUOTES = frozenset("“\"‘'«")
_CLOSING_QUOTES = frozenset("”\"")
_BEFORE_OPENING_QUOTE = frozenset("([{—–-/")
_TOKEN_BEFORE = regex.compile(r"(?r)[\w.]*+")
_INITIALS = regex.compile(r"[^\W\d_](?:\.[^\W\d_])*+")
# What `regex` matches with \s (Python's str.isspace() also takes \x1c-\x1f), for str.strip.
REGEX_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


class _Quotation:
    """Boundaries inside a quotation wait: dropped if it closes, kept if it runs on unclosed."""

    def __init__(self):
        self.found: list[tuple[int, int]] = []
        self.pending: list[tuple[int, int]] = []
        self.inside = False

    def mark(self, text: str, at: int) -> None:
        """Open or close on a double quotation mark; a straight one opens after space or bracket."""
        if text[at] == "“" or (text[at] == '"' and _opens(text, at)):
            self.found.extend(self.pending)  # a quotation opened again: the last one never closed
            self.pending, self.inside = [], True
        else:
            self.close()

    def close(self) -> None:
        self.pending, self.inside = [], False

    def add(self, boundary: tuple[int, int]) -> None:
        (self.pending if self.inside else self.found).append(boundary)

    def last_start(self, default: int) -> int:
        latest = self.pending or self.found
        return latest[-1][1] if latest else default

    def finish(self) -> list[tuple[int, int]]:
        return self.found + self.pending


def _opens(text: str, at: int) -> bool:
    return at == 0 or text[at - 1].isspace() or text[at - 1] in _BEFORE_OPENING_QUOTE


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end], whitespace trimmed from both ends."""
    return block_sentence_spans(text, [(start, len(text) if end is None else end)])[0]


def block_sentence_spans(text: str, blocks) -> list[list[tuple[int, int]]]:
    """`sentence_spans` of each (start, end) block, in order and disjoint, from one scan.

    Between blocks there is only whitespace, so the scan finds what a scan of each block would,
    except a candidate whose next word lies past its block's end: it is no boundary, but a
    closing quotation mark in it still closes, as it would have as a quotation mark.
    """
    if not blocks:
        return []
    found = []
    matches = finditer(_SCAN, text, blocks[0][0], blocks[-1][1])  # under the time limit of every scan
    match = next(matches, None)
    for start, end in blocks:
        text_on = text[start:end].lstrip(REGEX_WHITESPACE)
        if not text_on:
            found.append([])
            continue
        begin, quotation = end - len(text_on), _Quotation()
        while match is not None and match.start() < end:
            if match["quote"]:
                quotation.mark(text, match.start())
            else:
                _judge(text, match, quotation, begin, end)
            match = next(matches, None)
        last_end = begin + len(text_on.rstrip(REGEX_WHITESPACE))
        found.append(_spans(begin, last_end, quotation.finish()))
    return found


def _judge(text: str, match, quotation: "_Quotation", begin: int, end: int) -> None:
    """Feed one candidate boundary of text[begin:end] to `quotation`."""
    if not _CLOSING_QUOTES.isdisjoint(match["close"]):
        quotation.close()  # a quotation mark right after terminal punctuation closes
    if match.start("next") < end and _is_boundary(text, match, quotation.last_start(begin)):
        quotation.add((match.end("close"), match.end()))


def _spans(begin: int, last_end: int, boundaries: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences from `begin` (a block's first text) through the boundaries to `last_end`."""
    spans = []
    for sentence_end, next_start in boundaries:
        spans.append((begin, sentence_end))
        begin = next_start
    if begin < last_end:
        spans.append((begin, last_end))
    return spans


def _is_boundary(text: str, candidate, sentence_start: int) -> bool:
    """Whether terminal punctuation followed by a capitalised word really ends a sentence."""
    punct = candidate["punct"]
    if "?" in punct or "!" in punct or candidate["close"]:
        return True
    dot = candidate.start("punct")
    token = _TOKEN_BEFORE.match(text, max(sentence_start, dot - _TOKEN_WINDOW), dot).group()
    if "…" in punct or len(punct) > 1:
        return bool(token)  # an ellipsis standing alone between words is an omission
    if token in TITLES or (token.isdigit() and dot - len(token) == sentence_start):
        return False
    return not _is_abbreviation(token) or _starts_sentence(candidate["next"], candidate["open"])


def _is_abbreviation(token: str) -> bool:
    """Known abbreviations, initials ("W.") and dotted initialisms ("U.S.", "a.m.")."""
    if token in ABBREVIATIONS:
        return True
    return (len(token) == 1 or "." in token) and _INITIALS.fullmatch(token) is not None


def _starts_sentence(word: str, opening: str) -> bool:
    """After an abbreviation, only an opening quote or a typical first word starts a sentence.

    A bracket does not count: "MIAMI, Fla. (AP) —" is a dateline, not two sentences.
    """
    return not _OPENING_QUOTES.isdisjoint(opening) or word in SENTENCE_STARTERS
