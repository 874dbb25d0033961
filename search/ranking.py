"""Ranking weights both engines share (search.query, search.fallback)."""

# Citizens searching a portal mostly look for a public service: at equal relevance a procedure ranks
# above a document speaking of it. A document number in the query still puts that document first.
KIND_WEIGHTS = {"procedure": 1.25}
# Text read from attached files (cms.core.file_text) counts less than the record's own fields: it
# is long, and a word somewhere in an annex says less than the same word in the abstract.
ATTACHMENT_WEIGHT = 0.3
