"""Quotation scanning: which text is quoted, and which quotation marks do not balance.

One left-to-right pass over the quotation marks of each paragraph with a stack of open
quotations, so the cost is linear in the text whatever the marks (no regex backtracking).
Straight and curly single marks double as apostrophes and primes, so each mark is judged
by its neighbours (newsroom conventions in /work/shared/NEWSROOM.md, "Quotes"):

- Two kinds, double (" “ ” „ « ») and single (' ‘ ’ ‚ ‹ ›). Either kind may be the outer
  quotation and either may nest in the other, in both styles: US copy quotes UK copy and
  headlines use single outer quotes, UK copy often nests the US way.
- So `style` ("us" or "uk") changes no verdict; it is checked so that a misspelt house
  setting fails loudly instead of silently meaning something.
- A ’ before a word opens only if a later ’ closes it (then `wrong-direction`); left open it
  is taken for an elision we do not list (’Bama). A straight ' before a word that is not a
  listed elision ('til, '90s) is an opener like any other: in the clean corpus the only such
  mark left open was a real error.
- A paragraph that ends inside a quotation carries it over when the next paragraph opens with
  a mark of the same kind (AP running quotes); otherwise the quotation is `runs-on` if the next
  paragraph closes it and `unclosed` if it does not.

Spans are returned for every pairing, including pairs reported as `mixed` or
`wrong-direction` and quotations closed a paragraph late, since their text is still quoted;
a carried-over quotation gives one span per paragraph piece.
"""

import re
import unicodedata
from dataclasses import dataclass

STYLES = ("us", "uk")

DOUBLE, SINGLE = "double", "single"
_KIND = {
    '"': DOUBLE, "“": DOUBLE, "”": DOUBLE, "„": DOUBLE, "«": DOUBLE, "»": DOUBLE,
    "'": SINGLE, "‘": SINGLE, "’": SINGLE, "‚": SINGLE, "‹": SINGLE, "›": SINGLE,
}
_MARKS = re.compile("[" + "".join(_KIND) + "]")
_STRAIGHT = "\"'"
# Closers that end a quotation opened by these marks in some language's convention
# („…“ German, „…” Polish, »…« and ›…‹ German/Danish); any other closer is then judged by
# family (straight against typographic) for `mixed`.
_LOW_OPENERS = {"„": "“”", "‚": "‘’", "»": "«", "›": "‹"}
_OPENS_AFTER = "([{<—–-/\u2010\u2011\u2012\u2015" + "“‘„‚«‹"
_CLOSES_BEFORE = ".,;:!?)]}>…—–-/\u2010\u2011\u2012\u2015" + "”’»›"
# Words written with a leading apostrophe ('til, ’em); two-digit years ('90s) are separate.
_ELISIONS = re.compile(
    r"(?:til|tis|twas|twere|em|cause|cos|coz|cuz|bout|round|nuff|n|ol|allo|scuse|kay|sup"
    r"|fraid|bama|nam|burbs|hood|cept)(?![^\W\d_])",
    re.I,
)
_YEAR = re.compile(r"\d\d(?!\d)")
_FEET = re.compile(r"\d ?['’′] ?\d{1,2}(?:\.\d+)?\Z")  # the 6'3 of 6'3", the 26' 46 of 26' 46"

_UNPAIRED = ("unclosed", "unopened")

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int
    end: int
    depth: int


@dataclass(frozen=True, slots=True)
class QuoteProblem:
    start: int
    end: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class _Open:
    pos: int
    mark: str
    kind: str
    depth: int
    tentative: bool  # an apostrophe-like opener: forgotten silently if never closed


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines, for callers without a Document."""
    return [match.span() for match in _PARAGRAPH.finditer(text)]


def _is_unspaced(char: str) -> bool:
    """Wide (CJK) characters: such text has no spaces, so marks next to them give no direction."""
    return char != "" and unicodedata.east_asian_width(char) in "WF"


def _is_word(char: str) -> bool:
    return char.isalnum() and not _is_unspaced(char)


def _opening_context(prev: str, nxt: str) -> bool:
    """Start of paragraph, after a space, bracket, dash or opener, and followed by text."""
    after_gap = prev == "" or prev.isspace() or prev in _OPENS_AFTER or prev in _STRAIGHT
    return after_gap and nxt != "" and not nxt.isspace()


def _closing_context(prev: str, nxt: str) -> bool:
    """After text, and followed by a space, punctuation, closer or the paragraph end."""
    before_gap = nxt == "" or nxt.isspace() or nxt in _CLOSES_BEFORE or nxt in _STRAIGHT
    return before_gap and prev != "" and not prev.isspace()


def _is_elision(text: str, i: int, end: int) -> bool:
    """A leading apostrophe: '90s, ’til, ’em, the first mark of rock 'n' roll."""
    return bool(_YEAR.match(text, i + 1, end) or _ELISIONS.match(text, i + 1, end))


def _is_trailing_apostrophe(text: str, i: int, start: int, nxt: str) -> bool:
    """The second mark of rock 'n' roll, or a dropped g before a space (goin’ home)."""
    if i - start >= 2 and text[i - 1] in "nN" and text[i - 2] in "'‘’":
        return i - start == 2 or not _is_word(text[i - 3])
    return i - start >= 2 and text[i - 2 : i].lower() == "in" and nxt.isspace()


def _closer_follows(text: str, i: int, end: int) -> bool:
    """goin’,’ and students’.’: the mark after the punctuation closes; this one is an apostrophe."""
    return i + 2 < end and text[i + 1] in ",.;:!?" and text[i + 2] in "'’"


class _Scanner:
    """The pass over one document: a stack of open quotations per paragraph."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[QuoteSpan] = []
        self.problems: list[QuoteProblem] = []
        self.stack: list[_Open] = []
        self.by_kind: dict[str, list[int]] = {DOUBLE: [], SINGLE: []}
        self.pending: dict[str, list[_Open]] = {DOUBLE: [], SINGLE: []}
        self.last_single = -1  # offset of the paragraph's last ' or ’
        self.reported: set[int] = set()
        self.unpaired_in_paragraph = False

    def report(self, pos: int, code: str, message: str) -> None:
        """One problem per mark (a wrong-way closer is not also `mixed`), and one missing mark
        per paragraph: a second unpaired mark there is the partner of the first."""
        if pos in self.reported or (code in _UNPAIRED and self.unpaired_in_paragraph):
            return
        self.reported.add(pos)
        self.unpaired_in_paragraph |= code in _UNPAIRED
        self.problems.append(QuoteProblem(pos, pos + 1, code, message))

    def top_kind(self) -> str | None:
        return self.stack[-1].kind if self.stack else None

    def top_mark(self) -> str | None:
        return self.stack[-1].mark if self.stack else None

    def is_inch(self, i: int, mark: str) -> bool:
        """A double mark after a digit is an inch or second mark (12", 6'3", 40° 26' 46"),
        unless it can close an open double quotation of its own family."""
        if not self.text[i - 1 : i].isdigit():
            return False
        if _FEET.search(self.text, max(0, i - 12), i):
            return True
        opened = self.by_kind[DOUBLE]
        return not opened or (self.stack[opened[-1]].mark in _STRAIGHT) != (mark in _STRAIGHT)

    def is_plural_possessive(self, i: int, prev: str, nxt: str) -> bool:
        """agents' in 'the agents' files were lost': an s, a space and a lower-case word, with
        a later single mark in the paragraph left to close the quotation."""
        after = self.text[i + 2 : i + 3]
        return prev in "sS" and nxt == " " and after.islower() and self.last_single > i

    # --- one paragraph -------------------------------------------------------------

    def paragraph(self, start: int, end: int, marks: list[int], following: tuple[int, int] | None) -> None:
        """One paragraph, given the offsets of its quotation marks and the next paragraph's span."""
        text = self.text
        self.unpaired_in_paragraph = False
        self.last_single = max((i for i in marks if text[i] in "'’"), default=-1)
        doubled = -1  # the second mark of a '' pair, already read with the first
        for i in marks:
            if i == doubled:
                continue
            prev = text[i - 1] if i > start else ""
            if text[i] == "'" and text[i + 1 : i + 2] == "'":
                doubled = i + 1  # NYT-style '' stands for a straight double mark
                self.straight_double(i, prev, text[i + 2] if i + 2 < end else "")
                continue
            nxt = text[i + 1] if i + 1 < end else ""
            self.mark(i, text[i], prev, nxt, start, end)
        self.end_paragraph(end, following)

    def mark(self, i: int, mark: str, prev: str, nxt: str, start: int, end: int) -> None:
        if mark == '"':
            self.straight_double(i, prev, nxt)
        elif mark in "'’":
            if not _is_trailing_apostrophe(self.text, i, start, nxt):
                self.single_ambiguous(i, mark, prev, nxt, end)
        elif mark == "‘":
            self.left_single(i, prev, nxt, end)
        elif mark == "“":
            self.left_double(i, prev, nxt)
        elif mark == "”":
            self.right_double(i, prev, nxt)
        elif mark in "»›" and _opening_context(prev, nxt) and not self.by_kind[_KIND[mark]]:
            self.open(i, mark)
        elif mark in "„‚«»‹›":
            self.low_or_guillemet(i, mark, prev, nxt)

    def straight_double(self, i: int, prev: str, nxt: str) -> None:
        """By context, or by parity where the context gives no direction."""
        if self.is_inch(i, '"'):
            return
        is_open = bool(self.by_kind[DOUBLE])
        opening, closing = _opening_context(prev, nxt), _closing_context(prev, nxt)
        if _is_unspaced(prev) or _is_unspaced(nxt):
            opening = closing = True  # no direction: pair by parity
        if closing and (is_open or not opening):
            self.close(i, '"')
        elif opening or not is_open:
            self.open(i, '"')
        else:
            self.close(i, '"')

    def single_ambiguous(self, i: int, mark: str, prev: str, nxt: str, end: int) -> None:
        """' and ’: apostrophe, prime, opener or closer, by the characters around."""
        top_single = self.top_kind() == SINGLE
        if _is_unspaced(prev) or _is_unspaced(nxt):
            if top_single or mark == "’":
                self.close(i, mark)
            else:
                self.open(i, mark)
            return
        if _is_word(prev) and _is_word(nxt):
            return  # don't, O'Brien, 1990's, 6'3"
        if prev.isdigit():
            if top_single:
                self.close(i, mark)
            return  # 40° 26' 46"
        if _opening_context(prev, nxt):
            if not _is_elision(self.text, i, end):
                self.open(i, mark, tentative=mark == "’")
            return
        if _is_word(prev):
            if top_single and not _closer_follows(self.text, i, end) and not self.is_plural_possessive(i, prev, nxt):
                self.close(i, mark)
            return  # students’, goin’ (or a closer of a quotation we cannot see)
        if _closing_context(prev, nxt):
            self.close(i, mark)

    def left_single(self, i: int, prev: str, nxt: str, end: int) -> None:
        """‘ opens, unless it closes a German ‚…‘ or stands for an apostrophe (‘90s)."""
        if self.top_mark() == "‚" and _closing_context(prev, nxt):
            self.close(i, "‘")
        elif not (_is_word(prev) and _is_word(nxt)) and not _is_elision(self.text, i, end):
            self.open(i, "‘")

    def left_double(self, i: int, prev: str, nxt: str) -> None:
        """“ opens; after a word and before a gap it closes (German „…“, or a wrong mark)."""
        closing = _closing_context(prev, nxt) and not _opening_context(prev, nxt)
        if closing and self.by_kind[DOUBLE]:
            if self.top_mark() != "„":
                self.report(i, "wrong-direction", "opening “ used to close a quotation")
            self.close(i, "“")
        else:
            self.open(i, "“")

    def right_double(self, i: int, prev: str, nxt: str) -> None:
        """” closes, or opens the wrong way round before a word with no quotation open."""
        if self.is_inch(i, "”"):
            return
        is_open = bool(self.by_kind[DOUBLE])
        if not is_open and _opening_context(prev, nxt) and not _closing_context(prev, nxt):
            self.report(i, "wrong-direction", "closing ” used to open a quotation")
            self.open(i, "”")
        else:
            self.close(i, "”")

    def low_or_guillemet(self, i: int, mark: str, prev: str, nxt: str) -> None:
        """„ ‚ « ‹ open, » › close; « and ‹ also close a German »…« or ›…‹."""
        if mark in "«‹" and self.top_mark() in ("»", "›") and _closing_context(prev, nxt):
            self.close(i, mark)
        elif mark in "„‚«‹":
            self.open(i, mark)
        else:
            self.close(i, mark)

    # --- the stack -----------------------------------------------------------------

    def open(self, i: int, mark: str, tentative: bool = False) -> None:
        kind = _KIND[mark]
        self.by_kind[kind].append(len(self.stack))
        self.stack.append(_Open(i, mark, kind, len(self.stack) + 1, tentative))

    def pop(self) -> _Open:
        opened = self.stack.pop()
        self.by_kind[opened.kind].pop()
        return opened

    def close(self, i: int, mark: str) -> None:
        """Close the innermost open quotation of the mark's kind, else a carried one."""
        kind = _KIND[mark]
        if not self.by_kind[kind]:
            self.close_pending(i, mark)
            return
        target = self.by_kind[kind][-1]
        while len(self.stack) > target + 1:
            self.abandon(self.pop())
        opened = self.pop()
        if opened.mark == "’":
            self.report(opened.pos, "wrong-direction", "closing ’ used to open a quotation")
        self.check_pair(opened, i, mark)
        self.spans.append(QuoteSpan(opened.pos, i + 1, opened.depth))

    def close_pending(self, i: int, mark: str) -> None:
        pending = self.pending[_KIND[mark]]
        if not pending:
            self.report(i, "unopened", f"{mark} here; add the opening mark where the speaker's words begin")
            return
        opened = pending.pop()
        self.report(
            opened.pos,
            "runs-on",
            f"that paragraph does not reopen it with {opened.mark}",
        )
        self.check_pair(opened, i, mark)
        self.spans.append(QuoteSpan(opened.pos, i + 1, 1))

    def check_pair(self, opened: _Open, i: int, mark: str) -> None:
        """`mixed` when a straight mark pairs with a typographic one."""
        if mark in _LOW_OPENERS.get(opened.mark, ""):
            return
        if (opened.mark in _STRAIGHT) != (mark in _STRAIGHT):
            closer = "straight" if mark in _STRAIGHT else "curly"
            opener = "straight" if opened.mark in _STRAIGHT else "curly"
            self.report(i, "mixed", f"{closer} {mark} closes a {opener} {opened.mark} quotation")

    def abandon(self, opened: _Open) -> None:
        if not opened.tentative:
            message = f"add the closing mark for this {opened.mark} where the speaker's words end"
            self.report(opened.pos, "unclosed", message)

    # --- paragraph ends ------------------------------------------------------------

    def end_paragraph(self, end: int, following: tuple[int, int] | None) -> None:
        """Carry open quotations over, hand them on as pending, or report them."""
        for kind in (DOUBLE, SINGLE):
            for opened in self.pending[kind]:
                self.abandon(opened)
            self.pending[kind] = []
        if not self.stack:
            return
        next_start = None if following is None else _first_visible(self.text, *following)
        outer = self.stack[0].kind
        if next_start is not None and self.reopens(next_start, outer):
            for opened in self.stack:
                self.spans.append(QuoteSpan(opened.pos, end, opened.depth))
        elif next_start is not None:
            for opened in self.stack:
                if not opened.tentative:
                    self.pending[opened.kind].append(opened)
        else:
            for opened in self.stack:
                self.abandon(opened)
        self.stack = []
        self.by_kind = {DOUBLE: [], SINGLE: []}

    def reopens(self, start: int, kind: str) -> bool:
        return _KIND.get(self.text[start : start + 1]) == kind

    def finish(self) -> tuple[list[QuoteSpan], list[QuoteProblem]]:
        self.spans.sort(key=lambda span: (span.start, -span.end))
        self.problems.sort(key=lambda problem: problem.start)
        return self.spans, self.problems


def scan_quotes(
    text: str, paragraphs: list[tuple[int, int]], style: str = "us"
) -> tuple[list[QuoteSpan], list[QuoteProblem]]:
    """Quoted spans and balance problems of `text`, paragraph by paragraph in order.

    The paragraphs are (start, end) spans in order and disjoint, like those of a Document's
    blocks; one scan finds the quotation marks of them all (marks between them are left out).
    """
    if style not in STYLES:
        raise ValueError(f"quote style must be one of {STYLES}, not {style!r}")
    scanner = _Scanner(text)
    marks = _mark_offsets(text, paragraphs)
    offset = next(marks, None)
    for index, (start, end) in enumerate(paragraphs):
        inside = []
        while offset is not None and offset < end:
            if offset >= start:
                inside.append(offset)
            offset = next(marks, None)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        scanner.paragraph(start, end, inside, following)
    return scanner.finish()


def _mark_offsets(text: str, paragraphs: list[tuple[int, int]]):
    """Offsets of the quotation marks from the first paragraph's start to the last one's end."""
    if not paragraphs:
        return iter(())
    return (match.start() for match in _MARKS.finditer(text, paragraphs[0][0], paragraphs[-1][1]))


def _first_visible(text: str, start: int, end: int) -> int:
    """Offset of the first non-space character of a paragraph (its opening mark, if any)."""
    while start < end and text[start].isspace():
        start += 1
    return start
