"""Conditional: a sentence that says X needs Y nearby.

This one engine serves anonymous sourcing (needs a stated reason in the same or next
sentence), unsourced claims (need an attribution cue in the sentence or earlier in the
paragraph) and quotes without a speaker (a quotation needs a speech cue next to it).
"""

from functools import cached_property

from lint.context import Hit
from lint.errors import ConfigError
from lint.kinds.common import GENRES, PROSE_OPTIONS, WINDOWS, ProseFilter, compile_phrases, in_genre
from lint.schema import Option

# "previous-paragraph": the paragraph before, skipping captions and crossheads (no closing
# punctuation) and walking back through a run of quotation paragraphs to the one that
# introduces them (AP running quotes; a communique quoted paragraph by paragraph). "next-paragraph": the first sentence
# of the paragraph after (a lede whose attribution arrives in the next paragraph).
# The "-prose-" variants take only a reporter's own paragraph right next to the trigger
# (ends like a sentence, does not open with a quotation mark): a speaker's "said" in a
# quotation paragraph does not source an unrelated figure.
# "sourced-lede": the story's lede, when it gives figures and names their source (a wire
# report "... fell 1.0 pct in January, the Commerce Department said"): the later paragraphs'
# figures continue that report, and wire style does not attribute each of them again.
CONDITIONAL_WINDOWS = WINDOWS + (
    "previous-paragraph",
    "next-paragraph",
    "previous-prose-paragraph",
    "next-prose-paragraph",
    "sourced-lede",
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
    "support_unless": Option(
        "mapping", default={}, help="phrases whose cue gives no support: the 'wrote' of 'wrote a check'"
    ),
    "support_unless_beyond": Option(
        "mapping",
        default={},
        help="the same, outside the trigger's own sentence: a weasel's 'say' in the next sentence "
        "names nobody, while in the trigger's sentence the weasel is a finding of its own",
    ),
    "genres": GENRES,
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
        "support_unless": compile_phrases(
            options["support_unless"], lexicons, path, "options.support_unless", options["ignore_case"]
        ),
        "support_unless_beyond": compile_phrases(
            options["support_unless_beyond"], lexicons, path, "options.support_unless_beyond", options["ignore_case"]
        ),
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
    windows (and the prose paragraphs around) are answered by `_Support` per paragraph instead,
    so a long paragraph is read once however many triggers it holds."""
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


# How far around a cue a phrase that empties it ("Critics say", "wrote a $500,000 check")
# is looked for: such phrases are short, and a whole sentence need not be read for them.
_HOLLOW_REACH = 80


def _inside(hollow, text: str, m_start: int, m_end: int, start: int, end: int) -> bool:
    """Whether a `hollow` phrase covers the cue [m_start, m_end) of the sentence [start, end)."""
    low, high = max(start, m_start - _HOLLOW_REACH), min(end, m_end + _HOLLOW_REACH)
    return any(h_start <= m_start and m_end <= h_end for h_start, h_end in hollow.spans(text, low, high))


class _Support:
    """Which sentences carry the required phrase, which an `unless` phrase cancels and which
    paragraphs are prose, each read once per rule and document: the time stays linear in the
    article however many triggers one sentence holds."""

    def __init__(self, doc, prepared, ctx):
        self.doc, self.prepared, self.ctx = doc, prepared, ctx
        self.sentences: dict[int, bool] = {}
        self.blocks: dict[int, int | None] = {}
        self.reach: dict[int, bool] = {}  # paragraph -> whether it or the run it continues has support
        self.owned: dict[int, bool] = {}
        self.cancelled: dict[int, bool] = {}
        self.prose: dict[int, bool] = {}

    def sentence(self, index: int) -> bool:
        if index not in self.sentences:
            self.sentences[index] = self._read(index, beyond=True)
        return self.sentences[index]

    def own(self, index: int) -> bool:
        """Support in the trigger's own sentence, where `support_unless_beyond` does not apply:
        the weasel there ("according to local news reports") is a finding of its own already."""
        if self.prepared["support_unless_beyond"] is None:
            return False
        if index not in self.owned:
            self.owned[index] = self._read(index, beyond=False)
        return self.owned[index]

    def unless(self, index: int) -> bool:
        """Whether an `unless` phrase occurs in the sentence."""
        if index not in self.cancelled:
            start, end, _ = self.doc.sentences[index]
            self.cancelled[index] = self.prepared["unless"].search(self.doc.prose, start, end) is not None
        return self.cancelled[index]

    def is_prose(self, block: int) -> bool:
        if block not in self.prose:
            self.prose[block] = _is_prose(self.doc, block)
        return self.prose[block]

    def _read(self, index: int, beyond: bool) -> bool:
        start, end, _ = self.doc.sentences[index]
        if self.ctx.is_furniture(start):
            return False
        names = ("support_unless", "support_unless_beyond") if beyond else ("support_unless",)
        hollows = [self.prepared[name] for name in names if self.prepared[name] is not None]
        for m_start, m_end in self.prepared["require"].spans(self.doc.prose, start, end):
            if self.prepared["require_unquoted"] and self.ctx.quoted(m_start, m_end):
                continue
            if any(_inside(hollow, self.doc.prose, m_start, m_end, start, end) for hollow in hollows):
                continue
            return True
        return False

    def earliest(self, block: int) -> int | None:
        """The first supporting sentence of a paragraph, or None."""
        if block not in self.blocks:
            low, high = self.doc.block_sentences[block]
            self.blocks[block] = next((i for i in range(low, high) if self.sentence(i)), None)
        return self.blocks[block]

    def covers(self, first: int, last: int, windows: list[str]) -> bool:
        block = self.doc.sentences[first].block
        earliest = self.earliest(block)
        if earliest is not None and ("paragraph" in windows or ("paragraph-before" in windows and earliest <= first)):
            return True
        if "sentence" in windows and any(self.own(i) for i in range(first, last + 1)):
            return True
        if "previous-paragraph" in windows and self.introduced(block):
            return True
        if "sourced-lede" in windows and self.lede_sourced and block > self.lede:
            return True
        if "previous-prose-paragraph" in windows and self.is_prose(block - 1) and self.earliest(block - 1) is not None:
            return True
        if any(self.sentence(i) for i in _window(self.doc, first, last, windows)):
            return True
        return ("next-prose-paragraph" in windows and self.is_prose(block + 1)
                and self.sentence(self.doc.block_sentences[block + 1].first))

    def introduced(self, block: int) -> bool:
        """Whether the paragraph before `block` supports it, walking back through captions and
        quotation paragraphs; each paragraph's answer is kept, so a long run is read once."""
        doc, walked, reach = self.doc, [], False
        index = block - 1
        while index >= 0:
            if index in self.reach:
                reach = self.reach[index]
                break
            low, high = doc.block_sentences[index]
            text = doc.prose[doc.blocks[index].start : doc.blocks[index].end].strip()
            if not text or high <= low or not text.endswith(_PROSE_END):
                index -= 1  # a caption or crosshead: look past it
                continue
            walked.append(index)
            if self.earliest(index) is not None:
                reach = True
                break
            if text[0] not in _OPENING_MARKS:
                break  # a reporter's paragraph without the support: the walk ends here
            index -= 1
        for seen in walked:
            self.reach[seen] = reach
        return reach

    @cached_property
    def lede(self) -> int:
        """Block index of the story's lede: the first prose paragraph after the headline
        that is not a credit line (-1 when there is none)."""
        doc = self.doc
        for block in range(1, len(doc.blocks)):
            if doc.line_of(doc.blocks[block].start) in self.ctx.credit_lines or self.ctx.is_furniture(doc.blocks[block].start):
                continue
            if _is_prose(doc, block):
                return block
        return -1

    @cached_property
    def lede_sourced(self) -> bool:
        """Whether the lede gives figures (a digit) and names their source."""
        if self.lede < 0 or self.earliest(self.lede) is None:
            return False
        block = self.doc.blocks[self.lede]
        return any(char.isdigit() for char in self.doc.prose[block.start : block.end])


def check(doc, prepared, ctx):
    if not doc.sentences or not in_genre(ctx, prepared["genres"]):
        return
    support = _Support(doc, prepared, ctx)
    # One finding per sentence ("killed and wounded" is one claim), counting only the triggers
    # the engine's prose filter will keep: a quoted figure must not hide the reporter's own.
    flagged, keeps = set(), ProseFilter(prepared["scope"], prepared["skip_quoted"]).keeps
    for start, end, is_quote in _triggers(doc, prepared, ctx):
        hit = Hit(start, end, quotation=is_quote)
        if not keeps(ctx, hit):
            continue
        if prepared["exempt_credits"] and doc.line_of(start) in ctx.credit_lines:
            continue
        first = doc.sentence_index(start)
        last = doc.sentence_index(max(end - 1, start))
        if prepared["unless"] is not None and support.unless(first):
            continue
        if first in flagged:
            continue
        if not support.covers(first, last, prepared["window"]):
            flagged.add(first)
            yield hit
