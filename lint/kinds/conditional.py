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
    "window": Option("list", default=["sentence"], choices=CONDITIONAL_WINDOWS, help="where a `require` phrase counts, around the trigger's sentence"),
    "unless": Option("mapping", default={}, help="phrases in the trigger's sentence that make it no trigger"),
    **PROSE_OPTIONS,
    "require_unquoted": Option("bool", default=False, help="support inside a quotation does not count"),
    "exempt_credits": Option("bool", default=True, help="bylines, agency lines and trailers are not prose"),
    "ignore_case": Option("bool", default=True, help="match phrases whatever their case"),
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
    windows are answered by `_Support.earliest` instead, so a long paragraph is read once."""
    low, high = doc.block_sentences[doc.sentences[first][2]]
    chosen = set()
    for name in windows:
        if name == "sentence":
            chosen.update(range(first, last + 1))
        elif name == "previous-sentence":
            chosen.add(first - 1)
        elif name == "next-sentence":
            chosen.add(last + 1)
    inside = sorted(i for i in chosen if low <= i < high)
    if "previous-paragraph" in windows:
        inside = _previous_paragraph(doc, doc.sentences[first][2]) + inside
    if "next-paragraph" in windows and high < len(doc.sentences):
        inside.append(high)
    block = doc.sentences[first][2]
    if "previous-prose-paragraph" in windows and _is_prose(doc, block - 1):
        low_before, high_before = doc.block_sentences[block - 1]
        inside = list(range(low_before, high_before)) + inside
    if "next-prose-paragraph" in windows and _is_prose(doc, block + 1):
        inside.append(doc.block_sentences[block + 1][0])
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


def _previous_paragraph(doc, block: int, limit: int = 3) -> list[int]:
    """Sentences of the paragraph before, skipping captions and crossheads (no closing
    punctuation) and walking back through a run of quotation paragraphs to the one that
    introduces them (AP running quotes); at most `limit` paragraphs back."""
    chosen: list[int] = []
    index = block - 1
    while index >= 0 and block - index <= limit:
        low, high = doc.block_sentences[index]
        text = doc.prose[doc.blocks[index].start : doc.blocks[index].end].strip()
        index -= 1
        if not text or high <= low or not text.endswith(_PROSE_END):
            continue
        chosen = list(range(low, high)) + chosen
        if text[0] not in _OPENING_MARKS:
            break
    return chosen


class _Support:
    """Which sentences carry the required phrase, each read once per rule and document."""

    def __init__(self, doc, prepared, ctx):
        self.doc, self.prepared, self.ctx = doc, prepared, ctx
        self.sentences: dict[int, bool] = {}
        self.blocks: dict[int, int | None] = {}

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

    def earliest(self, block: int) -> int | None:
        """The first supporting sentence of a paragraph, or None."""
        if block not in self.blocks:
            low, high = self.doc.block_sentences[block]
            self.blocks[block] = next((i for i in range(low, high) if self.sentence(i)), None)
        return self.blocks[block]

    def covers(self, first: int, last: int, windows: list[str]) -> bool:
        earliest = self.earliest(self.doc.sentences[first][2])
        if earliest is not None and ("paragraph" in windows or ("paragraph-before" in windows and earliest <= first)):
            return True
        return any(self.sentence(i) for i in _window(self.doc, first, last, windows))


def check(doc, prepared, ctx):
    if not doc.sentences:
        return
    support = _Support(doc, prepared, ctx)
    for start, end, is_quote in _triggers(doc, prepared, ctx):
        if prepared["exempt_credits"] and doc.line_of(start) in ctx.credit_lines:
            continue
        first = doc.sentence_index(start)
        last = doc.sentence_index(max(end - 1, start))
        s_start, s_end, _ = doc.sentences[first]
        if prepared["unless"] is not None and prepared["unless"].search(doc.prose, s_start, s_end):
            continue
        if not support.covers(first, last, prepared["window"]):
            yield Hit(start, end, quotation=is_quote)
