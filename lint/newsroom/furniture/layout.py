"""Where the story sits on the page: the body span (the best-scoring run of prose, extended
over inline teaser boxes) and the headline above it."""

from .lines import _Line, _capitalised, _content_words, _paragraphs_from, _title_like, _vocabulary, neighbour
from .phrases import _INLINE_ROLES


def body_span(page) -> tuple[int | None, int | None]:
    """First and last line of the best-scoring run of prose (maximum-sum segment, one pass)."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    best, best_span = 0, (None, None)
    total, run_start = 0, None
    chrome = 0      # phrase lines in a row: an embedded player or share bar is one interruption
    for i, item in enumerate(info):
        if item.blank:
            continue
        listed = bool(reasons[i]) or i in teasers
        kind = None if kinds[i] == "headers" and not listed else kinds[i]   # a subhead, not a list
        score = _line_score(item, kind, listed, opts)
        if kinds[i] in _INLINE_ROLES and not listed:
            chrome += 1
            if chrome > opts["chrome_run"] or _between_prose(info, i):
                score = -opts["gap_penalty"]
        elif item.prose or listed:
            chrome = 0
        if run_start is None or total <= 0:
            total, run_start = 0, i
        total += score
        if total > best and item.prose:
            best, best_span = total, (run_start, i)
    start, end = best_span
    while start is not None and not info[start].prose:
        start += 1
    while end is not None:
        resumed = _resumed_after_box(page, end)
        if resumed is None:
            break
        end = resumed
    return start, end


def _resumed_after_box(page, end: int) -> int | None:
    """The story's new last line when it goes on after a teaser box right under the body.

    A scraped inline "Related" box sits between two paragraphs of the story: when the lines
    after the body are a marked list and `resume_after_box` prose lines follow it, the run
    of prose after the box (up to its own last prose line) is body again.  A teaser's own
    summary is part of the marked list (a bulleted title over it, or a run of title +
    summary pairs), so a paragraph the list did not take is the story's: deleting a body
    paragraph is far worse than keeping a teaser's blurb."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    i, box = neighbour(info, end, 1), []
    while i is not None:
        if reasons[i] or i in teasers:
            box.append(i)
            i = neighbour(info, i, 1)
            continue
        # title lines between marked ones: teaser titles the list did not take
        j, titles = i, []
        while (j is not None and not (reasons[j] or j in teasers) and len(titles) < opts["resume_gap"]
               and _title_like(info[j], kinds[j], opts, short=True)):
            titles.append(j)
            j = neighbour(info, j, 1)
        if not titles or j is None or not (reasons[j] or j in teasers):
            break
        box += titles
        i = j
    if not box or i is None:
        return None
    j, gap = i, opts["resume_gap"]
    while j is not None and gap > 0 and _title_like(info[j], None, opts) and not (reasons[j] or j in teasers):
        j, gap = neighbour(info, j, 1), gap - 1     # teaser titles the list did not take ...
    if j is not None and j != i and info[j].prose and not info[j].bullet and not (reasons[j] or j in teasers):
        i = j                                       # ... over a paragraph: the story may go on
    run = _paragraphs_from(info, i)
    # one paragraph is enough when it reads as one: not a list item, not a teaser cut off
    # mid-sentence ("... feminist and…")
    alone = not info[i].bullet and not info[i].text.endswith(("…", "..."))
    if run < opts["resume_paragraphs"] and not (alone and run >= max(opts["resume_after_box"], 1)):
        return None
    last = i
    while i is not None and not (reasons[i] or i in teasers):
        if info[i].prose:
            last = i
        elif not (info[i].sentence and info[i].words >= 4 or _over_paragraph(page, i, opts["resume_gap"])):
            break
        i = neighbour(info, i, 1)
    for k in box:       # the box is inside the story now: its teasers are marked as such
        reasons[k] = reasons[k] or "related-story teaser"
    return last


def teaser_title(page, i: int) -> bool:
    """A short line right over a teaser summary: the teaser's headline."""
    info, teasers = page.info, page.teasers
    after = neighbour(info, i, 1)
    return not info[i].prose and after is not None and after in teasers


def _over_paragraph(page, i: int, limit: int) -> bool:
    """Short unmarked lines (a subhead, teaser titles the list did not take), at most `limit`
    in a row, right over a prose paragraph that no list claims: the paragraph may be the
    story's, so it is kept."""
    info, reasons, teasers = page.info, page.reasons, page.teasers
    after = i
    while (limit > 0 and after is not None and not info[after].prose and not info[after].bullet
           and not (reasons[after] or after in teasers)):
        after, limit = neighbour(info, after, 1), limit - 1
    return (after is not None and info[after].prose and not info[after].bullet
            and not (reasons[after] or after in teasers))


def _between_prose(info, i: int) -> bool:
    """A lone line with a body paragraph on each side (a share bar or an advert slot)."""
    before, after = neighbour(info, i, -1), neighbour(info, i, 1)
    return before is not None and after is not None and info[before].prose and info[after].prose


def _line_score(item: _Line, kind, reason, opts) -> int:
    if reason or kind:
        return -opts["furniture_penalty"]
    if item.prose:
        return min(item.words, 60)
    if item.sentence and item.words >= 4:
        return 0
    if not item.letters or item.words <= 3 and _capitalised(item.text):
        return -opts["gap_penalty"]
    return -1


def find_headline(page, start: int) -> int | None:
    """The title-like line above the body that shares most of its words with the lede.

    Menus, teasers and captions sit there too; the story's own headline is the one whose
    vocabulary the first paragraphs repeat (the nearest such line wins a tie).
    """
    info, kinds, reasons, opts = page.info, page.kinds, page.reasons, page.opts
    vocab = _vocabulary(info, start, opts["lede_lines"])
    best, best_score, seen = None, 0.0, 0
    scores: dict[int, tuple[float, int]] = {}
    for i in range(start - 1, -1, -1):
        item = info[i]
        if item.blank:
            continue
        seen += 1
        if seen > opts["headline_window"]:
            break
        words = _content_words(item.text)
        if not words or not _title_like(item, kinds[i], opts):
            continue
        shared = len(words & vocab)
        score = shared / len(words) + 0.01 * shared
        scores[i] = (score, shared)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        # no line repeats the lede: the file's first line is still its headline (however
        # short, or made of short words) unless a phrase or a list marks it as furniture
        first = neighbour(info, -1, 1)
        if (first is not None and first < start and not kinds[first] and not reasons[first]
                and not info[first].bullet and info[first].words <= opts["max_title_words"]):
            return first
    return _over_dek(page, scores, best)


def first_title(page, start: int) -> tuple[int, int] | None:
    """(headline, lede) when the first title-like line of the document has a body paragraph
    close under it (within `dek_window` + 1 lines: a byline, a dateline, a dek between) and
    that paragraph lies above the body span.

    A teaser box inside the story can split it so that the best-scoring run of prose starts
    below the box; a teaser there that repeats the story's words then looks like the
    headline.  A real headline is never below a body paragraph, so the title at the top,
    over a lede that reads as body, wins."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    top = neighbour(info, -1, 1)
    if top is None or top >= start or reasons[top] or not _title_like(info[top], kinds[top], opts, short=True):
        return None
    i, seen = top, 0
    while seen <= opts["dek_window"]:
        i = neighbour(info, i, 1)
        if i is None or i >= start or reasons[i] or kinds[i] or i in teasers:
            return None
        seen += 1
        if info[i].prose and info[i].sentence:
            return (top, i) if _boxed_above(page, i, start) else None
    return None


def _boxed_above(page, lede: int, start: int) -> bool:
    """Whether the lede reaches the body span through a box (marked furniture) and nothing
    but prose and title-like lines besides (teaser titles the list did not take): the story
    going on under an inline box, not a promo blurb over the page's menus."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    boxed = False
    for i in range(lede + 1, start):
        if info[i].blank or info[i].prose and not (reasons[i] or kinds[i] or i in teasers):
            continue
        if reasons[i] or kinds[i] or i in teasers:
            boxed = True
        elif not _title_like(info[i], kinds[i], opts):
            return False
    return boxed


def _in_box(page, i: int) -> bool:
    """A line of an inline box: marked furniture, a teaser's title, or a title-like line the
    list did not take right over a paragraph."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    return bool(reasons[i] or kinds[i] or i in teasers or teaser_title(page, i)
                or _title_like(info[i], kinds[i], opts) and _over_paragraph(page, i, 1))


def _over_dek(page, scores: dict, best: int | None) -> int | None:
    """A standfirst or a subhead under the headline repeats the lede too; when a title-like
    line just above the winner (only short lines between) shares at least two of the lede's
    words, that upper line is the headline and the winner its dek."""
    info, opts = page.info, page.opts
    if best is None:
        return None
    i, seen = best, 0
    while seen < opts["dek_window"]:
        i = neighbour(info, i, -1)
        if i is None or info[i].prose:
            return best
        seen += 1
        if i in scores and scores[i][1] >= 2:
            best = i
    return best
