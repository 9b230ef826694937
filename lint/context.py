"""What a rule kind sees besides its own options: the document, house options and shared analyses."""

import bisect
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from lint.newsroom.credit import find_credits, trailer_lines
from lint.newsroom.document import Document
from lint.newsroom.furniture import find_furniture
from lint.newsroom.genre import genre_of
from lint.newsroom.quotes import scan_quotes


@dataclass(frozen=True, slots=True)
class Hit:
    """A match reported by a kind, in offsets of the document text (end exclusive).
    `quotation`: the hit is a quotation itself, so skip_quoted does not drop it."""

    start: int
    end: int
    args: dict = field(default_factory=dict)
    fix: tuple = ()
    quotation: bool = False


class _CreditLines(Sequence):
    """The prose lines with furniture lines blanked, made on access (no copy of the article)."""

    def __init__(self, doc: Document, hidden: set[int], reader):
        self._doc, self._lines, self._hidden, self._reader = doc, doc.prose_lines, hidden, reader

    def trailer_lines(self, first: int) -> list[int]:
        """Indexes from `first` on of the lines that may hold a credit trailer (a superset)."""
        return trailer_lines(self._doc.prose, self._doc.line_starts, first, self._reader)

    def plain(self, index: int) -> str:
        """The line as written, furniture or not."""
        return self._lines[index]

    @property
    def plain_lines(self):
        """Every line as written, furniture or not (a sequence, made on access)."""
        return self._lines

    def credit_text(self, index: int, top: bool = False) -> str:
        """The line as credits are read from it: a furniture line that is a credit by its form
        ("Reuter", "(Reporting by ...)"; at the `top`, "By" / "Jane Doe" too) is still the
        story's credit, and is kept; any other furniture line is blank."""
        line = self._lines[index]
        if index + 1 not in self._hidden or self._reader.is_credit_text(line, top):
            return line
        return ""

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return "" if index + 1 in self._hidden else self._lines[index]

    def __iter__(self):
        hidden = self._hidden
        for number, line in enumerate(self._lines, 1):
            yield "" if number in hidden else line


class Context:
    """Per-document state shared by every rule, computed once on first use."""

    def __init__(self, doc: Document, house: dict, lexicons, credit_reader, *, furniture: tuple = ()):
        self.doc = doc
        self.house = house
        self.lexicons = lexicons
        self.credit_reader = credit_reader  # lint.newsroom.credit.CreditReader
        self.furniture = furniture  # the prepared options of the furniture rules that run
        self._furniture_blocks: dict[int, list] = {}

    def furniture_blocks(self, prepared: dict) -> list:
        """The page-furniture blocks one furniture rule's options find, computed once."""
        key = id(prepared)
        if key not in self._furniture_blocks:
            self._furniture_blocks[key] = find_furniture(self.doc.prose.split("\n"), prepared["phrases"],
                                                         prepared["thresholds"], self.credit_reader)
        return self._furniture_blocks[key]

    @cached_property
    def furniture_lines(self) -> set[int]:
        """1-based lines of page furniture by every furniture rule that runs: prose rules skip
        them, quotes and credits are read without them."""
        return {line for prepared in self.furniture for block in self.furniture_blocks(prepared)
                for line in range(block.first + 1, block.last + 2)}

    def is_furniture(self, offset: int) -> bool:
        return self.doc.line_of(offset) in self.furniture_lines

    @cached_property
    def quotes(self):
        """(spans, problems) of quotation marks over the prose paragraphs."""
        starts, ends, first_lines = self.doc.block_columns[:3]
        hidden = self.furniture_lines
        paragraphs = [(start, end) for start, end, line in zip(starts, ends, first_lines) if line not in hidden]
        return scan_quotes(self.doc.prose, paragraphs, self.house["quote_style"])

    @cached_property
    def _outer_quotes(self) -> tuple[list, array]:
        """Quotations not inside another one, with their starts: a quotation that contains a
        span is always inside one of these, so a lookup is one bisection, however deep the
        nesting (an unclosed mark can leave hundreds of levels open)."""
        outer = []
        for span in sorted(self.quotes[0], key=lambda span: (span.start, -span.end)):
            if not outer or span.end > outer[-1].end:
                outer.append(span)
        return outer, array("q", (span.start for span in outer))

    def quoted(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a direct quotation (the speaker's own words)."""
        outer, starts = self._outer_quotes
        index = bisect.bisect_right(starts, start) - 1
        return index >= 0 and outer[index].start <= start and end <= outer[index].end

    @cached_property
    def genre(self) -> str:
        """news, opinion, analysis, letters or column (front matter, kicker line, house)."""
        return genre_of(self.doc, self.house.get("genre", "news"))

    @cached_property
    def credits(self):
        lines = _CreditLines(self.doc, self.furniture_lines, self.credit_reader)
        return find_credits(lines, self.doc.front_matter, self.house["credit_fields"], self.credit_reader)

    @cached_property
    def credit_lines(self) -> set[int]:
        """1-based lines that carry a credit (bylines, datelines, trailers)."""
        return {credit.line + 1 for credit in self.credits if credit.form != "front-matter"}
