"""Provenance markers: phrases in which an outlet reports in the first person ("seen by
Reuters", "AP could not independently verify", "a Reuters witness"), the interview forms of
outlets whose wire style uses them for their own interviews ("told Reuters"), and credit forms
only one outlet uses ("(Reporting by ...; Editing by ...)"). Citations ("according to AP",
"CNN reported", "according to a CNN tally", "told CBS News") are not markers.

Every marker holds an outlet alias, so the marker patterns are only tried around the places
where an alias occurs (found by one literal search of the text), each within REACH characters
of it: no scan of the whole article per pattern.
"""

from dataclasses import dataclass

from lint.matching import RuleTimeout, finditer, limit as _limit

REACH = 120  # characters a marker may run before and after its outlet


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    outlet: str
    strength: str
    phrase: str


def alias_starts(text: str, reader) -> list[int]:
    """Every offset where an alias occurs between edges the outlet slot allows: a superset of
    where the slot of a marker can match. Searched again one character on from each hit, so
    an alias inside a longer one ("Reuters" in "Thomson Reuters") is found too."""
    anywhere, bounded = reader.alias_finders
    search, starts = anywhere.search, []
    match = search(text)
    while match is not None:
        at = match.start()
        if bounded.match(text, at):
            starts.append(at)
        match = search(text, at + 1)
    return starts


def _slot_start(match) -> int | None:
    """Where the alias of a marker match starts (the slot's named alias group)."""
    for name, value in match.groupdict().items():
        if value is not None and name.startswith("o") and "_" in name:
            return match.start(name)
    return None


def _around(compiled, text: str, at: int):
    """Matches of a marker pattern within REACH of offset `at` whose outlet starts there."""
    low, high = max(0, at - REACH), min(len(text), at + REACH)
    position = low
    while position <= at:
        try:
            match = compiled.search(text, position, high, timeout=_limit(position, high))
        except TimeoutError:
            raise RuleTimeout() from None
        if match is None or match.start() > at:
            return
        if _slot_start(match) == at:
            yield match
            return
        position = match.start() + 1


def find_provenance_markers(text: str, reader) -> list[Marker]:
    """First-person reporting markers of outlets in `text`, in order of position: at most one
    per occurrence of an outlet, the strongest form that takes it (strong forms first)."""
    interview = reader.data.interview_outlets
    markers = []
    for at in alias_starts(text, reader):
        for compiled, strength in reader.marker_res:
            match = next(_around(compiled, text, at), None)
            if match is None:
                continue
            outlet = reader.outlet_of(match)
            if strength == "interview" and outlet not in interview:
                continue
            markers.append(Marker(match.start(), match.end(), outlet, strength, match.group()))
            break
    for compiled, outlet in reader.house_form_res:
        for match in finditer(compiled, text):
            markers.append(Marker(match.start(), match.end(), outlet, "strong", match.group()))
    return sorted(markers, key=lambda m: (m.start, m.end))
