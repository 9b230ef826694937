"""One line of a page as the furniture detector sees it (words, list marker, sentence shape),
and the questions asked of a line and its neighbours: is it title-like, a closing sentence,
the same phrase said twice."""

from collections import namedtuple
from functools import lru_cache

import regex



_BULLET = regex.compile(r"^(?:[*+•·◦▪►›»\-–—o](?=\s)|\d{1,2}[.)](?=\s))\s*")
_EDGE_START, _EDGE_END = r"[\d\s,.:|()\[\]#-]", r"[\s\d,.:|()\[\]#›»>-]"
_NUMERIC_EDGES = regex.compile(f"^{_EDGE_START}+|{_EDGE_END}+$")
# their ASCII characters (and the two others) for string strips (_unmarked); written out, not
# computed at import (tests/test_furniture_speed.py checks them against the classes)
_LEADING_EDGE = "\t\n\x0b\x0c\r #(),-.0123456789:[]|"
_TRAILING_EDGE = "\t\n\x0b\x0c\r #(),-.0123456789:>[]|›»"
_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_CONTENT_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|\w{4,}")
_SENTENCE_END = regex.compile(r"""[.!?。！？…:;]["'”’»)\]]*$""")
_SENTENCE_STOPS = frozenset(".!?。！？…:;")   # _SENTENCE_END, as characters
_CLOSERS = "\"'”’»)]"
# ASCII word characters kept, the other bytes made spaces (_words)
_ASCII_WORDS = bytes(byte if byte < 128 and (chr(byte).isalnum() or byte == 95) else 32 for byte in range(256))
# ... and the bytes of UTF-8 sequences kept too (_words, once the other characters are spaces)
_UTF8_WORDS = _ASCII_WORDS[:128] + bytes(range(128, 256))
_OTHER_NON_WORD = regex.compile(r"[^\x00-\x7f\w]+")   # non-ASCII characters outside \w
# Every CJK character of _CJK lies outside these ranges (tests/test_furniture_speed.py checks it)
_MAYBE_CJK = regex.compile("[^\x00-\u10ff\u1200-\u2e7f]")  # `regex`: kept in the start-up cache
_FULL_STOP = regex.compile(r"""[.!?。！？…]["'”’»)\]]*$""")
_FULL_STOPS = frozenset(".!?。！？…")   # _FULL_STOP, as characters (before _CLOSERS)
_QUOTES = "\"'“‘«„‚”’»"
_INNER_STOP = regex.compile(r"""[.!?]["'”’»)]*\s+["'“‘«(]?\p{Lu}""")
_LETTER = regex.compile(r"\p{L}")
_EMPHASIS = regex.compile(r"^[*_\[]+(?=\S)|(?<=\S)[*_\]]+$")   # Markdown **bold**, *italic*, [link text]
_EMPHASIS_OPEN, _EMPHASIS_CLOSE = frozenset("*_["), frozenset("*_]")


# blank; text: stripped, bullet removed; words; bullet; marker: "" no list marker, "#" numbered
# item, "*" bullet of any other kind; sentence: ends like a sentence; letters; prose: long
# enough, and sentence-like, to be a body paragraph; indent: leading white space (tabs as four
# columns); credit: the story's credit (lint.newsroom.furniture.credits). (collections.namedtuple, not typing.NamedTuple: typing costs a command 1.5 ms.)
class _Line(namedtuple("_Line", "blank text words bullet marker sentence letters prose indent credit")):
    """What the detector needs to know about one line, computed once."""

    __slots__ = ()


_new_line = tuple.__new__     # _Line(...) without the Python frame of NamedTuple.__new__


_CREDIT_WORDS = 40     # credits are shorter than this; longer lines are not asked about


def describe_lines(lines: list[str], opts: dict, is_credit) -> list[_Line]:
    """Every line's _Line (one loop with string methods where they are exact: this runs on
    every line of every article); `is_credit` says whether a line's text is a credit."""
    info = []
    least = opts["min_body_words"]
    for line in lines:
        stripped = line.strip()
        indent = _indent(line) if line[:1].isspace() else 0
        if not stripped:
            info.append(_new_line(_Line, (True, "", 0, False, "", False, False, False, indent, False)))
            continue
        first = stripped[0]
        # no letter but "o" opens a list marker, which spares the regex on most lines
        bullet = _BULLET.match(stripped) if first == "o" or not first.isalpha() else None
        text = stripped[bullet.end():] if bullet else stripped
        words = len(text.encode().translate(_ASCII_WORDS).split()) if text.isascii() else _words(text)
        sentence = text.rstrip(_CLOSERS)[-1:] in _SENTENCE_STOPS
        marker = "" if not bullet else "#" if first.isdigit() else "*"
        info.append(_new_line(_Line, (False, text, words, bool(bullet), marker, sentence, bool(_LETTER.search(text)),
                                      words >= least and (sentence or words >= 2 * least), indent,
                                      words <= _CREDIT_WORDS and is_credit(stripped))))
    return info


def _words(text: str) -> int:
    """Words of a line, a CJK character counting as half a word.

    An ASCII line is counted with bytes.translate (its word characters kept, the others made
    spaces) and split(), several times faster than a findall (describe_lines does that inline); a
    line without CJK characters (most of the rest) the same way once its non-ASCII characters
    outside \\w (quotes, dashes) are spaces: then every non-ASCII one left is a word character,
    and so is each byte of its UTF-8 sequence (twice as fast as a findall of \\w+)."""
    if text.isascii():
        return len(text.encode().translate(_ASCII_WORDS).split())
    if _MAYBE_CJK.search(text):
        cjk = len(_CJK.findall(text))
        if cjk:
            return len(_WORD.findall(text)) - cjk + (cjk + 1) // 2
    return len(_OTHER_NON_WORD.sub(" ", text).encode().translate(_UTF8_WORDS).split())


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _sentences(text: str) -> int:
    """Sentence ends inside a line (a full stop, ! or ? before a space and a capital or quote)."""
    return len(_INNER_STOP.findall(text)) + bool(_SENTENCE_END.search(text))


def _paragraphs_from(info, i: int) -> int:
    """How many prose lines follow each other from line i on (counted up to 4)."""
    count = 0
    while i is not None and info[i].prose and count < 4:
        count += 1
        i = neighbour(info, i, 1)
    return count


def neighbour(info, i: int, step: int) -> int | None:
    """The nearest non-blank line in direction step (blank runs are short, so this is cheap)."""
    j = i + step
    while 0 <= j < len(info) and info[j].blank:
        j += step
    return j if 0 <= j < len(info) else None


def _capitalised(text: str) -> bool:
    """Menu entries are capitalised words; code and table cells usually are not."""
    return text[:1].isupper() and not text.isupper()


def _vocabulary(info, start: int, count: int) -> set[str]:
    vocab: set[str] = set()
    for item in info[start:]:
        if count <= 0:
            break
        if item.prose:
            vocab |= _content_words(item.text)
            count -= 1
    return vocab


@lru_cache(maxsize=4096)
def _content_words(text: str) -> frozenset[str]:
    """(Cached: the lede's lines are read for the headline and again for the dek.)"""
    return frozenset(word.casefold() for word in _CONTENT_WORD.findall(text))


def _title_like(item: _Line, kind, opts, short: bool = False) -> bool:
    """A line that could be a headline (`short`: of any length up to a title's, for the first
    line of the file, which menus rarely fill with a single word)."""
    least = 1 if short else opts["min_title_words"]
    return (not kind and not item.bullet and least <= item.words <= opts["max_title_words"]
            and not item.text.endswith((".", ":")) and not item.credit)


def _closing_sentence(item: _Line) -> bool:
    """A short last paragraph: a sentence of four words or more, or a quoted sentence."""
    return (item.sentence and not item.text.endswith(":")
            and (item.words >= 4 or item.text[:1] in _QUOTES and item.words >= 1))


def _repeated(text: str, opts: dict) -> bool:
    """A line that is one short phrase (two words up to a furniture phrase's length, not a
    sentence) said two or three times over ("Sponsored Links Sponsored Links"): link text
    doubled by the page's markup.  A sentence written twice is a slip in the story's copy,
    not furniture, and stays.  So does any line that ends with a full stop: its last word
    closes the phrase said over, and the split is spared on most of the story's lines."""
    if text.rstrip(_CLOSERS)[-1:] in _FULL_STOPS:
        return False
    tokens = text.split()
    n = len(tokens)
    for times in (2, 3):
        size = n // times
        if n % times == 0 and 2 <= size <= opts["max_phrase_words"] and tokens == tokens[:size] * times:
            return not _FULL_STOP.search(tokens[size - 1])
    return False
