"""Existence: a phrase that should not appear in prose (weasel words, hedges, boilerplate).

`unless` phrases in the same sentence cancel the finding ("reportedly ... according to X"),
but not from inside the match itself: the "said" of "is said to have" names nobody.
"""

from lint.context import Hit
from lint.kinds.common import GENRES, PROSE_OPTIONS, compile_phrases, in_genre
from lint.schema import Option

OPTIONS = {
    "terms": Option("list", default=[], help="literal phrases, case-insensitive, word-bounded"),
    "patterns": Option("regexes", default=[], help="regular expressions (regex module syntax)"),
    "lexicons": Option("list", default=[], help="names of shared lexicon files (rules/lexicons/)"),
    "unless": Option("mapping", default={}, help="phrases that cancel a match in its sentence"),
    **PROSE_OPTIONS,
    "ignore_case": Option("bool", default=True, help="match phrases whatever their case"),
    "genres": GENRES,
}
ARGS = ()
PROSE = True


def prepare(options: dict, lexicons, path: str):
    phrases = {key: options[key] for key in ("terms", "patterns", "lexicons") if options[key]}
    return {
        **options,
        "match": compile_phrases(phrases, lexicons, path, "options", options["ignore_case"]),
        "unless": compile_phrases(options["unless"], lexicons, path, "options.unless"),
    }


def check(doc, prepared, ctx):
    if not in_genre(ctx, prepared["genres"]):
        return
    unless: dict[int, tuple | None] = {}  # sentence -> where its `unless` phrases lie, read once
    for start, end in prepared["match"].spans(doc.prose):
        if start == end:
            continue
        if prepared["unless"] is not None:
            index = doc.sentence_index(start)
            if index not in unless:
                unless[index] = _bounds(prepared["unless"], doc.prose, doc.sentences[index])
            if _cancelled(unless[index], start, end):
                continue
        yield Hit(start, end)


def _bounds(unless, text: str, sentence) -> tuple | None:
    """(first start, last end) of the `unless` phrases of a sentence, or None: a sentence is
    read once however many matches it holds."""
    spans = list(unless.spans(text, sentence.start, sentence.end))
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None


def _cancelled(bounds: tuple | None, start: int, end: int) -> bool:
    """Whether an `unless` phrase of the sentence lies outside the match [start, end): not
    every one of them lies inside it."""
    return bounds is not None and not (start <= bounds[0] and bounds[1] <= end)
