"""Patterns that can backtrack catastrophically, refused when a pack loads.

`(a+)+$` on a line of a's that ends in "b" tries every way of splitting the a's between the
two quantifiers: 2**n of them. The shape behind it is a repeated group whose body ends with an
unbounded repeat of characters that can also begin the body (`(a+)+`, `(\\w+\\s?)+`,
`(\\s*\\w+\\s*)*`): where one iteration stops and the next begins is then ambiguous. Bodies that
begin with something the inner repeat cannot match (`(,\\s*\\w+)*`, `(\\w+\\s+)*`) split one way
only and are accepted, and so are overlaps in punctuation alone (a hyphen that may end a word
or begin a separator): copy has long runs of letters, digits and spaces, not of hyphens.
The reading uses the standard library's regex parser on a copy of the pattern with the `regex`
module's extras (`\\p{..}`, `\\G`) approximated; a pattern it cannot read is accepted (the
time limit still cuts a slow match off, and the rule is then skipped for the rest of the run).
"""

import re
from re import _constants as c
from re import _parser

_UNBOUNDED = c.MAXREPEAT
# Characters the character sets are compared on: enough to tell the usual classes apart.
_SAMPLE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ \t\n\r\f\v"
    "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u00a0\u2019\u201c\u201d\u2013\u2014éÉßΣσж٣"
)
_PROPERTY = re.compile(r"\\([pP])\{\^?[\w&=:.\- ]+\}|\\([pP])[A-Z]")
_REGEX_ONLY = re.compile(r"\\[GKXm]|\(\?[rV0-1]+\)")


def risk(pattern: str) -> str | None:
    """Why a pattern can backtrack catastrophically, or None."""
    readable = _REGEX_ONLY.sub("", _PROPERTY.sub(lambda m: r"\w" if (m[1] or m[2]) == "p" else r"\W", pattern))
    try:
        parsed = _parser.parse(readable)
    except Exception:  # noqa: BLE001 - syntax of the regex module the reader does not know
        return None
    # Rules match case-insensitively unless they say otherwise: compare folded sets, which
    # errs towards finding an overlap.
    return _walk(list(parsed), True, bool(parsed.state.flags & re.DOTALL))


def _walk(items, fold: bool, dotall: bool) -> str | None:
    for op, arg in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = arg
            if op != c.POSSESSIVE_REPEAT and high == _UNBOUNDED:
                found = _ambiguous(list(body), fold, dotall)
                if found:
                    return found
            found = _walk(list(body), fold, dotall)
        elif op == c.SUBPATTERN:
            found = _walk(list(arg[-1]), fold, dotall)
        elif op == c.BRANCH:
            found = next(filter(None, (_walk(list(b), fold, dotall) for b in arg[1])), None)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found = _walk(list(arg[1]), fold, dotall)
        elif op == c.ATOMIC_GROUP:
            found = None
        else:
            found = None
        if found:
            return found
    return None


def _ambiguous(body: list, fold: bool, dotall: bool) -> str | None:
    """Why the iterations of a repeated body can split a text in many ways, or None."""
    starts = _first(body, fold, dotall)
    for item in reversed(body):
        tail = _tail_repeat(item, fold, dotall)
        if tail is not None and any(ch.isalnum() or ch.isspace() or ch == "_" for ch in tail & starts):
            return ("a repeated group ends with an unbounded repeat that can also match its start "
                    "(nested quantifiers, like (a+)+): a long line that does not match can take "
                    "exponential time; make the repeat possessive (a++) or the group atomic (?>...)")
        if not _nullable(item):
            break
    return None


def _tail_repeat(item, fold: bool, dotall: bool) -> frozenset | None:
    """The characters of an unbounded repeat that ends `item`, or None."""
    op, arg = item
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[1] == _UNBOUNDED:
        return _first(list(arg[2]), fold, dotall) or None
    if op == c.SUBPATTERN:
        found = frozenset()
        for sub in reversed(list(arg[-1])):
            found |= _tail_repeat(sub, fold, dotall) or frozenset()
            if not _nullable(sub):
                break
        return found or None
    if op == c.BRANCH:
        sets = [s for s in (_tail_repeat((c.SUBPATTERN, (None, 0, 0, b)), fold, dotall) for b in arg[1]) if s]
        return frozenset().union(*sets) if sets else None
    return None


def _nullable(item) -> bool:
    op, arg = item
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return arg[0] == 0 or all(map(_nullable, arg[2]))
    if op == c.SUBPATTERN:
        return all(map(_nullable, arg[-1]))
    if op == c.BRANCH:
        return any(all(map(_nullable, b)) for b in arg[1])
    return op in (c.AT, c.ASSERT, c.ASSERT_NOT, c.GROUPREF_EXISTS)


def _first(items: list, fold: bool, dotall: bool) -> frozenset:
    """The sample characters a match of `items` can begin with."""
    found = frozenset()
    for item in items:
        found |= _first_of(item, fold, dotall)
        if not _nullable(item):
            break
    return found


def _first_of(item, fold: bool, dotall: bool) -> frozenset:
    op, arg = item
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _first(list(arg[2]), fold, dotall)
    if op in (c.SUBPATTERN, c.ATOMIC_GROUP):
        return _first(list(arg[-1] if op == c.SUBPATTERN else arg), fold, dotall)
    if op == c.BRANCH:
        return frozenset().union(*(_first(list(b), fold, dotall) for b in arg[1]))
    return _chars(op, arg, fold, dotall)


def _chars(op, arg, fold: bool, dotall: bool) -> frozenset:
    if op == c.LITERAL:
        return _fold(frozenset({chr(arg)}) & _SAMPLE or frozenset({chr(arg)}), fold)
    if op == c.NOT_LITERAL:
        return _SAMPLE - _fold(frozenset({chr(arg)}), fold)
    if op == c.ANY:
        return _SAMPLE if dotall else _SAMPLE - {"\n"}
    if op == c.IN:
        return _in(arg, fold)
    return frozenset()


def _in(members, fold: bool) -> frozenset:
    found, negate = set(), False
    for op, arg in members:
        if op == c.NEGATE:
            negate = True
        elif op == c.LITERAL:
            found.add(chr(arg))
        elif op == c.RANGE:
            found |= {ch for ch in _SAMPLE if arg[0] <= ord(ch) <= arg[1]}
        elif op == c.CATEGORY:
            found |= {ch for ch in _SAMPLE if _CATEGORIES.get(arg, lambda _: False)(ch)}
    chars = _fold(frozenset(found), fold)
    return _SAMPLE - chars if negate else chars


def _fold(chars: frozenset, fold: bool) -> frozenset:
    return chars | {ch.swapcase() for ch in chars} if fold else chars


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_CATEGORIES = {
    c.CATEGORY_DIGIT: str.isdecimal,
    c.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    c.CATEGORY_SPACE: str.isspace,
    c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    c.CATEGORY_WORD: _word,
    c.CATEGORY_NOT_WORD: lambda ch: not _word(ch),
}
