"""The one question the furniture detector asks about credits: is this line the story's credit
(a byline, a dateline, an agency line, a trailer)?  Such lines are never furniture: they
belong to the credit-line checks.  The answer is the credit recogniser's
(lint.newsroom.credit's CreditReader, built from the credit lexicons by the kind), so the
detector keeps no list of agencies or byline forms of its own."""


def credit_test(reader):
    """A function text -> whether the line is a story credit by the reader (a photo credit is
    a caption, not the story's credit); with no reader, nothing is."""
    if reader is None:
        return _never

    def is_credit(text: str) -> bool:
        found = reader.credit_line(text)
        return found is not None and found.kind != "photo"

    return is_credit


def _never(text: str) -> bool:
    return False


def top_credits(reader, lines: list[str], headline: int | None, lede: int) -> set[int]:
    """Lines from the headline down to the lede that the reader reads as the story's credits
    by their layout too (a bare name over the lede, a byline split over two lines)."""
    if reader is None or headline is None:
        return set()
    return {headline + i for i in reader.top_credit_lines(lines[headline:lede + 1])}
