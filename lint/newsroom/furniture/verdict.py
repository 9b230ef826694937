"""The verdict on every line: furniture or story, and whether removing it is safe.

The line model decides which lines are furniture; lines that are never furniture (credits,
wire separators, a graphic's source line, the headline) are left to the other checks.  A
block is safe to remove (`fixable`) only when the model is sure of every line of it and each
has strong evidence besides: a teaser-list header with its list, a share, follow or sign-up
prompt, a site notice, a caption label, a social handle, or a place outside the story (above
the headline, below the last paragraph).  Everything else is a finding for the editor.
"""

from collections import namedtuple

import regex

from .model import LineContext, load_weights, scores

# reasons given by the layout steps for lines with lexical evidence, not a guess from the layout
# (a header list counts when its header is nothing but the phrase: Page.sure)
_STRONG = ("share/follow/subscribe prompt", "site notice", "caption or share label", "social handle",
           "repeated link text")
_PHRASE_ROLES = ("prompts", "notices", "labels")
_PLACE_REASONS = {"nav": "navigation before the headline", "head": "navigation before the headline",
                  "dek": "page chrome between headline and body", "in": "out-of-place line in the story",
                  "tail": "page furniture after the article", "none": "page furniture"}
# a wire story's separator between items ("___", "* * *", "---")
_SEPARATOR = regex.compile(r"^(?:[_=~*#-]\s*){3,}$")
# a graphic's or table's source line: attribution, not furniture
_SOURCE_LINE = regex.compile(r"^(?:sources?|quelle|fuente|data)\s*:\s*\S.{0,150}$", regex.IGNORECASE)


# (collections.namedtuple, not typing.NamedTuple: typing costs a command 1.5 ms at start-up)
class Block(namedtuple("Block", "first last reason fixable")):
    """Lines first..last (0-based, inclusive) of furniture, why, and whether --fix may remove them."""

    __slots__ = ()


def never_furniture(page, i: int) -> bool:
    """Credits, separators, source lines and the headline belong to the story."""
    item = page.info[i]
    return (i == page.headline or item.credit or i in page.top_credits
            or bool(_SEPARATOR.match(item.text) or _SOURCE_LINE.match(item.text)))


def line_scores(page) -> tuple[LineContext, dict[int, float]]:
    """The model's furniture probability of every non-blank line but those never furniture."""
    context = LineContext(page, page.start, page.end, page.headline)
    found = scores(page, context, load_weights())
    return context, {i: score for i, score in found.items() if not never_furniture(page, i)}


def judge(page) -> list[Block]:
    """Blocks of furniture lines with their reasons and whether they are safe to remove.

    Lexical evidence (a teaser list under a header that is only a header, a prompt or notice
    line) is flagged whatever the model says; a line the layout steps or nothing marked is
    flagged when the model's score reaches `flag_score`.  Safe to remove: a teaser list under
    the story's last paragraph; a list under a header that is all phrase, and a phrase line,
    when the model's score reaches `fix_score`."""
    context, scores = line_scores(page)
    flag, sure = page.opts["flag_score"] / 100, page.opts["fix_score"] / 100
    lists = _list_scores(page, scores)
    verdicts: dict[int, tuple[str, bool]] = {}
    for i, score in scores.items():
        reason, place = page.reasons[i], context.place(i)[0]
        header = page.sure.get(i) if reason else None
        phrase = bool(reason) and (reason.startswith(_STRONG) or page.kinds[i] in _PHRASE_ROLES
                                   or page.kinds[i] == "sections" and place in ("nav", "tail"))
        if header is None and not phrase and (score < flag or _story_paragraph(page, i, place)):
            continue
        fixable = (header is not None and (place == "tail" or page.whole[header] and lists[header] >= sure)
                   or header is None and phrase and (_unmistakable(page, i) or place != "in" and score >= sure))
        verdicts[i] = (reason or _PLACE_REASONS[place], fixable)
    for i in [i for i, (_, fixable) in verdicts.items() if not fixable and _subhead(page, context, i, verdicts)]:
        del verdicts[i]
    return _blocks([item.blank for item in page.info], verdicts)


def _subhead(page, context, i: int, verdicts: dict) -> bool:
    """A story's subhead: a short unmarked line, not a list item, over a sentence that stays."""
    item, after, reason = page.info[i], context.after[i], page.reasons[i]
    return (not item.bullet and not (reason and reason.startswith(_STRONG)) and not page.kinds[i] and i not in page.sure and 1 <= item.words <= page.opts["max_phrase_words"]
            and not item.text.endswith((".", ":")) and after is not None and after not in verdicts
            and page.info[after].sentence and page.info[after].words >= 4)


def _list_scores(page, scores: dict[int, float]) -> dict[int, float]:
    """The mean score of each sure list (keyed by its header): a list is removed whole or kept."""
    sums: dict[int, list[float]] = {}
    for i, header in page.sure.items():
        if i in scores:
            sums.setdefault(header, []).append(scores[i])
    return {header: sum(values) / len(values) for header, values in sums.items()}


def _unmistakable(page, i: int) -> bool:
    """A phrase line that cannot be story copy, removed wherever it is: nothing but its phrase
    ("Advertisement"), a share/follow/sign-up prompt, or a social handle.  Other phrase lines
    are removed only outside the story, when the model is sure of them too."""
    return page.whole[i] or page.kinds[i] == "prompts" or page.reasons[i] == "social handle"


def _story_paragraph(page, i: int, place: str) -> bool:
    """A line the layout steps kept as the story's: any line inside the body span, a prose
    paragraph anywhere.  The model alone never flags one (its neighbours' scores can carry a
    paragraph over the bar when the story is broken up by furniture, and a story's lists and
    subheads look like menus)."""
    return not page.reasons[i] and (place == "in" or page.info[i].prose)


def settled(lines: list[str], blocks: list[Block], rejudge, rounds: int = 3) -> list[Block]:
    """The blocks with what a second --fix would remove made fixable now, so that fixing twice
    changes nothing after fixing once.  Removing a block changes its neighbours' scores (a
    copyright line under a share prompt scores higher once the prompt is gone); `rejudge`
    judges the lines left after the fixable ones are removed, for up to `rounds` rounds."""
    verdicts = {i: (block.reason, block.fixable) for block in blocks for i in range(block.first, block.last + 1)
                if lines[i].strip()}
    fixed = {i for i, (_, fixable) in verdicts.items() if fixable}
    for _ in range(rounds):
        if not fixed:
            break
        kept = [i for i in range(len(lines)) if i not in fixed]
        more = {kept[i]: block.reason for block in rejudge([lines[k] for k in kept]) if block.fixable
                for i in range(block.first, block.last + 1) if lines[kept[i]].strip()}
        if not more:
            break
        verdicts.update((i, (reason, True)) for i, reason in more.items())
        fixed.update(more)
    return _blocks([not line.strip() for line in lines], verdicts)


def _blocks(blank: list[bool], verdicts: dict[int, tuple[str, bool]]) -> list[Block]:
    """Runs of lines with the same verdict (blank lines between them included) as blocks."""
    blocks: list[list] = []
    for i in sorted(verdicts):
        reason, fixable = verdicts[i]
        if (blocks and blocks[-1][2:] == [reason, fixable]
                and all(blank[k] for k in range(blocks[-1][1] + 1, i))):
            blocks[-1][1] = i
        else:
            blocks.append([i, i, reason, fixable])
    return [Block(*block) for block in blocks]
