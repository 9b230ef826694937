"""The one-pass scans of Document, sentences and quotes give what the straightforward
per-line and per-block versions they replaced gave (kept here as references), and the cheap
literal tests in front of regexes never skip a line the regex would have matched."""

import re
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.newsroom import sentences
from lint.newsroom.document import Document, _blanked
from lint.newsroom.quotes import _MARKS, _Scanner, scan_quotes

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    "Word", "word", "The", "said", "U.S.", "Gen.", "Jan.", "Dr.", "A.", "No.", "5", "$3", "1.",
    ". ", "? ", "! ", "… ", "...", ".", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\x1c", "\u2028", "\xa0",
    "“", "”", '"', "'", "‘", "’", "(", ")", "[", "]", "«", "»", "„", ", ",
    "# ", "## ", "#", "> ", "```", "~~~", "````", "`code`", "`", "![alt](img.png)", "[link](http://x.y)",
    "](", "]:", "<b>", "</b>", "<!-- c -->", "<!--", "https://example.com/a", "---\n", "\n---\n",
    "AP", "Reuters", "Thomson Reuters", "seen by Reuters", "told AFP", "(AP) -", "By ", "Editing by",
]
texts = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)

# ---------------------------------------------------------------- references


def _ref_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one block with a timed search per candidate (the replaced implementation)."""
    first = regex.compile(r"\S").search(text, start, end)
    if first is None:
        return []
    begin = first.start()
    quotation = sentences._Quotation()
    pos = begin
    while (match := sentences._SCAN.search(text, pos, end)) is not None:
        pos = match.end()
        if match["quote"]:
            quotation.mark(text, match.start())
            continue
        if not sentences._CLOSING_QUOTES.isdisjoint(match["close"]):
            quotation.close()
        if sentences._is_boundary(text, match, quotation.last_start(begin)):
            quotation.add((match.end("close"), match.end()))
    spans = []
    for sentence_end, next_start in quotation.finish():
        spans.append((begin, sentence_end))
        begin = next_start
    last = regex.compile(r"(?r)\S").search(text, begin, end)
    if last is not None:
        spans.append((begin, last.end()))
    return spans


# The per-line code these stand for used the standard library's `re` (whose \s, unlike
# `regex`'s, takes the information separators \x1c-\x1f as white space).
_REF_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_REF_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:\s|$)")


def _ref_fenced_spans(doc: Document) -> list[tuple[int, int]]:
    spans, fence = [], None
    for number, line in enumerate(doc.lines):
        start = doc.line_starts[number]
        if start < doc.body_start:
            continue
        opener = _REF_FENCE.match(line)
        if fence or opener:
            spans.append((start, start + len(line)))
            if opener and not fence:
                fence = opener.group(1)
            elif opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
    return spans


def _ref_blocks(doc: Document) -> list[tuple]:
    blocks, current = [], None
    for number, line in enumerate(doc.prose_lines, start=1):
        start, end = doc.line_span(number)
        heading = doc.markdown and _REF_HEADING.match(doc.lines[number - 1])
        if not line.strip() or heading:
            if current:
                blocks.append((*current, "paragraph"))
                current = None
            if line.strip():
                blocks.append((start, end, number, number, "heading"))
            continue
        if current is None:
            current = [start, end, number, number]
        else:
            current[1], current[3] = end, number
    if current:
        blocks.append((*current, "paragraph"))
    return blocks


# ---------------------------------------------------------------- Document and sentences


@SETTINGS
@given(texts, st.booleans())
def test_blocks_and_sentences_match_the_per_line_and_per_block_versions(text, markdown):
    doc = Document("a.md" if markdown else "a.txt", text)
    blocks = [(b.start, b.end, b.first_line, b.last_line, b.kind) for b in doc.blocks]
    assert blocks == _ref_blocks(doc)
    expected = [(s, e, index) for index, b in enumerate(doc.blocks) for s, e in _ref_sentence_spans(doc.prose, b.start, b.end)]
    assert list(doc.sentences) == expected
    for index, (first, last) in enumerate(doc.block_sentences):
        owned = [i for i, (_, _, block) in enumerate(expected) if block == index]
        assert (first, last) == ((owned[0], owned[-1] + 1) if owned else (0, 0))


@SETTINGS
@given(texts)
def test_markdown_fences_match_the_per_line_version(text):
    doc = Document("a.md", text)
    new = _blanked(doc.text, doc._fenced_spans())
    assert new == _blanked(doc.text, _ref_fenced_spans(doc))


@SETTINGS
@given(texts)
def test_one_block_is_sentence_spans(text):
    assert sentences.sentence_spans(text) == _ref_sentence_spans(text, 0, len(text))


def test_a_candidate_whose_next_word_is_in_the_next_block_still_closes_its_quotation():
    text = "He said “No.”\n\nThen he left. “Yes. Then” he said."
    doc = Document("a.txt", text)
    assert list(doc.sentences) == [
        (s, e, i) for i, b in enumerate(doc.blocks) for s, e in _ref_sentence_spans(text, b.start, b.end)
    ]


_REAL_SCAN = sentences._SCAN


class _FakeScan:
    """Yields the real matches, but the first finditer runs out of time after `cut` of them."""

    def __init__(self, cut: int):
        self.cut, self.calls = cut, 0

    def finditer(self, text, pos, end, timeout):
        self.calls += 1
        for count, match in enumerate(_REAL_SCAN.finditer(text, pos, end)):
            if self.calls == 1 and count == self.cut:
                raise TimeoutError("regex timed out")
            yield match


def test_a_scan_cut_off_after_a_match_resumes_and_one_without_progress_raises(monkeypatch):
    text = "One. Two. Three. Four."
    expected = sentences.sentence_spans(text)
    monkeypatch.setattr(sentences, "_SCAN", _FakeScan(cut=2))
    assert sentences.sentence_spans(text) == expected
    monkeypatch.setattr(sentences, "_SCAN", _FakeScan(cut=0))
    with pytest.raises(TimeoutError):
        sentences.sentence_spans(text)


def test_regex_whitespace_is_what_regex_matches_with_backslash_s():
    spaces = "".join(chr(c) for c in range(0x110000) if regex.match(r"\s", chr(c)))
    assert spaces == sentences.REGEX_WHITESPACE


# ---------------------------------------------------------------- quotes


def _ref_scan_quotes(text, paragraphs):
    scanner = _Scanner(text)
    for index, (start, end) in enumerate(paragraphs):
        marks = [m.start() for m in _MARKS.finditer(text, start, end)]
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        scanner.paragraph(start, end, marks, following)
    return scanner.finish()


@SETTINGS
@given(texts, st.integers(0, 3))
def test_one_scan_for_quotation_marks_matches_one_per_paragraph(text, skip_every):
    doc = Document("a.txt", text)
    paragraphs = [(b.start, b.end) for i, b in enumerate(doc.blocks) if not skip_every or i % (skip_every + 1)]
    assert scan_quotes(doc.prose, paragraphs) == _ref_scan_quotes(doc.prose, paragraphs)
