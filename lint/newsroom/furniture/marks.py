"""Reasons for the lines around and inside the story: navigation above the headline, page
chrome between headline and body, furniture after the article, phrase lines inside it."""

import regex

from .layout import _in_box
from .lines import _EMPHASIS, _FULL_STOP, _capitalised, _closing_sentence, _content_words, _repeated, _vocabulary, neighbour
from .phrases import ROLE_REASONS


_TABLE_ROW = regex.compile(r"^[-+]?\d[\d.,]*\s*[│|]\s*[-+]?\d")   # "12 │ 2.487": a row of figures
_INLINE_LINK = regex.compile(r"^[^:]{2,40}:\s*\S")
_HANDLE = regex.compile(r"^@\w{1,30}$")


def mark_before(page, headline: int | None, start: int) -> None:
    """Above the headline everything is navigation but a body paragraph that the story goes
    on from; between headline and body, keep credits and sentence-like lines (a standfirst
    is copy, not page chrome)."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    top = 0 if headline is None else headline
    for i in range(top):
        if not info[i].blank and not (reasons[i] or _story_goes_on(page, i, headline)):
            reasons[i] = "navigation before the headline"
    vocab = _vocabulary(info, start, opts["lede_lines"])
    for i in range(top + (headline is not None), start):
        item = info[i]
        if item.blank or item.credit:
            continue
        dek = item.words >= opts["min_dek_words"] and (
            item.sentence or len(_content_words(item.text) & vocab) >= opts["dek_shared_words"])
        if not dek:
            reasons[i] = reasons[i] or "page chrome between headline and body"


def _story_goes_on(page, i: int, headline: int) -> bool:
    """A body-like paragraph (prose ending as a sentence, no phrase) with more body after it:
    another such paragraph, or the headline and the body, past nothing but marked furniture.
    Menus do not read like that, so a line like this above the chosen headline means the
    choice went wrong, and the paragraph is kept."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    item = info[i]
    if not (item.prose and _FULL_STOP.search(item.text)) or item.bullet or kinds[i] or i in teasers:
        return False
    j = neighbour(info, i, 1)
    while j is not None and (j == headline or not info[j].prose and _in_box(page, j)
                             or reasons[j]):
        j = neighbour(info, j, 1)
    return j is not None and info[j].prose


def mark_after(page, end: int) -> None:
    """Below the last body paragraph everything is page chrome except the story's trailer:
    credit lines, and the short closing paragraphs right under the body before any other
    line: sentences ("The trial resumes on Monday.", a one-line quote, "This article first
    appeared in ..."), a short subhead over one, for as long as each stays under a body
    paragraph's length (longer ones only within `trailer_window` lines)."""
    info, kinds, reasons, teasers, opts = page.info, page.kinds, page.reasons, page.teasers, page.opts
    seen, closing = 0, True
    for i in range(end + 1, len(info)):
        item = info[i]
        if item.blank:
            continue
        seen += 1
        free = not reasons[i] and not kinds[i] and seen <= opts["trailer_window"]
        # the story's last paragraphs go on as long as each one is a short sentence
        closing = (closing and not reasons[i] and not kinds[i] and i not in teasers
                   and (seen <= opts["trailer_window"] or item.words < opts["min_body_words"])
                   and (_closing_sentence(item) or _closing_subhead(page, i)))
        if closing or free and item.credit:
            continue
        reasons[i] = reasons[i] or "page furniture after the article"


def _closing_subhead(page, i: int) -> bool:
    """A short subhead over the story's last short paragraph ("What happens next")."""
    info, kinds, teasers, opts = page.info, page.kinds, page.teasers, page.opts
    item, after = info[i], neighbour(info, i, 1)
    return (not item.bullet and not item.sentence and 2 <= item.words <= opts["max_phrase_words"]
            and _capitalised(item.text) and after is not None and not kinds[after] and after not in teasers
            and _closing_sentence(info[after]))


def mark_inside(page, start: int, end: int) -> None:
    """Inside the body only phrase lines, social handles and bare markers are furniture."""
    info, kinds, reasons, opts = page.info, page.kinds, page.reasons, page.opts
    mark_phrases(page, range(start, end + 1))
    for i in range(start, end + 1):
        item = info[i]
        if item.blank or reasons[i]:
            continue
        if not item.letters and item.words <= 3 and not _TABLE_ROW.match(item.text):
            reasons[i] = "stray marker"
        elif "@" in item.text and _HANDLE.match(_EMPHASIS.sub("", item.text)):
            reasons[i] = "social handle"
        elif _repeated(item.text, opts):
            reasons[i] = "repeated link text"


def mark_phrases(page, indices) -> None:
    """Lines opened by a prompt, notice or label; a teaser header only as an inline link
    ("Related: ..."), since a header word alone may open a subhead ("Latest developments")."""
    info, kinds, reasons = page.info, page.kinds, page.reasons
    for i in indices:
        kind = kinds[i]
        if not kind or reasons[i] or kind == "sections":
            continue
        if kind == "headers" and not _INLINE_LINK.search(info[i].text):
            continue
        reasons[i] = ROLE_REASONS.get(kind, kind)
