"""conditional: a trigger needs a required phrase in its window; each option with a finding
and a near miss."""

from .helper import check


def rule(**options):
    return {"kind": "conditional", "options": {"trigger": {"terms": ["doubled"]}, "require": {"terms": ["said"]}, **options}}


H = "Head\n\n"


def test_trigger_without_support_and_near_miss():
    check(f"{H}Rents doubled.\n", rule(), (3, 7))
    check(f"{H}Rents doubled, the agency said.\n", rule())


def test_sentence_windows():
    text = f"{H}Rents doubled. The agency said so.\n"
    check(text, rule(), (3, 7))
    check(text, rule(window=["sentence", "next-sentence"]))
    before = f"{H}The agency said so. Rents doubled.\n"
    check(before, rule(window=["sentence", "next-sentence"]), (3, 27))
    check(before, rule(window=["previous-sentence"]))


def test_paragraph_windows():
    after = f"{H}Rents doubled. Prices rose. The agency said so.\n"
    check(after, rule(window=["paragraph-before"]), (3, 7))
    check(after, rule(window=["paragraph"]))
    check(f"{H}Prices rose, the agency said. Rents doubled.\n", rule(window=["paragraph-before"]))


def test_previous_and_next_paragraph_windows():
    check(f"{H}The office said so.\n\nRents doubled.\n", rule(window=["previous-paragraph"]))
    check(f"{H}The office said so.\n\nRents doubled.\n", rule(), (5, 7))
    check(f"{H}Rents doubled.\n\nThe office said so.\n", rule(window=["next-paragraph"]))
    check(f"{H}Rents doubled.\n\nThe office said so.\n", rule(window=["previous-paragraph"]), (3, 7))


def test_prose_paragraph_windows_skip_quotation_paragraphs():
    quoted = f'{H}"We said so," he said.\n\nRents doubled.\n'
    check(quoted, rule(window=["previous-prose-paragraph"]), (5, 7))
    check(f"{H}The office said so.\n\nRents doubled.\n", rule(window=["previous-prose-paragraph"]))
    check(f"{H}Rents doubled.\n\nThe office said so.\n", rule(window=["next-prose-paragraph"]))


def test_unless_in_the_trigger_sentence():
    text = f"{H}If rents doubled, tenants would leave.\n"
    check(text, rule(), (3, 10))
    check(text, rule(unless={"terms": ["if"]}))


def test_skip_quoted_and_require_unquoted():
    quoted = f'{H}"Rents doubled," she wrote.\n'
    check(quoted, rule())
    check(quoted, rule(skip_quoted=False), (3, 8))
    support_in_quote = f'{H}Rents doubled, "as the agency said."\n'
    check(support_in_quote, rule())
    check(support_in_quote, rule(require_unquoted=True), (3, 7))


def test_scope():
    text = "Rents doubled\n\nRents doubled.\n"
    check(text, rule(), (1, 7), (3, 7))
    check(text, rule(scope="headline"), (1, 7))
    check(text, rule(scope="body"), (3, 7))


def test_exempt_credits():
    text = f"{H}By Jane Doe, Reuters\n\nThe talks resumed on Monday.\n"
    check(text, rule(trigger={"terms": ["Reuters"]}))
    check(text, rule(trigger={"terms": ["Reuters"]}, exempt_credits=False), (3, 14))


def test_ignore_case():
    text = f"{H}DOUBLED rents, it was.\n"
    check(text, rule(), (3, 1))
    check(text, rule(ignore_case=False))


def test_trigger_quotes_and_quote_unless():
    quotes = {"kind": "conditional", "options": {"trigger_quotes": 3, "require": {"terms": ["said"]}}}
    check(f'{H}"We will rebuild every home."\n', quotes, (3, 1))
    check(f'{H}"We will rebuild every home," she said.\n', quotes)
    check(f'{H}"We rebuild."\n', quotes)
    titled = {"kind": "conditional", "options": {"trigger_quotes": 3, "require": {"terms": ["said"]},
                                                 "quote_unless": {"patterns": [r"\G\W*We will"]}}}
    check(f'{H}"We will rebuild every home."\n', titled)
