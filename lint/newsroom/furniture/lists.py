"""Lists of other stories: a teaser header with the headlines under it, and runs of teaser
summaries (a title over one isolated paragraph, three or more times)."""

import regex

from .lines import _paragraphs_from, _sentences, _title_like, neighbour


_DIALOGUE = regex.compile(r"^(?:Q|A)\s*[:.)]\s")  # interview question / answer


def mark_header_lists(page) -> list[tuple[int, int]]:
    """A teaser header ("More from X") and the headline list under it, down to the next prose.

    The list keeps one marker style (a numbered item after bullets is the story again), and
    a prose line counts as a teaser's summary only under a bulleted title and only when the
    list goes on after it (or an earlier item already had a summary, laid out as this one:
    a paragraph set left of its title, or left of the summaries before it, has left the list).  A header with no list
    under it counts only when its phrase fills the line or no prose follows: "Latest
    developments" over a paragraph is a subhead.  Returns (header, last line)
    of every list marked.
    """
    info, kinds, whole, reasons = page.info, page.kinds, page.whole, page.reasons
    lists = []
    i, n = 0, len(info)
    while i < n:
        if kinds[i] != "headers":
            i += 1
            continue
        items, j = _list_items(page, i)
        following = neighbour(info, i, 1)
        alone = following is None or not info[following].prose or whole[i]
        if items or alone:
            reason = f"related-headlines list after '{info[i].text.rstrip(':')}'"
            for k in [i] + items:
                reasons[k] = reason
            if whole[i] or _header_alone(info[i]):
                page.sure.update(dict.fromkeys([i] + items, i))
            lists.append((i, items[-1] if items else i))
        i = max(j, i + 1)
    return lists


def _list_items(page, header: int) -> tuple[list[int], int]:
    """(the list's lines under a header, the line where the list stopped)."""
    info, kinds = page.info, page.kinds
    items: list[int] = []
    j, prev, marker, summaries, indent = header + 1, info[header], None, 0, None
    while j < len(info):
        item = info[j]
        if item.blank:
            j += 1
            continue
        if kinds[j] == "headers":
            break
        following = neighbour(info, j, 1)
        if item.prose:
            goes_on = following is not None and info[following].bullet and info[following].marker == marker
            if not (prev.bullet and not prev.prose and (summaries or goes_on)
                    and item.indent >= prev.indent and indent in (None, item.indent)):
                break
            summaries, indent = summaries + 1, item.indent
        elif marker is None:
            marker = item.marker
        elif item.marker != marker and not summaries and following is not None and info[following].prose:
            break
        items.append(j)
        prev = item
        j += 1
    return items, j


# the short words a title leaves in lower case ("More from Business", "Stories like this")
_SMALL_WORDS = frozenset(("from", "with", "about", "this", "your", "like", "also", "into", "over", "more", "that"))


def _header_alone(item) -> bool:
    """A header line that is only a header ("More from International News", "Read More"): short,
    its longer words capitalised, no sentence or inline link in it."""
    words = item.text.rstrip(":").split()
    if item.text.endswith(".") or ":" in item.text.rstrip(":"):
        return False
    return len(words) <= 3 or len(words) <= 6 and all(
        word[:1].isupper() for word in words if len(word) > 3 and word.lower() not in _SMALL_WORDS)


def teaser_summaries(page) -> set[int]:
    """Prose lines of a teaser list: three or more in a row, each alone under a title line.

    An article paragraph has prose neighbours; a teaser summary sits between the headline it
    describes and the next teaser, so a run of such isolated paragraphs is a list of links.
    """
    info, kinds, opts = page.info, page.kinds, page.opts
    prose = [i for i, item in enumerate(info) if item.prose]
    isolated = []
    for i in prose:
        before, after = neighbour(info, i, -1), neighbour(info, i, 1)
        isolated.append(before is not None and not info[before].prose
                        and (info[before].bullet or _title_like(info[before], kinds[before], opts))
                        and not _DIALOGUE.search(info[before].text)
                        and (after is None or not info[after].prose))
    teasers: set[int] = set()
    run: list[int] = []

    def close(following: int | None) -> None:
        # Numbered items the story picks up again after (paragraphs in a row follow) are a
        # listicle of subhead + paragraph inside the story, not a list of links.
        numbered = [k for k in run if info[neighbour(info, k, -1)].marker == "#"]
        listicle = (numbered and (len(numbered) == len(run) and following is not None
                                  and _paragraphs_from(info, following) >= opts["resume_paragraphs"]
                                  # or numbered tips whose paragraphs run to several sentences
                                  or 3 * len(numbered) >= 2 * len(run)
                                  and 2 * sum(_sentences(info[k].text) >= 2 for k in run) >= len(run)))
        # the last one is a teaser's only when the list goes on under it (another title or
        # list item): a paragraph under the last title may be the story resuming
        after = neighbour(info, run[-1], 1) if run else None
        if after is None or not (info[after].bullet or _title_like(info[after], kinds[after], opts)):
            run[-1:] = []
        if len(run) >= opts["min_teasers"] and not listicle:
            teasers.update(run)
        run.clear()

    for i, alone in zip(prose + [None], isolated + [False]):
        if alone:
            # a teaser header opens a new list: a paragraph between two boxes is not one
            # of a run of summaries (it is the story going on between them)
            if run and any(kinds[k] == "headers" for k in range(run[-1] + 1, i)):
                close(None)
            run.append(i)
            continue
        close(i)
    return teasers
