"""Credit lines and provenance markers: who an article is credited to, and whose reporting it
shows. The one definition of a credit in copydesk; its data are lexicons in rules/lexicons/.

Credits come in these forms: a byline ("By Jo Smith and Sam Jones", "By The Atlantic",
"Jane Doe | Reuters", or a bare name between headline and lede), an agency name alone on a
line near the top, a dateline credit ("LONDON, Jan 5 (Reuters) -", "WASHINGTON (AP) —"), a
trailer ("(Reporting by ...)", "... contributed reporting", "(c) 2024 The Associated Press",
the wire's "Reuter" sign-off) and a front-matter field. Photo credits ("(AP Photo/...)",
"REUTERS/Name") are none of these: pictures are licensed apart from the text.

Provenance markers are phrases in which an outlet reports in the first person ("seen by
Reuters", "obtained by POLITICO", "AP could not independently verify"); citations ("according
to AP", "CNN reported", "told CBS News") are not markers.

    reader = CreditReader.from_lexicons(lexicons)     # once per set of lexicons
    reader.credit_line("By Jo Smith and Sam Jones")   # CreditLine(kind="byline", ...)
    find_credits(lines, front_matter, fields, reader) # every credit of an article
    find_provenance_markers(text, reader)             # every marker, in order

Modules: names (people's names), reader (the lexicons, compiled), lines (the forms on one
line), article (where the layout puts them), markers (provenance).
"""

from lint.newsroom.credit.article import Credit, find_credits, trailer_lines
from lint.newsroom.credit.lines import CreditLine
from lint.newsroom.credit.markers import Marker, find_provenance_markers
from lint.newsroom.credit.reader import CreditData, CreditReader, Outlet

__all__ = ["Credit", "CreditData", "CreditLine", "CreditReader", "Marker", "Outlet", "find_credits",
           "find_provenance_markers", "trailer_lines"]
