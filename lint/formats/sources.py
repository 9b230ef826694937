"""What a report keeps of each linted article's lines: all of them, or only those findings need."""


class SourceLines:
    """The lines of one article that a report needs, standing in for the full list of lines.

    A check keeps only the lines findings point at (their first and last line), so memory
    does not grow with the corpus; `len()` is still the article's line count. Lines not kept
    read as empty.
    """

    __slots__ = ("count", "kept")

    def __init__(self, count: int, kept: dict):
        self.count = count
        self.kept = kept

    @classmethod
    def of(cls, lines: list[str], findings) -> "SourceLines":
        wanted = set()
        for finding in findings:
            wanted.add(finding.line)
            wanted.add(finding.end_line)
        return cls(len(lines), {n: lines[n - 1] for n in wanted if 0 < n <= len(lines)})

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self.kept.get(index + 1, "")

    def __iter__(self):
        return (self[i] for i in range(self.count))


def source_lines(doc, findings, full: bool = False):
    """What a report keeps of a linted document: every line, or just the ones findings need."""
    return list(doc.lines) if full else SourceLines.of(doc.lines, findings)
