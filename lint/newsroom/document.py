"""The article as rules see it: text, lines, front matter, prose mask, blocks and sentences.

Markup is parsed here, once, so that no check ever sees raw Markdown: code, HTML comments,
link targets and image paths are blanked out of `prose` with spaces, which keeps every
offset identical to the original text.
"""

import bisect
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from lint import yamlsafe
from lint.errors import ConfigError, InputError
from lint.newsroom.sentences import Sentence, SentenceRange, block_sentence_spans

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCES = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>|https?://[^\s)>\]]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_LINE_MARKUP = re.compile(r"^(?:[ ]{0,3}(?:#{1,6}(?=\s|$)|>[ ]?)+)", re.M)
# Markup blanked out of Markdown prose, each with the literals one of which it needs to match.
_MARKDOWN_MARKUP = (
    (_CODE_SPAN, ("`",)),
    (_IMAGE, ("![",)),
    (_LINK_TARGET, ("](",)),
    (_REFERENCE_DEF, ("]:",)),
    (_AUTOLINK, (":",)),
    (_HTML_TAG, ("<",)),
    (_LINE_MARKUP, ("#", ">")),
)
_ATX_HEADINGS = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)", re.M)
_TEXT_LINES = re.compile(r"^[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", re.M)  # \S: not str.isspace()


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit: a run of non-blank lines, or one Markdown heading."""

    start: int
    end: int
    first_line: int
    last_line: int
    kind: str


class _View(Sequence):
    """A read-only list-like view whose items are made on access (compares equal to a list)."""

    __slots__ = ()
    __hash__ = None

    def __eq__(self, other):
        if isinstance(other, (list, tuple, _View)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"

    def _index(self, index: int) -> int:
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(f"{type(self).__name__} index out of range")
        return index

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        return self._item(self._index(index))


class Lines(_View):
    """The lines of a text without their newlines, sliced from the text on access.

    Holding a list of line strings would cost another copy of the article plus about 50
    bytes a line; this costs nothing beyond the shared array of line starts.
    """

    __slots__ = ("_text", "_starts")

    def __init__(self, text: str, starts: array):
        self._text, self._starts = text, starts

    def __len__(self) -> int:
        return len(self._starts)

    def _item(self, index: int) -> str:
        starts = self._starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self._text)
        return self._text[starts[index] : end]

    def __iter__(self):
        text, starts = self._text, self._starts
        for index in range(1, len(starts)):
            yield text[starts[index - 1] : starts[index] - 1]
        yield text[starts[-1] :]


class _Rows(_View):
    """Rows stored column-wise in compact integer arrays, rebuilt as tuples (or `make`) on access."""

    __slots__ = ("_columns", "_make")

    def __init__(self, columns: tuple, make=None):
        self._columns, self._make = columns, make

    def __len__(self) -> int:
        return len(self._columns[0])

    def _item(self, index: int):
        row = tuple(column[index] for column in self._columns)
        return self._make(*row) if self._make else row

    def __iter__(self):
        rows = zip(*self._columns)
        return (self._make(*row) for row in rows) if self._make else rows


def line_starts_of(text: str) -> array:
    """Offsets where each line of `text` starts ("\n" separated), as a compact array."""
    starts = array("q", [0])
    find, append = text.find, starts.append
    position = find("\n")
    while position >= 0:
        append(position + 1)
        position = find("\n", position + 1)
    return starts


_KINDS = ("paragraph", "heading")


def _block(start: int, end: int, first_line: int, last_line: int, kind: int) -> "Block":
    return Block(start, end, first_line, last_line, _KINDS[kind])


def decode(raw: bytes, path: str) -> tuple[str, bool]:
    """Decode article bytes; returns the text and whether it carried a BOM."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), True
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte offset {exc.start}") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"binary file (NUL byte at offset {nul})")
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8-sig"), bom
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid UTF-8 at byte offset {exc.start}") from None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_NOT_NEWLINE = re.compile(r"[^\n]+")


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character in the spans (except newlines) replaced by a space.

    Built from slices rather than a list of characters, so masking a long article costs
    about one more copy of its text rather than eight bytes per code point.
    """
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(_NOT_NEWLINE.sub(lambda m: " " * len(m.group()), text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


class Document:
    """One article. Offsets index `text`; lines and columns are 1-based, in code points."""

    def __init__(self, path: str, text: str, markdown: bool | None = None):
        self.path = path
        self.text = normalise_newlines(text)
        self.markdown = path.lower().endswith(MARKDOWN_SUFFIXES) if markdown is None else markdown
        self.line_starts = line_starts_of(self.text)
        self.lines = Lines(self.text, self.line_starts)
        self.front_matter: dict = {}
        self.front_matter_lines: dict = {}
        self.front_matter_error: tuple[int, str] | None = None
        self.body_start = 0
        self._split_front_matter()
        self.prose = self._mask()

    @classmethod
    def from_bytes(cls, path: str, raw: bytes, markdown: bool | None = None) -> "Document":
        text, _ = decode(raw, path)
        return cls(path, text, markdown)

    def _split_front_matter(self) -> None:
        match = _FRONT_MATTER.match(self.text)
        if not match:
            return
        self.body_start = match.end()
        try:
            data = yamlsafe.load_text(match.group(1) or "", self.path, line_offset=1)
        except ConfigError as exc:
            self.front_matter_error = (exc.line or 1, exc.detail)
            return
        if data is None:
            return
        if not isinstance(data, dict):
            self.front_matter_error = (2, "front matter is not a mapping of fields")
            return
        self.front_matter = dict(data)
        self.front_matter_lines = {k: line + 1 for k, line in getattr(data, "key_lines", {}).items()}

    def _mask(self) -> str:
        spans = [(0, self.body_start)]
        spans += [match.span() for match in _HTML_COMMENT.finditer(self.text, self.body_start)]
        if self.markdown:
            spans += self._markdown_spans()
        return _blanked(self.text, spans)

    def _markdown_spans(self) -> list[tuple[int, int]]:
        text = self.text
        spans = self._fenced_spans()
        for pattern, needs in _MARKDOWN_MARKUP:
            if any(literal in text for literal in needs):
                spans += [match.span() for match in pattern.finditer(text, self.body_start)]
        return spans

    def _fenced_spans(self) -> list[tuple[int, int]]:
        """Fenced code blocks, from the opening fence line through the closing one (or the end
        of the text when a fence never closes): a line inside a fence opens nothing."""
        if "```" not in self.text and "~~~" not in self.text:
            return []
        spans, fence, opened = [], None, 0
        for match in _FENCES.finditer(self.text, self.body_start):
            marks = match.group(1)
            if fence is None:
                fence, opened = marks, match.start()
            elif marks[0] == fence[0] and len(marks) >= len(fence):
                spans.append((opened, self.line_span(self.line_of(match.start()))[1]))
                fence = None
        if fence is not None:
            spans.append((opened, len(self.text)))
        return spans

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line, without its newline."""
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            raise IndexError("line out of range")
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return starts[line - 1], end

    @cached_property
    def prose_lines(self) -> Lines:
        """The lines of `prose` (same offsets and line starts as `lines`)."""
        return Lines(self.prose, self.line_starts)

    @cached_property
    def block_columns(self) -> tuple[array, array, array, array, array]:
        """Start, end, first and last line and kind (index into _KINDS) of every block.

        One scan finds the runs of lines with text in `prose` (the paragraphs); in Markdown,
        each heading line in a run is a block of its own and splits the paragraph around it.
        """
        columns = (array("q"), array("q"), array("q"), array("q"), array("b"))
        starts, ends, firsts, lasts, kinds = columns
        headings = self._heading_lines() if self.markdown else array("q")
        line_starts = self.line_starts
        for run in _TEXT_LINES.finditer(self.prose):
            start, end = run.span()
            first, last = bisect.bisect_right(line_starts, start), bisect.bisect_right(line_starts, end)
            low, high = bisect.bisect_left(headings, first), bisect.bisect_right(headings, last)
            for heading in headings[low:high]:
                if first < heading:
                    self._add_block(columns, first, heading - 1, 0)
                self._add_block(columns, heading, heading, 1)
                first = heading + 1
                start = line_starts[first - 1] if first <= last else end
            if first <= last:
                starts.append(start)
                ends.append(end)
                firsts.append(first)
                lasts.append(last)
                kinds.append(0)
        return columns

    def _add_block(self, columns: tuple, first: int, last: int, kind: int) -> None:
        start, end = self.line_span(first)[0], self.line_span(last)[1]
        for column, value in zip(columns, (start, end, first, last, kind)):
            column.append(value)

    def _heading_lines(self) -> array:
        """1-based numbers of the ATX heading lines of the text, in order."""
        return array("q", (self.line_of(match.start()) for match in _ATX_HEADINGS.finditer(self.text)))

    @cached_property
    def blocks(self) -> Sequence[Block]:
        """Paragraphs and headings in order; a list-like view over compact arrays."""
        return _Rows(self.block_columns, _block)

    @cached_property
    def headline(self) -> Block | None:
        """The first block (asked for by every scoped hit, so made once)."""
        return self.blocks[0] if self.blocks else None

    @cached_property
    def _sentence_columns(self) -> tuple[array, array, array, array, array]:
        """Sentence starts, ends and block indexes, and each block's [first, end) sentence range."""
        starts, ends, owners = array("q"), array("q"), array("q")
        firsts, lasts = array("q"), array("q")
        block_starts, block_ends = self.block_columns[:2]
        per_block = block_sentence_spans(self.prose, list(zip(block_starts, block_ends)))
        for index, spans in enumerate(per_block):
            if not spans:  # a block without sentences has the range (0, 0)
                firsts.append(0)
                lasts.append(0)
                continue
            firsts.append(len(starts))
            starts.extend([start for start, _ in spans])
            ends.extend([end for _, end in spans])
            owners.extend([index] * len(spans))
            lasts.append(len(starts))
        return starts, ends, owners, firsts, lasts

    @cached_property
    def sentences(self) -> Sequence[Sentence]:
        """Every sentence in prose, in order (a list-like view)."""
        starts, ends, owners, _, _ = self._sentence_columns
        return _Rows((starts, ends, owners), Sentence)

    @cached_property
    def block_sentences(self) -> Sequence[SentenceRange]:
        """For each block, the [first, end) range of its sentence indexes."""
        _, _, _, firsts, lasts = self._sentence_columns
        return _Rows((firsts, lasts), SentenceRange)

    @cached_property
    def sentence_starts(self) -> array:
        return self._sentence_columns[0]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) an offset."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)
