"""What kind of piece a document is: reported news, or argued copy (opinion, analysis,
letters, column) where the writer's own claims are the point and the news expectations on
sourcing do not hold.

Decided once per document, first rule that answers wins: a `genre` field in the front matter,
then a kicker line at the top of the story ("Opinion", "Analysis", "Letters to the editor",
"Column: ..."), then the house setting (`house.genre`, default news).
"""

import re

GENRES = ("news", "opinion", "analysis", "letters", "column")

# The label a desk puts above or below the headline, alone on its line.
_KICKERS = {
    "opinion": "opinion|op-ed|commentary|editorial|comment|viewpoint|perspective",
    "analysis": "analysis|news analysis",
    "letters": "letters?|letters? to the editor|your letters|readers'? letters",
    "column": "column|columnist",
}
_KICKER = re.compile(
    r"[ \t]*(?:(?P<opinion>" + _KICKERS["opinion"] + r")|(?P<analysis>" + _KICKERS["analysis"]
    + r")|(?P<letters>" + _KICKERS["letters"] + r")|(?P<column>" + _KICKERS["column"]
    + r"))[ \t]*(?:[:|—–-][^\n]*)?",
    re.I,
)
# The kicker sits in the first few lines of the body (above the headline, or under it).
_KICKER_LINES = 3


def genre_of(doc, house_genre: str = "news") -> str:
    """The genre of one document: front matter, then kicker line, then the house setting."""
    field = doc.front_matter.get("genre")
    if isinstance(field, str) and field.strip().lower() in GENRES:
        return field.strip().lower()
    seen = 0
    for start, end in _first_lines(doc.prose, doc.body_start):
        seen += 1
        match = _KICKER.fullmatch(doc.prose, start, end)
        if match:
            return match.lastgroup
        if seen >= _KICKER_LINES:
            break
    return house_genre


def _first_lines(text: str, start: int):
    """(start, end) of the non-blank lines from `start` on, lazily."""
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            yield start, end
        start = end + 1
