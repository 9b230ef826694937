"""Every credit of an article, where its layout puts them: front-matter fields; bylines,
agency lines and datelines at the top (a byline may stand above the headline, as archive and
CMS exports put it); a bare name line between headline and lede; trailers below; a wire
sign-off ("Reuter") closing the story."""

import bisect
from dataclasses import dataclass
from itertools import islice

import regex

from lint.newsroom.credit import lines as forms
from lint.newsroom.credit.lines import MAX_CREDIT_CHARS, clean

TOP_WINDOW = 12        # non-blank body lines searched for bylines and datelines, at least ...
PROSE_WORDS = 12       # ... and up to the second line of at least this many words (the lede)
AGENCY_WINDOW = 5      # non-blank body lines searched for a bare agency line
SIGN_OFF_LINES = 3     # last non-blank lines where an outlet alone signs the story off
BYLINE_CHARS = 200     # longer lines are not bylines, wherever they stand
ABOVE_HEADLINE = 3     # lines above the top's first where a hidden byline is looked for

_FRONT_MATTER_FENCE = regex.compile(r"^(?:---|\.\.\.)\s*$")
_SPLIT_VALUE = regex.compile(r"\s*(?:[,;|/&]|\band\b)\s*")
_BY = regex.compile(r"^(?i:by)\s+")


@dataclass(frozen=True)
class Credit:
    """One credit of an article: its 0-based line, form, outlet ids, people and text."""

    line: int
    form: str
    outlets: frozenset[str]
    names: tuple[str, ...]
    text: str


def _body_start(lines) -> int:
    """Index of the first line after a leading front-matter block (0 when there is none)."""
    if not len(lines) or not lines[0].startswith("---") or not _FRONT_MATTER_FENCE.match(lines[0]):
        return 0
    closing = next((i for i in range(1, len(lines)) if _FRONT_MATTER_FENCE.match(lines[i])), None)
    return 0 if closing is None else closing + 1


def _is_prose(text: str) -> bool:
    return len(text.split(None, PROSE_WORDS)) >= PROSE_WORDS


def _top_window(texts) -> int:
    """How many non-blank lines count as the top: scraped copy puts share buttons, photo
    captions and the like between headline and byline, so the top runs into the lede
    (up to the second line of at least PROSE_WORDS words; the scan stops there)."""
    found = 0
    for rank, text in enumerate(texts):
        if _is_prose(text):
            found += 1
            if found == 2:
                return max(TOP_WINDOW, rank + 1)
    return TOP_WINDOW


def _top_credit(rank: int, top: list[str], reader) -> tuple[str, frozenset, tuple] | None:
    """(form, outlets, names) of the credit on the top's line `rank`, if any; a picture credit
    ("(AP Photo/Jane Doe)") is none."""
    found = _top_form(rank, top, reader)
    if found and forms.photo(top[rank][:MAX_CREDIT_CHARS], reader):
        return None
    return found


def _top_form(rank: int, top: list[str], reader) -> tuple[str, frozenset, tuple] | None:
    text = top[rank]
    dated = forms.dateline(text[:MAX_CREDIT_CHARS], reader)
    if dated:
        return "dateline", dated, ()
    if len(text) > MAX_CREDIT_CHARS:
        return None
    if rank < AGENCY_WINDOW and forms.is_outlets_only(text, reader):
        return "agency-line", forms.outlets_in(text, reader), ()
    found = forms.byline(text, reader) or forms.piped(text, reader) or _split(rank, top, reader)
    if found and any(found):
        return ("byline", *found)
    names = _named_by_layout(rank, top, reader)
    if names:
        return "byline", frozenset(), names
    found = forms.trailer(text, reader)
    return ("trailer", *found) if found else None


def _split(rank: int, top: list[str], reader) -> tuple[frozenset, tuple] | None:
    """A byline whose opener ("By", "Written by") stands alone above its names."""
    if rank + 1 < len(top) and forms.opener_only(top[rank], reader):
        return forms.split_byline(top[rank], top[rank + 1], reader)
    return None


def _named_by_layout(rank: int, top: list[str], reader) -> tuple[str, ...] | None:
    """A name without "By" is a byline between headline and lede, with at most a standfirst of
    prose between them: with a date beside it ("Jane Doe • May 2, 2025") or right above or
    under it, or (below the headline) with the lede or a dateline right under it."""
    prose_before = sum(map(_is_prose, top[1:rank]))
    dated = forms.dated_name(top[rank])
    if dated and prose_before <= 2:
        return dated
    names = forms.bare_name(top[rank])
    if not names or prose_before > 1:
        return None
    above = top[rank - 1] if rank else ""
    below = top[rank + 1] if rank + 1 < len(top) else ""
    if forms.date_line(above) or forms.date_line(below):
        return names
    if rank and (_is_prose(below) or forms.dateline(below[:MAX_CREDIT_CHARS], reader)):
        return names
    return None


def top_credit_lines(lines, reader) -> list[int]:
    """Indexes of the credit lines among `lines`, read as the top of a story: the first is its
    headline (or a byline above it), and they run down to the lede. For page furniture, which
    knows where the headline is: every credit `find_credits` would find there, bare names and
    bylines split over two lines ("By" / "Jane Doe") included."""
    top = [clean(text) for text in lines]
    indexes = [i for i, text in enumerate(top) if text.strip()]
    texts = [top[i] for i in indexes]
    found = []
    for rank, index in enumerate(indexes):
        if _top_credit(rank, texts, reader):
            found.append(index)
            if _split(rank, texts, reader):
                found.append(indexes[rank + 1])
    return sorted(set(found))


def _with_hidden_credits(top: list, shown, first: int) -> list:
    """The top with the credit lines a view hides as furniture put back: those between the
    first line of the top (a few lines above it too: a byline above the headline) and its
    last, where `shown(index, top=True)` gives them."""
    visible = {index for index, _ in top}
    low, high = max(first, top[0][0] - ABOVE_HEADLINE), top[-1][0]
    extra = [(index, clean(text)) for index in range(low, high + 1)
             if index not in visible and (text := shown(index, top=True)).strip()]
    return sorted(top + extra) if extra else top


def _split_credit_value(value) -> list[str]:
    """The parts of a front-matter credit value (a string or a list of strings)."""
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    parts = []
    for item in values:
        if isinstance(item, str):
            parts += [p for p in _SPLIT_VALUE.split(_BY.sub("", item.strip())) if p]
    return parts


def _front_matter_credits(lines, front_matter: dict, fields: list[str], reader) -> list[Credit]:
    """One credit per non-empty credit field; a part that is not an outlet is a person."""
    header = lines[:_body_start(lines)]
    credits = []
    for field in fields:
        parts = _split_credit_value(front_matter.get(field))
        if not parts:
            continue
        names = tuple(p for p in parts if not forms.is_outlets_only(p, reader))
        found = frozenset().union(*(forms.outlets_in(p, reader) for p in parts))
        line = next((i for i, text in enumerate(header) if text.startswith(f"{field}:")), 0)
        credits.append(Credit(line, "front-matter", found, names, f"{field}: {', '.join(parts)}"))
    return credits


def trailer_lines(text: str, line_starts, first: int, reader) -> list[int]:
    """0-based indexes, from line `first` on, of the lines of `text` ("\\n" separated, starting
    at `line_starts`) that hold one of the trailer lexicon's words (each trailer form holds
    one): a few literal searches of the text, not a match per line. A superset of the lines
    `lines.trailer` takes."""
    words = reader.trailer_words
    if words is None or first >= len(line_starts):
        return []
    found = {bisect.bisect_right(line_starts, match.start()) - 1
             for match in words.finditer(text, line_starts[first])}
    return sorted(found)


def _last_lines(lines, first: int, count: int) -> list[int]:
    """Indexes of the last `count` non-blank lines at or after `first`, as the view shows them
    and as written (a hidden sign-off is among the last lines written), last first."""
    plain = getattr(lines, "plain", lines.__getitem__)
    found = []
    for read in (lines.__getitem__, plain):
        index, seen = len(lines) - 1, 0
        while index >= first and seen < count:
            if read(index).strip():
                seen += 1
                if index not in found:
                    found.append(index)
            index -= 1
    return found


def find_credits(lines, front_matter: dict, fields: list[str], reader) -> list[Credit]:
    """Every credit of an article, front-matter fields first, then body lines in order.

    `lines` is any sequence of line strings (a list, or a view that makes them on access);
    it is read line by line, never copied whole. Below the top only trailers and sign-offs
    count, so a view may offer `trailer_lines(first)`: the indexes from `first` on of the
    lines that may hold a trailer (see `trailer_lines`), found without making every line; and
    `credit_text(index)`: the line as trailers and sign-offs are read from it (a view that
    hides page furniture still shows a credit line there).
    """
    credits = _front_matter_credits(lines, front_matter, fields, reader)
    first = _body_start(lines)

    def body():
        """(index, text) of each non-blank body line (iterated: a view makes lines faster so)."""
        for index, text in enumerate(islice(lines, first, None), first):
            if text.strip():
                yield index, text

    size = _top_window(text for _, text in body())
    top = [(index, clean(text)) for index, text in islice(body(), size)]
    shown = getattr(lines, "credit_text", None)
    if top and shown:
        top = _with_hidden_credits(top, shown, first)
    texts = [text for _, text in top]
    for rank, (index, text) in enumerate(top):
        found = _top_credit(rank, texts, reader)
        if found:
            credits.append(Credit(index, *found, text))
    after = top[-1][0] + 1 if top else first
    credited = {credit.line for credit in credits}
    read = getattr(lines, "credit_text", lines.__getitem__)
    find = getattr(lines, "trailer_lines", None)
    for index in find(after) if find else range(after, len(lines)):
        text = clean(read(index))
        found = forms.trailer(text, reader) if len(text) <= MAX_CREDIT_CHARS else None
        if found:
            credits.append(Credit(index, "trailer", *found, text))
            credited.add(index)
    for index in _last_lines(lines, first, SIGN_OFF_LINES):
        text = clean(read(index))
        outlets = forms.sign_off(text[-MAX_CREDIT_CHARS:], reader) if index not in credited else None
        if outlets:
            credits.append(Credit(index, "trailer", outlets, (), text))
    if not any(credit.form != "front-matter" for credit in credits):
        credits += _bylines_anywhere(lines, first, reader)
    return sorted(credits, key=lambda c: (c.form != "front-matter", c.line if c.form != "front-matter" else 0))


def _bylines_anywhere(lines, first: int, reader) -> list[Credit]:
    """When the top holds no credit (a scraped page whose top is navigation, or whose byline
    furniture took), the bylines anywhere in the text, furniture or not: only the forms that
    say "credit" by themselves ("By Jane Doe", "Posted by Jane Doe on May 2", "Jane Doe • May
    2, 2025", "By" / "Jane Doe", "LONDON (Reuters) -", a name right above or under a date
    line), never a bare name or outlet alone. One pass, each line with its neighbours."""
    plain = getattr(lines, "plain_lines", lines)
    found = []
    above, (index, text) = "", (first - 1, "")
    for after_index, after in enumerate(islice(plain, first, None), first):
        after = clean(after)
        found += _byline_between(index, above, text, after, reader)
        above, (index, text) = text, (after_index, after)
    return found + _byline_between(index, above, text, "", reader)


def _byline_between(index: int, above: str, text: str, below: str, reader) -> list[Credit]:
    """The byline a line gives, read with the lines above and below it (see `_bylines_anywhere`)."""
    if not text.strip() or len(text) > BYLINE_CHARS:
        return []
    line = reader.credit_line(text, top=True) if forms.may_credit(text, reader) else None
    if line is not None and line.kind in ("byline", "dateline"):
        return _credit_or_split(index, text, line, below, reader)
    names = forms.bare_name(text) if line is None else None
    if names and (forms.date_line(above) or forms.date_line(below)):
        return [Credit(index, "byline", frozenset(), names, text)]
    return []


def _credit_or_split(index: int, text: str, line, below: str, reader) -> list[Credit]:
    """The credit a byline or dateline line gives, its names read from the line `below` when
    the line is only an opener ("By")."""
    if any((line.outlets, line.names)):
        return [Credit(index, line.kind, line.outlets, line.names, text)]
    split = forms.split_byline(text, below, reader) if below else None
    return [Credit(index, "byline", *split, text)] if split and any(split) else []
