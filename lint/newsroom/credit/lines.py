"""Credit forms on one line: bylines, agency lines, datelines, trailers, sign-offs and photo
credits, as the reader's lexicons define them. Every match runs under MATCH_TIMEOUT."""

from dataclasses import dataclass

import regex

from lint.patterns import MATCH_TIMEOUT, finditer
from lint.newsroom.credit.names import (
    FLAGS, FULL_NAME_RE, LOWER_RUN, NAME_LIST_RE, NAME_RE, OUTLET_NAME_RE, TRAILING_STOP)
from lint.newsroom.credit.reader import LEADING_MARKUP, TRAILING_MARKUP

MAX_CREDIT_CHARS = 300  # longer lines are prose, not credit lines

_DASH = r"(?:--|[-–—])"
_PIPE = regex.compile(r"\s+[|•]\s+")
_PLACE_WORD = r"(?:\p{Lu}[\p{L}\p{M}.'’\-]*|\d{1,2}|(?:de|la|le|el|al|am|upon|on|of|du|da|di)\b)"
_PLACE = rf"\p{{Lu}}[\p{{L}}\p{{M}}.'’\-]*(?:,?\s+{_PLACE_WORD}){{0,7}},?"
_DATELINE_HEAD = regex.compile(
    rf"^(?:(?P<place>{_PLACE})\s*)?\((?P<who>[^()\n]{{1,60}})\)\s*(?P<dash>{_DASH})?\s*(?P<next>\S)?", FLAGS)
_IN_PLACE = regex.compile(r"\bin\s+\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’\-]*)*", FLAGS)
_ROLE = regex.compile(r"\([^()]*\)")
# The end of a story's last sentence, before a sign-off on the same line ("... next year. REUTER").
_SENTENCE_END = regex.compile(r"""[.!?]["'”’)\]]*\s+$""")


@dataclass(frozen=True)
class CreditLine:
    """What one line is as a credit: `kind` is byline, agency-line, dateline, trailer or
    photo (a picture credit: licensed apart from the text, so not the story's credit).
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
    sentence ("By Monday, most shops ...")."""
    match = reader.opener_re.match(text, timeout=MATCH_TIMEOUT)
    if not match:
        return None
    rest = match.group("rest")
    head = reader.alias_re.match(rest, timeout=MATCH_TIMEOUT) or NAME_LIST_RE.match(rest, timeout=MATCH_TIMEOUT)
    if not head:
        outlet = OUTLET_NAME_RE.match(rest.rstrip(" ."), timeout=MATCH_TIMEOUT)
        return (frozenset({outlet.group()}), ()) if outlet else None
    if LOWER_RUN.search(rest[head.end():], timeout=MATCH_TIMEOUT):
        return None
    if head.end() < len(rest) and rest[head.end()].isalnum():
        return None
    return outlets_in(rest, reader), names_in(_ROLE.sub(" ", head.group()), reader)


def piped(text: str, reader) -> tuple[frozenset, tuple] | None:
    """"Name | Agency": one part a full name, another nothing but outlets."""
    if "|" not in text and "•" not in text:
        return None
    parts = [p.strip() for p in _PIPE.split(text)]
    if len(parts) < 2:
        return None
    agencies = [p for p in parts if is_outlets_only(p, reader)]
    names = tuple(p for p in parts if p not in agencies and FULL_NAME_RE.match(p, timeout=MATCH_TIMEOUT))
    if not names or not agencies:
        return None
    return frozenset().union(*(outlets_in(a, reader) for a in agencies)), names


def bare_name(text: str) -> tuple[str, ...] | None:
    """A line that is only a person's name ("Jane Doe", "Jane Doe, Senior Writer" is not):
    a byline where the layout makes it one (see `lint.newsroom.credit.article`)."""
    text = text.strip().rstrip(".")
    if len(text) > 60 or not FULL_NAME_RE.match(text, timeout=MATCH_TIMEOUT):
        return None
    return (text,)


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
    if photo(text, reader):
        return None
    if is_outlets_only(text, reader):
        return outlets_in(text, reader)
    last = text.rstrip(" .")
    cut = last.rfind(" ")
    if cut < 0 or not _SENTENCE_END.search(last[:cut + 1]):
        return None
    tail = last[cut + 1:]
    return outlets_in(tail, reader) if is_outlets_only(tail, reader) else None


def photo(text: str, reader) -> bool:
    return reader.photo_re is not None and bool(reader.photo_re.search(text, timeout=MATCH_TIMEOUT))


def read_line(text: str, reader, top: bool = False) -> CreditLine | None:
    """What one line is as a credit, wherever it stands (`top`: between headline and lede)."""
    text = clean(text)
    clipped = text[:MAX_CREDIT_CHARS]
    if not clipped.strip():
        return None
    if photo(clipped, reader):
        return CreditLine("photo", outlets_in(clipped, reader), ())
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
    found = trailer(text, reader)
    return CreditLine("trailer", *found) if found else None
