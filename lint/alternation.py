"""Alternations grouped by first letter, for the scans that try many phrases at every offset.

`regex` and `re` try an alternation branch by branch; grouping the branches that open with
the same letter ("m(?:ore\\s+from|ost\\s+read)|l(?:atest)") lets them try one group at a
character instead of every branch. Credit's alias finder and furniture's phrase scans both
use it, so there is one definition of when grouping keeps what the plain alternation matches.
"""

import re

# a pattern's escapes, sets, parentheses and bars (top_level_bar)
_STRUCTURE = re.compile(r"\\.?|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]")


def alternation(patterns) -> str:
    """The plain alternation, each pattern in its own group."""
    return "|".join(f"(?:{p})" for p in patterns)


def by_first_letter(patterns, ignore_case: bool = False) -> str:
    """The alternation of `patterns`, with those of each run that open with a letter grouped by
    it. Branches opening with different letters never match at the same place, so only their
    order within a letter matters, and it is kept; a pattern without an opening letter ends the
    run, so the order around it is kept too. `ignore_case`: the pattern is compiled
    case-insensitively, so "M" and "m" open the same group."""
    branches: list[str] = []
    run: dict[str, list[str]] = {}
    for pattern in [*patterns, None]:
        letter = opening_letter(pattern, ignore_case) if pattern is not None else None
        if letter is not None:
            run.setdefault(letter, []).append(pattern[1:])
            continue
        branches += [f"{first}(?:{alternation(rests)})" for first, rests in run.items()]
        run = {}
        if pattern is not None:
            branches.append(f"(?:{pattern})")
    return "|".join(branches)


def literal_alternation(words) -> str:
    """Literal words, longest first (so the longest of two that start at one place wins, as in
    a flat alternation of them sorted so), grouped by first letter; case-sensitive."""
    return by_first_letter([re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w))])


def opening_letter(pattern: str, ignore_case: bool = False) -> str | None:
    """The ASCII letter every match of the pattern starts with (lower case when `ignore_case`),
    if the pattern is that letter, unrepeated, followed by the rest (no alternative at the top
    level)."""
    first = pattern[:1]
    if not (first.isascii() and first.isalpha()) or pattern[1:2] in ("?", "*", "+", "{") or top_level_bar(pattern):
        return None
    return first.lower() if ignore_case else first


def top_level_bar(pattern: str) -> bool:
    """Whether the pattern is an alternation at its top level ("a|b", not "(?:a|b)c")."""
    depth = 0
    for token in _STRUCTURE.finditer(pattern):
        text = token.group()
        depth += (text == "(") - (text == ")")
        if text == "|" and depth == 0:
            return True
    return False
