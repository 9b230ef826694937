"""The newsroom analyses the kinds read: the document and its sentences, quotations, credits
and page furniture. Pure functions of the text, each with its own tests; no rule logic here."""
