"""The query service: one function answers the search page and the JSON endpoint.

Elasticsearch answers when SEARCH_URL is set and the server responds; otherwise the database does
(search.fallback), with the same parameters and the same result shape, and one warning is logged.

Ranking (Elasticsearch):
- the query is searched as typed and, beside it, in its other wordings (search.synonyms: reviewed
  synonyms and abbreviations, Telex leftovers, i/y spellings); the search page names them;
- most of the words naming what is sought must match the folded title or body (all of up to
  three, three in four beyond; question words such as "ở đâu", "bao nhiêu" need not, and they
  do not score); folded:
  "duong" finds "đường" and "dương"; misspelt words may match with one edit at a lower score;
- matches that keep the query's diacritics score more (so "đường" ranks above "dương");
- title above body above the text of attached files; consecutive words (shingles) above scattered
  ones;
- a document number, in any spelling, puts that document first, and right after it its
  consolidated texts (search.numbers); a type word with a number and no year ("nghị định 15",
  also inside a longer query: "luật đất đai số 31") finds that number in every year;
- what a typed abbreviation or everyday phrase stands for must be found, as typed or in another
  wording of it (search.ranking.CONCEPT_ALL_WORDS);
- at equal relevance, documents in force rank above expired ones and procedures above documents;
  a procedure named as a variant the query does not ask for ("Cấp lại ...") ranks lower
  (search.ranking).
Near-duplicates (records of a SearchSpec.grouped_by_title type with the same title: one procedure
at several levels) are collapsed into the best of them, the others listed as its variants; the
total counts results so.
User text only ever goes into match, term and prefix queries, never into query_string.
"""

import logging

from search import best_bets, fallback
from search.client import UNAVAILABLE, client, enabled
from search.documents import alias_name
from search.entries import entries
from search.facets import FACET_SIZE, FACETS, label_facets, value_label
from search.highlight import CLOSE, OPEN, from_tagged, mark_words, snippet
from search.numbers import COMPANION_BOOST, companion_ids, number_lookups
from search.ranking import (
    ATTACHMENT_WEIGHT, CONCEPT_ALL_WORDS, KIND_WEIGHTS, VARIANT_KIND, VARIANT_WEIGHT, unasked_variants,
)
from search.results import MAX_VARIANTS, Hit, SearchResults, Variant
from search.synonyms import asked_about, wordings
from cms.core.registry import searchable_record_types
from cms.core.text import fold

logger = logging.getLogger("cong.search")

MAX_QUERY_TOKENS = 32
MIN_SHOULD_MATCH = "3<75%"
CONCEPT_SHOULD_MATCH = f"{CONCEPT_ALL_WORDS}<75%"
IN_FORCE_WEIGHT = 1.15
SUGGEST_FIELDS = ("title_folded", "body_folded")
VARIANT_FIELDS = ["kind", "object_id", "title", "url", "path", "portals", "level"]
GROUP_COUNT_PRECISION = 40_000  # groups counted exactly up to this many (Elasticsearch's maximum)
FOLDED_FIELDS = ["title_folded^3", "body_folded", f"attachments_folded^{ATTACHMENT_WEIGHT}"]


def search(params):
    """SearchResults for validated SearchParams (search.forms), best bets first."""
    return with_best_bets(params, engine_search(params))


def engine_search(params):
    if enabled():
        try:
            return elasticsearch_search(params)
        except UNAVAILABLE as error:
            logger.warning("search fallback: %s: %s", type(error).__name__, error)
    return fallback.search(params)


def with_best_bets(params, results):
    """The results with the serving portal's best bets for the query first (search.best_bets),
    each once: a pinned result leaves the ordinary list. Unpublished results are not shown."""
    targets = best_bets.pinned(params)
    if not targets:
        return results
    links = fallback.Links(params.here)
    found = [source for kind, object_id in targets for _pk, source in entries(kind, [object_id], links.portal_map) if source]
    results.best_bets = [to_hit(params, {"_source": source}, links) for source in found]
    shown = {(hit.kind, hit.object_id) for hit in results.best_bets}
    results.hits = [hit for hit in results.hits if (hit.kind, hit.object_id) not in shown]
    return results


def elasticsearch_search(params):
    body = request_body(params)
    response = client().search(index=alias_name(), body=body)
    return parse_response(params, response)


# --- request ---------------------------------------------------------------------------------


def query_text(q):
    """The query cut to MAX_QUERY_TOKENS words: (original, folded)."""
    words = q.split()[:MAX_QUERY_TOKENS]
    text = " ".join(words)
    return text, fold(text)


def has_words(q):
    return any(ch.isalnum() for ch in q)


def request_body(params):
    text, folded = query_text(params.q)
    scored = scored_query(text) if has_words(text) else {"match_all": {}}
    body = {
        "query": {"bool": {"must": [scored], "filter": filter_clauses(params)}},
        "from": params.offset, "size": params.per_page, "track_total_hits": True,
        "_source": {"excludes": ["title_folded", "body_folded", "attachments", "attachments_folded"]},
        "aggs": {
            **{field: {"terms": {"field": field, "size": FACET_SIZE}} for field in FACETS},
            "groups": {"cardinality": {"field": "group", "precision_threshold": GROUP_COUNT_PRECISION}},
        },
        "collapse": {"field": "group", "inner_hits": {
            "name": "variants", "size": MAX_VARIANTS + 1, "_source": {"includes": VARIANT_FIELDS},
        }},
    }
    if params.sort == "date" or not has_words(text):
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    if has_words(text):
        body["highlight"] = highlight(text, folded)
        body["suggest"] = {
            "text": folded, **{field: {"term": {"field": field, "min_word_length": 3}} for field in SUGGEST_FIELDS}
        }
    return body


def filter_clauses(params):
    clauses = [{"term": {field: value}} for field, value in params.filters().items()]
    if params.portal is not None:
        clauses.append({"term": {"portals": params.portal.pk}})
    dates = {key: value.isoformat() for key, value in (("gte", params.date_from), ("lte", params.date_to)) if value}
    if dates:
        clauses.append({"range": {"date": dates}})
    return clauses


def scored_query(text):
    should = text_clauses(text) + number_clauses(text)
    return {
        "function_score": {
            "query": {"bool": {"should": should, "minimum_should_match": 1}},
            "functions": [{"filter": {"term": {"in_force": True}}, "weight": IN_FORCE_WEIGHT}] + [
                {"filter": {"term": {"kind": kind}}, "weight": weight} for kind, weight in KIND_WEIGHTS.items()
            ] + variant_functions(text),
            "score_mode": "multiply", "boost_mode": "multiply",
        }
    }


def variant_functions(text):
    """A procedure named as a variant the query does not ask for ranks lower (search.ranking)."""
    found = wordings(text)
    unasked = unasked_variants([[fold(word) for word in words] for words in [found.words, *found.variants()]])
    if not unasked:
        return []
    variant = {"bool": {"filter": [{"term": {"kind": VARIANT_KIND}}], "minimum_should_match": 1,
                        "should": [{"match_phrase": {"title_folded": phrase}} for phrase in unasked]}}
    return [{"filter": variant, "weight": VARIANT_WEIGHT}]


def text_clauses(text):
    """The query as typed, and as well its other wordings (search.synonyms)."""
    found = wordings(text)
    concepts = [_concept_clause(typed, others) for typed, others in found.concepts]
    clauses = [_wording_clause(found.words, concepts, text)]
    clauses += [_wording_clause(variant, concepts) for variant in found.variants()]
    return clauses


def _concept_clause(typed, others):
    """What a typed phrase stands for (search.ranking.CONCEPT_ALL_WORDS, search.synonyms.Wordings.concepts)."""
    others = [fold(" ".join(words)) for words in others]
    return {"bool": {"should": [
        *[{"multi_match": {"query": phrase, "type": "phrase", "fields": FOLDED_FIELDS}}
          for phrase in [fold(" ".join(typed)), *others]],
        *[{"match": {"title_folded": {"query": text, "minimum_should_match": CONCEPT_SHOULD_MATCH}}}
          for text in others],
        *[{"multi_match": {"query": text, "type": "cross_fields", "fields": FOLDED_FIELDS,
                           "minimum_should_match": CONCEPT_SHOULD_MATCH}}
          for text in others if len(text.split()) > CONCEPT_ALL_WORDS],
    ]}}


def _wording_clause(words, concepts, text=None):
    """Most of the words naming what is sought must match (question words need not), and what the
    query's abbreviations and everyday words stand for; words next to each other and, when the query
    has diacritics, words that keep them score more."""
    kept = asked_about(words)
    required_text = fold(" ".join(kept))
    folded_fields = FOLDED_FIELDS
    required = {
        "bool": {
            "should": [
                {"multi_match": {"query": required_text, "type": "cross_fields", "fields": folded_fields,
                                 "operator": "or", "minimum_should_match": MIN_SHOULD_MATCH}},
                {"multi_match": {"query": required_text, "fields": folded_fields, "fuzziness": "AUTO:4,7",
                                 "prefix_length": 1, "minimum_should_match": MIN_SHOULD_MATCH, "boost": 0.2}},
            ]
        }
    }
    boosts = [
        {"multi_match": {"query": required_text, "fields": ["title_folded.shingle^3", "body_folded.shingle",
                                                            f"attachments_folded.shingle^{ATTACHMENT_WEIGHT}"],
                         "boost": 1.5}},
    ]
    if text is not None and fold(text) != text.lower():  # the query has diacritics: reward matches that keep them
        boosts += [
            {"multi_match": {"query": " ".join(kept), "fields": ["title^3", "body"], "boost": 2}},
            {"multi_match": {"query": " ".join(kept), "fields": ["title.shingle^3", "body.shingle"], "boost": 1}},
        ]
    return {"bool": {"must": [required], "filter": concepts, "should": boosts}}


def number_clauses(text):
    """The documents the query names by number (search.numbers), and right after them their companions."""
    clauses = [lookup.clause("number_key") for lookup in number_lookups(text)]
    for rtype in searchable_record_types():
        ids = companion_ids(rtype, text)
        if ids:
            clauses.append({"constant_score": {"boost": COMPANION_BOOST, "filter": {"bool": {"filter": [
                {"term": {"kind": rtype.key}}, {"terms": {"object_id": ids}}]}}}})
    return clauses


def highlight(text, folded):
    query = {"bool": {"should": [
        {"multi_match": {"query": folded, "fields": ["title_folded", "body_folded", "attachments_folded"]}},
        {"multi_match": {"query": text, "fields": ["title", "body", "attachments"]}},
    ]}}
    return {
        "type": "fvh", "pre_tags": [OPEN], "post_tags": [CLOSE], "highlight_query": query,
        "fields": {
            "title": {"matched_fields": ["title", "title_folded"], "number_of_fragments": 0},
            "body": {"matched_fields": ["body", "body_folded"], "fragment_size": 200, "number_of_fragments": 1,
                     "no_match_size": 200},
            "attachments": {"matched_fields": ["attachments", "attachments_folded"], "fragment_size": 200,
                            "number_of_fragments": 1},
        },
    }


# --- response --------------------------------------------------------------------------------


def parse_response(params, response):
    links = fallback.Links(params.here)
    hits = [to_hit(params, raw, links) for raw in response["hits"]["hits"]]
    counts = {
        field: [(bucket["key"], bucket["doc_count"]) for bucket in response["aggregations"][field]["buckets"]]
        for field in FACETS
    }
    return SearchResults(
        query=params.q, total=response["aggregations"]["groups"]["value"], page=params.page, per_page=params.per_page,
        hits=hits, facets=label_facets(counts), suggestion=suggestion(params.q, response),
        expansions=wordings(params.q).expansions,
    )


def to_hit(params, raw, links):
    source, found = raw["_source"], raw.get("highlight", {})
    title = from_tagged(found["title"][0]) if "title" in found else mark_words(source["title"], params.q)
    from_attachment = "attachments" in found and OPEN not in found.get("body", [""])[0]
    if from_attachment:
        body = from_tagged(found["attachments"][0])
    else:
        body = from_tagged(found["body"][0]) if "body" in found else snippet(source.get("body", ""), params.q)
    return Hit(
        kind=source["kind"], object_id=source["object_id"], title=title, snippet=body,
        snippet_from_attachment=from_attachment, level=value_label("level", source.get("level")),
        variants=variants(raw, links),
        url=links.url(source["kind"], source["object_id"], source.get("portals", []), source["url"], source["path"]),
        date=source.get("date"), number=source.get("number", ""), effect_status=source.get("effect_status", ""),
        in_force=source.get("in_force", True),
    )


def variants(raw, links):
    """The other records of the hit's group (collapse's inner hits), each with a link and a label."""
    found = raw.get("inner_hits", {}).get("variants", {}).get("hits", {}).get("hits", [])
    others = [hit["_source"] for hit in found if hit["_id"] != raw["_id"]][:MAX_VARIANTS]
    return [Variant(
        title=source["title"], label=value_label("level", source.get("level")),
        url=links.url(source["kind"], source["object_id"], source.get("portals", []), source["url"], source["path"]),
    ) for source in others]


def suggestion(q, response):
    """The folded query with unknown words replaced by their best-known neighbours, if any."""
    per_field = [response.get("suggest", {}).get(field, []) for field in SUGGEST_FIELDS]
    words = [_corrected(entries) for entries in zip(*per_field)]
    corrected = " ".join(words)
    return corrected if words and corrected != fold(q) else ""


def _corrected(entries):
    """The most frequent suggestion for one word over the suggested fields; numbers stay."""
    word = entries[0]["text"]
    options = [option for entry in entries for option in entry["options"]]
    if not options or any(ch.isdigit() for ch in word):
        return word
    return max(options, key=lambda option: (option["score"], option["freq"]))["text"]
