"""Credit forms on one line: bylines, agency lines, datelines, trailers, sign-offs and photo
credits, as the reader's lexicons define them. Every match runs under MATCH_TIMEOUT."""

import re
from dataclasses import dataclass

import regex

from lint.matching import MATCH_TIMEOUT, finditer
from lint.newsroom.credit.names import (
    DATE_RE, FLAGS, FULL_NAME_RE, LOWER_RUN, MONTH, NAME, NAME_LIST_RE, NAME_RE, NOT_FIRST_NAME, OUTLET_NAME_RE,
    DATE, TRAILING_STOP)
from lint.newsroom.sentences import REGEX_WHITESPACE

LEADING_MARKUP = REGEX_WHITESPACE + "#>*_"   # Markdown heading, quote and emphasis marks
TRAILING_MARKUP = REGEX_WHITESPACE + "*_"

MAX_CREDIT_CHARS = 300  # longer lines are prose, not credit lines

_DASH = r"(?:--|[-–—])"
_PIPE = regex.compile(r"\s+[|•]\s+")
_PLACE_WORD = r"(?:\p{Lu}[\p{L}\p{M}.'’\-]*|\d{1,2}|(?:de|la|le|el|al|am|upon|on|of|du|da|di)\b)"
_PLACE = rf"\p{{Lu}}[\p{{L}}\p{{M}}.'’\-]*(?:,?\s+{_PLACE_WORD}){{0,7}},?"
_DATELINE_HEAD = regex.compile(
    rf"^(?:(?P<place>{_PLACE})\s*)?\((?P<who>[^()\n]{{1,60}})\)\s*(?P<dash>{_DASH})?\s*(?P<next>\S)?", FLAGS)
_IN_PLACE = regex.compile(r"\bin\s+\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’\-]*)*", FLAGS)
_ROLE = regex.compile(r"\([^()]*\)")
_LATE_BY = regex.compile(r"(?<=[\s\d])(?:By|by|BY)\s+\p{Lu}", FLAGS)
_DATELINE_DASH = regex.compile(rf"^\p{{Lu}}[^,]*,\s*(?:{DATE})\s*{_DASH}", FLAGS)
_SEPARATED_BY = regex.compile(r"(?<=[·|•]\s*)(?:By|by|BY)\s+\p{Lu}", FLAGS)
_LEADING_DATE = regex.compile(rf"^(?i:on\s+)?{DATE}", FLAGS)
# "The Currency editors": the outlet is "The Currency"
_STAFF = regex.compile(r"\s+(?:staff|editors|editorial\s+team|team|desk|newsroom|news\s+desk|staff\s+writers?|reporters?)$")
# The end of a story's last sentence, before a sign-off on the same line ("... next year. REUTER").
_MARKS = ("(", "|", "•", "·")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = regex.compile(r"""[.!?]["'”’)\]]*\s+$""")
_DATED_NAME = regex.compile(
    rf"^(?:(?P<name>{NAME})\s*[,|•·–—-]?\s*(?i:on\s+)?{DATE}|(?:{DATE}\s*)+[,|•·–—-]?\s*(?i:by\s+)?(?P<name>{NAME}))", FLAGS)
_LISTED = regex.compile(rf"^{NAME}(?:\s*,\s*{NAME})*(?:\s*,?\s+and\s+|\s*&\s*){NAME}$", FLAGS)
_TITLE = regex.compile(r"^\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,3}$", FLAGS)
_BARE_NAME = regex.compile(
    rf"^(?:(?P<name>{NAME})(?:\s*[,&|]?\s+\p{{Lu}}[\p{{L}}\s&,.]{{0,40}})?"
    r"|(?P<name>\p{Lu}[\p{L}\p{N}&.\-]*(?:\s+\p{Lu}[\p{L}\p{N}&.\-]*){0,2}\s+(?:Staff|Team|Editors|Editorial\s+Team|Newsroom|News\s+Desk|Desk)))$", FLAGS)
# One name after an opener, the line ending there or with a date: "Written by Melissa".
_SINGLE_NAME = regex.compile(
    rf"^(?P<name>(?!{NOT_FIRST_NAME}\b)(?!{MONTH}\b)\p{{Lu}}\p{{Ll}}+)\.?(?:\s*(?:[,|•·–—-]|on)?\s*{DATE}.*)?$", FLAGS)
_READING_TIME = r"\d{1,3}\s*(?:[-–]\s*\d{1,3}\s*)?(?i:min(?:ute)?s?)(?:\s+(?i:read))?"
_DATE_OPENING = regex.compile(rf"(?:{DATE}|{_READING_TIME}(?:$|\s))", FLAGS)


@dataclass(frozen=True)
class CreditLine:
    """What one line is as a credit: `kind` is byline, agency-line, dateline, trailer or
    photo (a line that reads as a credit but is a picture credit, "(AP Photo/Jane Doe)",
    "REUTERS/Jane Doe": licensed apart from the text, so not the story's credit).
    `outlets` are outlet ids (or, for an outlet the lexicon does not know, its name as the
    byline gives it); `names` are the people credited."""

    kind: str
    outlets: frozenset[str]
    names: tuple[str, ...]


def clean(line: str) -> str:
    """A line without Markdown heading, quote and emphasis marks (leading #>*_, trailing *_)."""
    return line.lstrip(LEADING_MARKUP).rstrip(TRAILING_MARKUP)


def outlets_in(text: str, reader, dateline: bool = False) -> frozenset[str]:
    """The outlet ids named in `text` (`dateline`: with the dateline codes too)."""
    compiled, outlets = (reader.dateline_alias_re, reader.dateline_outlets) if dateline else (reader.alias_re, None)
    return frozenset(reader.outlet_of(m, outlets) for m in finditer(compiled, text))


def is_outlets_only(text: str, reader) -> bool:
    return bool(reader.only_outlets_re.match(text.strip(" .:;,()"), timeout=MATCH_TIMEOUT))


def names_in(text: str, reader) -> tuple[str, ...]:
    """People named in a credit: name-shaped runs once outlet names are blanked out."""
    blanked = reader.alias_re.sub(" | ", text, timeout=MATCH_TIMEOUT)
    return tuple(TRAILING_STOP.sub("", m.group()) for m in finditer(NAME_RE, blanked))


def byline(text: str, reader) -> tuple[frozenset, tuple] | None:
    """"By Name[, Name and Name][, Agency]" or "By Outlet": the names (or the outlet) must open
    what follows the opener, and what follows them may be titles, outlets and dates but not a
    sentence ("By Monday, most shops ..."). The opener may follow a date ("On May 2, 2025 By
    Jane Doe"), as blogs print it."""
    match = reader.opener_re.match(text, timeout=MATCH_TIMEOUT) or _dated_opener(text, reader)
    return _credited(match.group("rest"), reader) if match else None


def _dated_opener(text: str, reader):
    """The opener after a leading date ("On May 2, 2025 By Jane Doe in Travel") or after a
    separator ("Guides · 10 min read · By Jane Doe"), what stands before it not a sentence."""
    lead = _LEADING_DATE.match(text, timeout=MATCH_TIMEOUT)
    if lead:
        found = _LATE_BY.search(text, lead.end(), lead.end() + 60, timeout=MATCH_TIMEOUT)
    else:
        found = _SEPARATED_BY.search(text, 0, 100, timeout=MATCH_TIMEOUT)
    if not found or LOWER_RUN.search(text[:found.start()], timeout=MATCH_TIMEOUT):
        return None
    return reader.opener_re.match(text[found.start():], timeout=MATCH_TIMEOUT)


def _credited(rest: str, reader) -> tuple[frozenset, tuple] | None:
    """(outlets, names) of what follows a byline's opener, if it opens with people or an outlet."""
    head = reader.alias_re.match(rest, timeout=MATCH_TIMEOUT) or NAME_LIST_RE.match(rest, timeout=MATCH_TIMEOUT)
    outlet = None if head else OUTLET_NAME_RE.match(rest, timeout=MATCH_TIMEOUT)
    if not head and not outlet:
        single = _SINGLE_NAME.match(rest, timeout=MATCH_TIMEOUT)
        return (frozenset(), (single.group("name"),)) if single else None
    head = head or outlet
    if not head or LOWER_RUN.search(rest[head.end():], timeout=MATCH_TIMEOUT):
        return None
    if head.end() < len(rest) and rest[head.end()].isalnum():
        return None
    if outlet:
        return frozenset({_STAFF.sub("", outlet.group())}), ()
    return outlets_in(rest, reader), names_in(_ROLE.sub(" ", head.group()), reader)


def opener_only(text: str, reader) -> bool:
    """A line that is only a byline's opener ("By", "Written by:"): the names are on the next."""
    match = reader.opener_re.match(text + " x", timeout=MATCH_TIMEOUT)
    return bool(match) and match.group("rest") == "x"


def split_byline(opener: str, names: str, reader) -> tuple[frozenset, tuple] | None:
    """A byline whose opener stands on the line above its names ("By" / "Jane Doe")."""
    return byline(f"{opener.strip()} {names.strip()}", reader)


def piped(text: str, reader) -> tuple[frozenset, tuple] | None:
    """"Name | Agency": one part a full name, another nothing but outlets; or "Name and Name |
    Guest Columnists": a list of names, and a title."""
    if "|" not in text and "•" not in text:
        return None
    parts = [p.strip() for p in _PIPE.split(text)]
    if len(parts) < 2:
        return None
    agencies = [p for p in parts if is_outlets_only(p, reader)]
    names = tuple(p for p in parts if p not in agencies and FULL_NAME_RE.match(p, timeout=MATCH_TIMEOUT))
    if names and agencies:
        return frozenset().union(*(outlets_in(a, reader) for a in agencies)), names
    listed = _LISTED.match(parts[0], timeout=MATCH_TIMEOUT)
    if listed and len(parts) == 2 and _TITLE.match(parts[1], timeout=MATCH_TIMEOUT):
        return frozenset(), names_in(parts[0], reader)
    return None


def bare_name(text: str) -> tuple[str, ...] | None:
    """A line that is only a person's name, perhaps with a title ("Jane Doe", "Audrey Huang,
    Managing Editor"): a byline where the layout makes it one (`lint.newsroom.credit.article`)."""
    text = text.strip().rstrip(".")
    if len(text) > 90 or not text[:1].isupper() or len(text.split()) > 12:
        return None
    match = _BARE_NAME.match(text, timeout=MATCH_TIMEOUT)
    if match:
        return (match.group("name"),)
    listed = _LISTED.match(text, timeout=MATCH_TIMEOUT)
    return tuple(m.group() for m in finditer(NAME_RE, text)) if listed else None


def dated_name(text: str) -> tuple[str, ...] | None:
    """A name with a date on one line ("Camille Cunningham 25 March 2025 ...", "Dec. 19, 2025 ·
    Niko Matsakis"), as pages print a byline without its "By"; a short line, not a wire
    dateline opening the lede ("NEW YORK, April 2 - Shares rose ...")."""
    if len(text) > 120 or _DATELINE_DASH.search(text[:60], timeout=MATCH_TIMEOUT):
        return None
    match = _DATED_NAME.match(text, timeout=MATCH_TIMEOUT)
    if not match or match.group("name").isupper():  # "NEW YORK, April 2": a place
        return None
    return (match.group("name"),)


def date_line(text: str) -> bool:
    """A short line that opens with a date or a reading time: "August 13, 2024", "Updated 3
    hours ago", "Updated Dec. 23, 2024, 1:24 PM EST / Source: TODAY", "7 min read"."""
    return len(text) <= 80 and bool(_DATE_OPENING.match(text.strip(), timeout=MATCH_TIMEOUT))


def dateline(text: str, reader) -> frozenset | None:
    """"CITY[, Region][, Jan 5] (Agency) - text", "WASHINGTON (AP) —" on a line of its own, or a
    bare "(CNN)" opening the story; the bracket holds outlet codes only."""
    if "(" not in text:
        return None
    match = _DATELINE_HEAD.match(text, timeout=MATCH_TIMEOUT)
    if not match or not reader.dateline_code_re.match(match.group("who").strip(), timeout=MATCH_TIMEOUT):
        return None
    if match.group("place") and not match.group("dash"):
        return None
    if not match.group("next") and not match.group("dash"):
        return None
    return outlets_in(match.group("who"), reader, dateline=True)


def trailer(text: str, reader) -> tuple[frozenset, tuple] | None:
    """A trailer form of the lexicon (reporting and contributor lines, copyright lines); it
    must credit someone: people or outlets in its `who`, an outlet opening its `outlet`."""
    for compiled in reader.trailer_res:
        match = compiled.match(text, timeout=MATCH_TIMEOUT)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("who") is not None:
            who = _IN_PLACE.sub("", groups["who"])
            found = outlets_in(who, reader), names_in(who, reader)
            if any(found):
                return found
        elif groups.get("outlet") is not None:
            head = reader.alias_re.match(groups["outlet"], timeout=MATCH_TIMEOUT)
            if head:
                return frozenset({reader.outlet_of(head)}), ()
    return None


def sign_off(text: str, reader) -> frozenset | None:
    """An outlet closing the story: alone on the line ("Reuter", "REUTER") or after its last
    sentence ("... next year. REUTER")."""
    if is_outlets_only(text, reader):
        return outlets_in(text, reader)
    last = text.rstrip(" .")
    cut = last.rfind(" ")
    if cut < 0 or not _SENTENCE_END.search(last[:cut + 1]):
        return None
    tail = last[cut + 1:]
    return outlets_in(tail, reader) if is_outlets_only(tail, reader) else None


def may_credit(text: str, reader) -> bool:
    """Whether a line can be a byline or dateline at all: it opens with an opener's first word,
    or holds a digit (a date), a bracket (a dateline's code) or a separator ("|", "•", "·").
    A cheap test before the patterns, for the scan of a whole page."""
    if any(mark in text for mark in _MARKS) or _DIGIT.search(text):
        return True
    first = text.split(None, 1)
    return bool(first) and first[0].lower().rstrip(":") in reader.opener_words


def photo(text: str, reader) -> bool:
    return reader.photo_re is not None and bool(reader.photo_re.search(text, timeout=MATCH_TIMEOUT))


def read_line(text: str, reader, top: bool = False) -> CreditLine | None:
    """What one line is as a credit, wherever it stands (`top`: between headline and lede).
    A line that reads as a credit but is a picture credit ("REUTERS/Jane Doe") is "photo"."""
    text = clean(text)
    found = _read(text, reader, top)
    if found is not None and photo(text[:MAX_CREDIT_CHARS], reader):
        return CreditLine("photo", found.outlets, ())
    return found


def _read(text: str, reader, top: bool) -> CreditLine | None:
    clipped = text[:MAX_CREDIT_CHARS]
    if not clipped.strip():
        return None
    dated = dateline(clipped, reader)
    if dated:
        return CreditLine("dateline", dated, ())
    if len(text) > MAX_CREDIT_CHARS:
        return None
    if is_outlets_only(text, reader):
        return CreditLine("agency-line", outlets_in(text, reader), ())
    found = byline(text, reader) or (piped(text, reader) if top else None)
    if found and any(found):
        return CreditLine("byline", *found)
    if top and (opener_only(text, reader) or dated_name(text)):
        return CreditLine("byline", frozenset(), dated_name(text) or ())
    found = trailer(text, reader)
    if found:
        return CreditLine("trailer", *found)
    signed = sign_off(text, reader)
    return CreditLine("trailer", signed, ()) if signed else None
