"""Conditional: a sentence that says X needs Y nearby.

This one engine serves anonymous sourcing (needs a stated reason in the same or next
sentence), unsourced claims (need an attribution cue in the sentence or earlier in the
paragraph) and quotes without a speaker (a quotation needs a speech cue next to it).
"""

from lint.context import Hit
from lint.errors import ConfigError
from lint.kinds.common import PROSE_OPTIONS, WINDOWS, compile_phrases
from lint.schema import Option

# "previous-paragraph": the paragraph before (a quotation paragraph or a figure that
# continues the previous paragraph's attributed one). "next-paragraph": the first sentence
# of the paragraph after (a lede whose attribution arrives in the next paragraph).
# The "-prose-" variants take only a reporter's own paragraph right next to the trigger
# (ends like a sentence, does not open with a quotation mark): a speaker's "said" in a
# quotation paragraph does not source an unrelated figure.
CONDITIONAL_WINDOWS = WINDOWS + (
    "previous-paragraph",
    "next-paragraph",
    "previous-prose-paragraph",
    "next-prose-paragraph",
)

OPTIONS = {
    "trigger": Option("mapping", default={}, help="phrases that need support"),
    "trigger_quotes": Option("int", default=0, help="quotations of at least this many words are triggers"),
    "quote_unless": Option(
        "mapping",
        default={},
        help="phrases matched on a quotation (marks included; \\G anchors at its opening mark, "
        "look-behind sees the text before it) that make it no trigger: titles, code strings",
    ),
    "require": Option("mapping", required=True, help="phrases that give the support"),
    "window": Option("list", default=["sentence"], choices=CONDITIONAL_WINDOWS),
    "unless": Option("mapping", default={}, help="phrases in the trigger's sentence that make it no trigger"),
    **PROSE_OPTIONS,
    "require_unquoted": Option("bool", default=False, help="support inside a quotation does not count"),
    "exempt_credits": Option("bool", default=True, help="bylines, agency lines and trailers are not prose"),
    "ignore_case": Option("bool", default=True),
}
ARGS = ()
PROSE = True


def prepare(options: dict, lexicons, path: str):
    trigger = compile_phrases(options["trigger"], lexicons, path, "options.trigger", options["ignore_case"])
    if trigger is None and not options["trigger_quotes"]:
        raise ConfigError(path, None, "'options' needs 'trigger' phrases or 'trigger_quotes'")
    return {
        **options,
        "trigger": trigger,
        "require": compile_phrases(options["require"], lexicons, path, "options.require", options["ignore_case"]),
        "unless": compile_phrases(options["unless"], lexicons, path, "options.unless", options["ignore_case"]),
        "quote_unless": compile_phrases(options["quote_unless"], lexicons, path, "options.quote_unless", options["ignore_case"]),
    }


def _triggers(doc, prepared, ctx):
    if prepared["trigger"] is not None:
        for start, end in prepared["trigger"].spans(doc.prose):
            if end > start:
                yield start, end, False
    if prepared["trigger_quotes"]:
        for span in ctx.quotes[0]:
            words = len(doc.prose[span.start : span.end].split())
            if span.depth != 1 or words < prepared["trigger_quotes"]:
                continue
            if prepared["quote_unless"] is not None and prepared["quote_unless"].search(doc.prose, span.start, span.end):
                continue
            yield span.start, span.end, True


def _window(doc, first: int, last: int, windows: list[str]) -> list[int]:
    """Single sentences around the trigger's sentences [first, last]; the paragraph-wide
    windows are answered by `_Support` per paragraph instead, so a long paragraph is read
    once however many triggers it holds."""
    low, high = doc.block_sentences[doc.sentences[first].block]
    chosen = set()
    for name in windows:
        if name == "sentence":
            chosen.update(range(first, last + 1))
        elif name == "previous-sentence":
            chosen.add(first - 1)
        elif name == "next-sentence":
            chosen.add(last + 1)
    inside = sorted(i for i in chosen if low <= i < high)
    if "next-paragraph" in windows and high < len(doc.sentences):
        inside.append(high)
    return inside


_OPENING_MARKS = "\"“‘'«„"
_PROSE_END = tuple(".!?…:\"”’'»)")


def _is_prose(doc, block: int) -> bool:
    """A reporter's own paragraph: it has sentences, ends like one, opens with no quote mark."""
    if not 0 <= block < len(doc.blocks):
        return False
    low, high = doc.block_sentences[block]
    text = doc.prose[doc.blocks[block].start : doc.blocks[block].end].strip()
    return high > low and bool(text) and text.endswith(_PROSE_END) and text[0] not in _OPENING_MARKS


def _previous_paragraphs(doc, block: int, limit: int = 3) -> list[int]:
    """The paragraphs before, skipping captions and crossheads (no closing punctuation) and
    walking back through a run of quotation paragraphs to the one that introduces them (AP
    running quotes); at most `limit` paragraphs back."""
    chosen: list[int] = []
    index = block - 1
    while index >= 0 and block - index <= limit:
        low, high = doc.block_sentences[index]
        text = doc.prose[doc.blocks[index].start : doc.blocks[index].end].strip()
        index -= 1
        if not text or high <= low or not text.endswith(_PROSE_END):
            continue
        chosen.append(index + 1)
        if text[0] not in _OPENING_MARKS:
            break
    return chosen


class _Support:
    """Which sentences and paragraphs carry the required phrase, and which sentences an
    `unless` phrase cancels: each sentence and paragraph is read once per rule and document,
    so the time is linear in the article however many triggers one sentence holds."""

    def __init__(self, doc, prepared, ctx):
        self.doc, self.prepared, self.ctx = doc, prepared, ctx
        self.sentences: dict[int, bool] = {}
        self.blocks: dict[int, int | None] = {}
        self.before: dict[int, bool] = {}
        self.prose: dict[int, bool] = {}
        self.cancelled: dict[int, bool] = {}

    def sentence(self, index: int) -> bool:
        if index not in self.sentences:
            self.sentences[index] = self._read(index)
        return self.sentences[index]

    def _read(self, index: int) -> bool:
        start, end, _ = self.doc.sentences[index]
        if self.ctx.is_furniture(start):
            return False
        for m_start, m_end in self.prepared["require"].spans(self.doc.prose, start, end):
            if not (self.prepared["require_unquoted"] and self.ctx.quoted(m_start, m_end)):
                return True
        return False

    def unless(self, index: int) -> bool:
        """Whether an `unless` phrase occurs in the sentence."""
        if index not in self.cancelled:
            start, end, _ = self.doc.sentences[index]
            self.cancelled[index] = self.prepared["unless"].search(self.doc.prose, start, end) is not None
        return self.cancelled[index]

    def earliest(self, block: int) -> int | None:
        """The first supporting sentence of a paragraph, or None."""
        if block not in self.blocks:
            low, high = self.doc.block_sentences[block]
            self.blocks[block] = next((i for i in range(low, high) if self.sentence(i)), None)
        return self.blocks[block]

    def is_prose(self, block: int) -> bool:
        if block not in self.prose:
            self.prose[block] = _is_prose(self.doc, block)
        return self.prose[block]

    def previous(self, block: int) -> bool:
        """Whether the paragraphs `_previous_paragraphs` takes carry support."""
        if block not in self.before:
            self.before[block] = any(self.earliest(b) is not None for b in _previous_paragraphs(self.doc, block))
        return self.before[block]

    def covers(self, first: int, last: int, windows: list[str]) -> bool:
        block = self.doc.sentences[first].block
        earliest = self.earliest(block)
        if earliest is not None and ("paragraph" in windows or ("paragraph-before" in windows and earliest <= first)):
            return True
        if "previous-paragraph" in windows and self.previous(block):
            return True
        if "previous-prose-paragraph" in windows and self.is_prose(block - 1) and self.earliest(block - 1) is not None:
            return True
        if any(self.sentence(i) for i in _window(self.doc, first, last, windows)):
            return True
        return ("next-prose-paragraph" in windows and self.is_prose(block + 1)
                and self.sentence(self.doc.block_sentences[block + 1].first))


def check(doc, prepared, ctx):
    if not doc.sentences:
        return
    support = _Support(doc, prepared, ctx)
    for start, end, is_quote in _triggers(doc, prepared, ctx):
        if prepared["exempt_credits"] and doc.line_of(start) in ctx.credit_lines:
            continue
        first = doc.sentence_index(start)
        last = doc.sentence_index(max(end - 1, start))
        if prepared["unless"] is not None and support.unless(first):
            continue
        if not support.covers(first, last, prepared["window"]):
            yield Hit(start, end, quotation=is_quote)
