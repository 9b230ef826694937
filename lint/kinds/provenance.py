"""Provenance: the body carries another outlet's first-person reporting marker.

"In a letter seen by Reuters" in a story credited to AFP means the text came from Reuters;
citing another outlet ("according to Reuters", "told CBS News") is normal and is not a marker
(lint.newsroom.credit.markers). A story whose credit names no outlet is read as the house's
own (`house.outlet`), and not checked at all when the house names none: its outlet is unknown.
"""

from lint.context import Hit
from lint.kinds.common import PROSE_OPTIONS
from lint.newsroom.credit import find_provenance_markers
from lint.schema import Option

OPTIONS = {
    "strengths": Option("list", default=["strong", "interview"], choices=("strong", "interview"),
                        help="marker strengths reported: strong sightings, and interview forms of outlets "
                             "whose wire style uses them for their own interviews"),
    **PROSE_OPTIONS,
}
ARGS = ("outlet", "credit")
PROSE = True


def prepare(options: dict, lexicons, path: str):
    return dict(options)


def check(doc, prepared, ctx):
    reader = ctx.credit_reader
    credited = set().union(*(c.outlets for c in ctx.credits))
    if not credited:
        house = ctx.house.get("outlet")
        if not house:
            return
        credited = {reader.outlet_id(house)}
    credit = ", ".join(sorted(credited))
    for marker in find_provenance_markers(doc.prose, reader):
        if marker.strength not in prepared["strengths"] or marker.outlet in credited:
            continue
        yield Hit(marker.start, marker.end, {"outlet": marker.outlet, "credit": credit})
