"""Stray page furniture: navigation, share prompts and teaser lists left in scraped copy.

Pure functions over a list of lines, in steps over one `Page`: lines.py describes each
line, phrases.py finds the phrase roles, lists.py the teaser lists, layout.py the body span and
headline, marks.py the reason of every other line; credits.py keeps credits out of it.  Phrases alone are weak evidence ("Read more about the
plan ..., he said." is prose), so the detector first finds the article body (the densest run
of long sentence-like lines) and then judges each line by where it sits and what it looks
like: lines before the headline and after the body are page chrome, while inside the body
only lines with a furniture phrase, a teaser-list header, or a tell-tale shape are flagged.
Phrases come keyed by ROLE (headers, prompts, notices, labels, sections); which lexicons fill
which role is the rule file's business (lint/kinds/furniture.py).
Every step is a single pass, so the whole run is linear in the number of lines.

Flagged lines are deleted by --fix, so precision comes first: when a line may be story copy it
is kept.  A paragraph after a teaser box is the story going on unless the list claims it; the
headline is never below a body paragraph; a body-like paragraph with more body after it is
never navigation; doubled link text is short and never a sentence; and with no headline found
the file's first line is its headline, so a second --fix finds nothing new to remove.
"""

from dataclasses import dataclass, field

from .credits import credit_test, top_credits
from .layout import body_span, find_headline, first_title, teaser_title
from .lines import describe_lines
from .lists import mark_header_lists, teaser_summaries
from .marks import mark_after, mark_before, mark_inside, mark_phrases
from .verdict import Block, judge, settled
from .phrases import ROLE_REASONS, ROLES, compile_lexicon, compile_phrases, frozen_phrases, phrase_kinds

__all__ = ["DEFAULTS", "ROLES", "ROLE_REASONS", "Block", "analyse", "compile_lexicon", "find_furniture"]

DEFAULTS = {
    "min_body_words": 10,       # a prose line has at least this many words ...
    "max_title_words": 25,      # ... and a title-like line at most this many
    "min_title_words": 4,       # a headline has at least this many words
    "max_phrase_words": 8,      # furniture phrases only count on short lines
    "headline_window": 60,      # non-blank lines above the body searched for the headline
    "lede_lines": 5,            # body paragraphs whose words identify the headline
    "gap_penalty": 4,           # body-span score of one short non-prose line
    "furniture_penalty": 25,    # body-span score of a line with a furniture phrase
    "chrome_run": 2,            # prompt/notice lines in a row that count fully against the body span
    "resume_paragraphs": 2,     # paragraphs in a row after numbered title + paragraph items: a listicle
    "resume_after_box": 1,      # prose paragraphs under a teaser box right after the body: the story goes on
    "resume_gap": 6,            # ... and short unmarked lines in a row between its paragraphs after the box
    "min_teasers": 3,           # isolated summaries in a row that make a teaser list
    "min_dek_words": 8,         # a sentence this long under the headline is a standfirst
    "trailer_window": 4,        # credit lines this close after the body are kept
    "dek_shared_words": 4,      # ... or one without a final stop sharing this many words with the lede
    "dek_window": 2,            # lines above the best headline candidate searched for a headline over its dek
    "flag_score": 80,           # the line model's furniture probability (percent) that flags a line ...
    "fix_score": 50,            # ... and that lets --fix remove it, with strong evidence besides
}


@dataclass(slots=True)
class Page:
    """What the detector's steps share about one page: every line's description (`info`), the
    phrase role opening it (`kinds`) and whether the phrase fills it (`whole`), the thresholds
    (`opts`), the reason each line is furniture so far (`reasons`, None for story lines), the
    lines of teaser lists (`teasers`) and of header lists with no doubt about their header
    (`sure`), then the body span and the headline."""

    info: list
    kinds: list
    whole: list
    opts: dict
    reasons: list
    teasers: set = field(default_factory=set)
    sure: dict = field(default_factory=dict)   # line of a list -> its header, one that is only a header
    start: int | None = None        # first and last line of the body span (None: no body found)
    end: int | None = None
    headline: int | None = None
    top_credits: set = field(default_factory=set)     # credit lines under the headline, by layout


def find_furniture(lines: list[str], phrases: dict[str, list[str]], options: dict | None = None,
                   reader=None) -> list[Block]:
    """Blocks of furniture lines, sorted and non-overlapping, each saying whether it is safe to
    remove.

    `phrases` maps a role of ROLES to its regexes (missing roles are empty); `options`
    overrides keys of DEFAULTS; `reader` is the credit recogniser (lint.newsroom.credit's
    CreditReader) whose credit lines are never furniture.
    """
    blocks = judge(analyse(lines, phrases, options, reader))
    if not any(block.fixable for block in blocks):
        return blocks
    return settled(lines, blocks, lambda kept: judge(analyse(kept, phrases, options, reader)))


def analyse(lines: list[str], phrases: dict[str, list[str]], options: dict | None = None, reader=None) -> Page:
    """The page with what the layout steps found: the body span, the headline and a reason for
    every line they take for furniture."""
    unknown = sorted(set(phrases) - set(ROLES)) + sorted(set(options or {}) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown furniture role or threshold: {', '.join(unknown)}")
    opts = {**DEFAULTS, **(options or {})}
    info = describe_lines(lines, opts, credit_test(reader))
    kinds, whole = phrase_kinds(info, compile_phrases(frozen_phrases(phrases)), opts)
    page = Page(info, kinds, whole, opts, [None] * len(lines))
    lists = mark_header_lists(page)
    page.teasers = teaser_summaries(page)
    start, end = body_span(page)
    if start is None:
        mark_phrases(page, range(len(lines)))
        return page
    headline, start = _headline_and_start(page, start)
    if headline is not None:
        for header, last in lists:
            if header < headline <= last:    # the list ran on into the story's own headline
                for i in range(headline, last + 1):
                    page.reasons[i] = None
    mark_before(page, headline, start)
    mark_after(page, end)
    mark_inside(page, start, end)
    page.start, page.end, page.headline = start, end, headline
    page.top_credits = top_credits(reader, lines, headline, start)
    return page


def _headline_and_start(page: Page, start: int) -> tuple[int | None, int]:
    """The headline, and the first line of the story under it."""
    headline = find_headline(page, start)
    first = first_title(page, start)
    if first is not None and (headline is None or first[1] < headline):
        # a body paragraph sits above the best candidate: that one is a teaser repeating the
        # story's words, and the story starts at the first title-like line of the document;
        # the box between the lede and the rest of the story keeps its teasers marked
        for i in range(first[1], start):
            if i in page.teasers or teaser_title(page, i):
                page.reasons[i] = page.reasons[i] or "related-story teaser"
        return first
    return headline, start
