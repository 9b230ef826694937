"""The article as rules see it: text, lines, front matter, prose mask, blocks and sentences.

Markup is parsed here, once, so that no check ever sees raw Markdown: code, HTML comments,
link targets and image paths are blanked out of `prose` with spaces, which keeps every
offset identical to the original text.
"""

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from lint import yamlsafe
from lint.errors import ConfigError, InputError
from lint.sentences import sentence_spans

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>|https?://[^\s)>\]]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_LINE_MARKUP = re.compile(r"^(?:[ ]{0,3}(?:#{1,6}(?=\s|$)|>[ ]?)+)", re.M)
_ATX_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit: a run of non-blank lines, or one Markdown heading."""

    start: int
    end: int
    first_line: int
    last_line: int
    kind: str


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
        self.lines = self.text.split("\n")
        self.line_starts = [0]
        for line in self.lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
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
        spans = []
        fence = None
        for number, line in enumerate(self.lines):
            start = self.line_starts[number]
            if start < self.body_start:
                continue
            opener = _FENCE.match(line)
            if fence or opener:
                spans.append((start, start + len(line)))
                if opener and not fence:
                    fence = opener.group(1)
                elif opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                    fence = None
        for pattern in (_CODE_SPAN, _IMAGE, _LINK_TARGET, _REFERENCE_DEF, _AUTOLINK, _HTML_TAG, _LINE_MARKUP):
            spans += [match.span() for match in pattern.finditer(text, self.body_start)]
        return spans

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        return start, start + len(self.lines[line - 1])

    @cached_property
    def blocks(self) -> list[Block]:
        blocks = []
        current = None
        prose_lines = self.prose.split("\n")
        for number, line in enumerate(prose_lines, start=1):
            start, end = self.line_span(number)
            heading = self.markdown and _ATX_HEADING.match(self.lines[number - 1])
            if not line.strip() or heading:
                if current:
                    blocks.append(current)
                    current = None
                if line.strip():
                    blocks.append(Block(start, end, number, number, "heading"))
                continue
            if current is None:
                current = Block(start, end, number, number, "paragraph")
            else:
                current = Block(current.start, end, current.first_line, number, "paragraph")
        if current:
            blocks.append(current)
        return blocks

    @property
    def headline(self) -> Block | None:
        return self.blocks[0] if self.blocks else None

    @cached_property
    def sentences(self) -> list[tuple[int, int, int]]:
        """(start, end, block index) of every sentence in prose, in order."""
        found = []
        for index, block in enumerate(self.blocks):
            for start, end in sentence_spans(self.prose, block.start, block.end):
                found.append((start, end, index))
        return found

    @cached_property
    def block_sentences(self) -> list[tuple[int, int]]:
        """For each block, the [first, end) range of its sentence indexes."""
        ranges = [(0, 0)] * len(self.blocks)
        for index, (_, _, block) in enumerate(self.sentences):
            low = ranges[block][0] if ranges[block][1] > ranges[block][0] else index
            ranges[block] = (low, index + 1)
        return ranges

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [start for start, _, _ in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) an offset."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)
