"""The document numbers a query names, as lookups on the number field both engines run (search.query,
search.fallback): the whole query ("nđ 123/2015"), each word holding a number with a slash
("quyết định 06/QĐ-TTg đề án 06"), and a type word with a number inside a longer query ("nghị định
100 về xử phạt", "luật đất đai số 31": cms.core.text.numbers_named_in).

The records a query names by number come first; right after them come their companions, the
records a record type lists with them (SearchSpec.companions: a document's consolidated texts)."""

import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_

from django.db.models import Q

from cms.core.text import document_number_prefix, normalise_document_number, number_in_any_year, numbers_named_in

NUMBER_WORD = re.compile(r"\S*\d\S*/\S+")
# Elasticsearch: the scores of a record named by its complete number, by a loose one ("nđ 123/2015",
# "nghị định 15"), and of a companion; each above what text alone scores.
EXACT_BOOST, LOOSE_BOOST, COMPANION_BOOST = 2000, 1000, 500
MAX_NAMED = 5  # records named by number whose companions are looked up


@dataclass(frozen=True)
class NumberLookup:
    how: str  # "exact", "pattern" (a regular expression matching whole keywords) or "prefix"
    value: str

    def q(self, field):
        if self.how == "pattern":
            return Q(**{f"{field}__regex": f"^({self.value})$"})
        return Q(**{field if self.how == "exact" else f"{field}__startswith": self.value})

    def clause(self, field):
        if self.how == "exact":
            return {"constant_score": {"filter": {"term": {field: self.value}}, "boost": EXACT_BOOST}}
        if self.how == "pattern":
            return {"regexp": {field: {"value": self.value, "flags": "NONE", "boost": LOOSE_BOOST}}}
        return {"prefix": {field: {"value": self.value, "boost": LOOSE_BOOST}}}


@lru_cache(maxsize=1024)
def number_lookups(text):
    """The NumberLookups of the numbers the query names, each once."""
    found = []
    for candidate in [text, *NUMBER_WORD.findall(text), *numbers_named_in(text)]:
        key, any_year, prefix = (normalise_document_number(candidate), number_in_any_year(candidate),
                                 document_number_prefix(candidate))
        if key:
            found.append(NumberLookup("exact", key))
        elif any_year:
            found.append(NumberLookup("pattern", any_year))
        elif prefix:
            found.append(NumberLookup("prefix", prefix))
    return tuple(dict.fromkeys(found))


def numbered_q(rtype, text):
    """Q of the records of a type the query names by number; None when it names none."""
    lookups = number_lookups(text) if rtype.search.number_field else ()
    return reduce(or_, [lookup.q(rtype.search.number_field) for lookup in lookups]) if lookups else None


def companion_ids(rtype, text):
    """Ids of the live companions (SearchSpec.companions) of the records the query names by number."""
    named = numbered_q(rtype, text) if rtype.search.companions else None
    if named is None:
        return []
    return rtype.search.companions(rtype.model.objects.live().filter(named)[:MAX_NAMED])
