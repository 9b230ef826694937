"""The line model: how likely each line of a page is furniture, from what the layout steps found.

The layout steps (body span, headline, teaser lists, phrase roles) are good at finding the
story and weak at its edges, where menus, captions and the story's own short lines look
alike.  The model weighs their findings with the line's shape and its neighbours' (length,
closing punctuation, list marker, capitals, digits, repetition on the page) in a logistic
score.  The weights are data (weights.json), fitted on the tune part of the labelled page sets
by bench/furniture_train.py; applying them is a sum of dictionary look-ups per line.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("weights.json")
# the coarse place of a line against the story: before the headline, the headline, between it
# and the body, inside the body span, after it, or on a page where no body was found
_PLACES = ("nav", "head", "dek", "in", "tail", "none")


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS) -> tuple[dict[str, float], dict[str, float]]:
    """The two stages' weights, feature name -> weight ("bias" included), read once."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["lines"], data["neighbourhood"]


def scores(page, context, weights: tuple[dict, dict]) -> dict[int, float]:
    """The furniture probability of every non-blank line: a first score from the line's own
    features, then a second from the first scores around it (menus and link lists come in
    blocks; a story's short line sits among story lines)."""
    first = [probability(weights[0], features(page, i, context)) for i in context.shown]
    return {i: probability(weights[1], neighbourhood(first, k)) for k, i in enumerate(context.shown)}


def neighbourhood(first: list[float], k: int) -> list[str]:
    """The second stage's features of the k-th non-blank line, from the first-stage scores."""
    own = int(first[k] * 10)
    near = first[max(k - 2, 0):k] + first[k + 1:k + 3]
    far = first[max(k - 6, 0):k + 7]
    near_mean = int(10 * sum(near) / len(near)) if near else -1
    far_mean = int(10 * sum(far) / len(far))
    up = int(first[k - 1] * 5) if k else -1
    down = int(first[k + 1] * 5) if k + 1 < len(first) else -1
    return [f"p{own}", f"n{near_mean}", f"f{far_mean}", f"p{own}|n{near_mean}", f"p{own}|f{far_mean}",
            f"p{own}|u{up}|d{down}"]


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    for rank, edge in enumerate(edges):
        if value <= edge:
            return rank
    return len(edges)


_WORD_EDGES = (0, 1, 2, 3, 4, 6, 9, 14, 24, 49)
_GAP_EDGES = (1, 2, 5, 10, 30)


def _category(reason: str | None) -> str:
    """The kind of reason a layout step gave ("related-headlines list after 'X'" -> its head)."""
    return reason.split(" '", 1)[0] if reason else "-"


def _shape(item) -> tuple[str, ...]:
    """The features of one line's own look."""
    text = item.text
    words = text.split()
    caps = sum(1 for w in words if w[:1].isupper())
    digits = sum(1 for c in text if c.isdigit())
    return (
        f"w{_bucket(item.words, _WORD_EDGES)}",
        f"s{item.sentence:d}{text.endswith('.'):d}{text.endswith(':'):d}",
        f"p{item.prose:d}b{item.marker}l{item.letters:d}",
        f"cap{_bucket(4 * caps // max(len(words), 1), (0, 1, 2, 3))}",
        f"up{text.isupper():d}",
        f"dg{_bucket(10 * digits // max(len(text), 1), (0, 1, 3))}",
        f"ch{_bucket(len(text), (3, 10, 25, 60, 120, 250))}",
        f"pipe{('|' in text or ' • ' in text or ' · ' in text):d}",
        f"lo{text[:1].islower():d}cut{text.endswith(('…', '...')):d}",
    )


def _neighbour_shape(item, reason, kind) -> str:
    if item is None:
        return "end"
    return f"w{_bucket(item.words, (0, 3, 9, 24))}p{item.prose:d}s{item.sentence:d}r{reason is not None:d}k{kind is not None:d}"


def features(page, i: int, context) -> list[str]:
    """The named features of line i (a non-blank line); `context` is the page's LineContext."""
    item, reason = page.info[i], page.reasons[i]
    place, gap = context.place(i)
    shape = _shape(item)
    kind = page.kinds[i]
    own = [f"{name}" for name in shape]
    own += [
        f"kind:{kind}{page.whole[i]:d}",
        f"why:{_category(reason)}",
        f"at:{place}",
        f"at:{place}|gap{_bucket(gap, _GAP_EDGES)}",
        f"at:{place}|{shape[0]}",
        f"at:{place}|{shape[1]}|{shape[2]}",
        f"at:{place}|why:{_category(reason)}",
        f"teaser{i in page.teasers:d}",
        f"rep{context.repeated(i):d}",
        f"dens{context.density(i)}",
        f"at:{place}|dens{context.density(i)}",
        f"wide{context.density(i, 6) // 2}",
        f"at:{place}|after{context.prose_after(i)}",
        f"at:{place}|before{context.prose_before(i)}",
        f"{shape[0]}|after{context.prose_after(i)}",
        f"run{context.run(i)}",
        f"at:{place}|run{context.run(i)}",
        f"{shape[0]}|run{context.run(i)}|b{item.marker}",
        f"{shape[1]}|run{context.run(i)}",
        f"env:{context.envelope(i)}",
        f"env:{context.envelope(i)}|at:{place}",
        f"env:{context.envelope(i)}|{shape[0]}|b{item.marker}",
    ]
    before, after = context.before[i], context.after[i]
    for name, j in (("prev", before), ("next", after)):
        other = None if j is None else page.info[j]
        own.append(f"{name}:" + _neighbour_shape(other, None if j is None else page.reasons[j],
                                                    None if j is None else page.kinds[j]))
    return own


def _runs(prose: list[bool]) -> list[int]:
    """For each line, how many non-prose lines in a row hold it (0 for a prose line)."""
    runs, k = [0] * len(prose), 0
    while k < len(prose):
        if prose[k]:
            k += 1
            continue
        end = k
        while end < len(prose) and not prose[end]:
            end += 1
        runs[k:end] = [end - k] * (end - k)
        k = end
    return runs


def probability(weights: dict[str, float], names: list[str]) -> float:
    total = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) for name in names)
    return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


class LineContext:
    """What the features read about a line's surroundings, computed once per page: its nearest
    non-blank neighbours, its place against the story, repetition and prose density."""

    def __init__(self, page, start: int | None, end: int | None, headline: int | None):
        info = page.info
        self.page, self.start, self.end, self.headline = page, start, end, headline
        shown = [i for i, item in enumerate(info) if not item.blank]
        self.rank = {i: k for k, i in enumerate(shown)}
        self.shown = shown
        self.before = {i: (shown[k - 1] if k else None) for k, i in enumerate(shown)}
        self.after = {i: (shown[k + 1] if k + 1 < len(shown) else None) for k, i in enumerate(shown)}
        counts: dict[str, int] = {}
        for i in shown:
            counts[info[i].text] = counts.get(info[i].text, 0) + 1
        self._counts = counts
        prose = [0]
        for i in shown:
            prose.append(prose[-1] + info[i].prose)
        self._prose = prose
        self._runs = _runs([info[i].prose for i in shown])
        dense = [k for k, i in enumerate(shown) if info[i].prose and self.density(i) >= 1]
        self._envelope = (dense[0], dense[-1]) if dense else None

    def repeated(self, i: int) -> bool:
        return self._counts[self.page.info[i].text] > 1

    def density(self, i: int, reach: int = 2) -> int:
        """Prose lines among the `reach` non-blank lines on each side."""
        k = self.rank[i]
        lo, hi = max(k - reach, 0), min(k + reach + 1, len(self.shown))
        return self._prose[hi] - self._prose[lo] - self.page.info[i].prose

    def envelope(self, i: int) -> str:
        """Where line i lies against the envelope of the page's prose (first to last prose line
        with prose near it): above it, below it (with the distance), or inside."""
        if self._envelope is None:
            return "none"
        k, (top, bottom) = self.rank[i], self._envelope
        if k < top:
            return f"above{_bucket(top - k, _GAP_EDGES)}"
        if k > bottom:
            return f"below{_bucket(k - bottom, _GAP_EDGES)}"
        return "inside"

    def run(self, i: int) -> int:
        """The length (bucketed) of the run of short lines holding line i: menus and link lists
        come in long runs, a story's subhead alone between paragraphs."""
        return _bucket(self._runs[self.rank[i]], (0, 1, 2, 4, 8, 16))

    def prose_after(self, i: int) -> int:
        """How many prose lines the page has below line i (bucketed)."""
        return _bucket(self._prose[-1] - self._prose[self.rank[i] + 1], (0, 1, 2, 5, 10))

    def prose_before(self, i: int) -> int:
        return _bucket(self._prose[self.rank[i]], (0, 1, 2, 5, 10))

    def place(self, i: int) -> tuple[str, int]:
        """(place of _PLACES, distance in non-blank lines to the body span)."""
        if self.start is None:
            return "none", 0
        k = self.rank[i]
        if i < self.start:
            gap = self.rank.get(self.start, k) - k
            if self.headline is None or i > self.headline:
                return "dek", gap
            return ("head", gap) if i == self.headline else ("nav", gap)
        if i > self.end:
            return "tail", k - self.rank[self.end]
        return "in", 0
