"""Existence: a phrase that should not appear in prose (weasel words, hedges, boilerplate).

`unless` phrases in the same sentence cancel the finding ("reportedly ... according to X").
"""

from lint.context import Hit
from lint.kinds.common import PROSE_OPTIONS, compile_phrases
from lint.schema import Option

OPTIONS = {
    "terms": Option("list", default=[]),
    "patterns": Option("regexes", default=[]),
    "lexicons": Option("list", default=[]),
    "unless": Option("mapping", default={}, help="phrases that cancel a match in its sentence"),
    **PROSE_OPTIONS,
    "ignore_case": Option("bool", default=True),
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
    cancelled: dict[int, bool] = {}  # sentence -> whether an `unless` phrase is in it, read once
    for start, end in prepared["match"].spans(doc.prose):
        if start == end:
            continue
        if prepared["unless"] is not None:
            index = doc.sentence_index(start)
            if index not in cancelled:
                s_start, s_end, _ = doc.sentences[index]
                cancelled[index] = prepared["unless"].search(doc.prose, s_start, s_end) is not None
            if cancelled[index]:
                continue
        yield Hit(start, end)
