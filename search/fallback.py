"""The database answer to a search: the same parameters and result shape as Elasticsearch.

Used when SEARCH_URL is empty (the embedded default) or the search server is unreachable. The
query and its other wordings (search.synonyms) are searched: a record matches when its folded text
(diacritics optional) holds most of the words naming what is sought in one of them (all of up to
three words, three in four beyond; question words need not match), a page when its folded title
and description do. A type word with a number and no year ("nghị định 15") finds that number in
every year. Ranking: document number; then relevance(): of the best wording, the share of its
words in the text and, whole words, in the title, the share of the title they make up and the
wording whole as a phrase, times the kind's weight (search.ranking); then in force; newest.
Near-duplicates (SearchSpec.grouped_by_title) are one result, the best of them, with the others as
its variants; the total counts results so.
"""

import datetime
from functools import cached_property, reduce
from heapq import merge
from operator import add, or_

from django.db.models import Case, Count, DateTimeField, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractYear, Greatest, Length, Replace, TruncDate
from wagtail.models import Page

from cms.core.registry import searchable_record_types
from cms.core.text import document_number_prefix, fold, normalise_document_number, number_in_any_year, plain_text, tokens
from cms.filters import YearFilter
from cms.records import MAX_QUERY_WORDS, folded_most_words_q
from search.entries import PortalMap
from search.facets import FACET_SIZE, FACETS, label_facets, value_label
from search.highlight import first_match, mark_words, snippet
from search.models import PAGE
from search.ranking import KIND_WEIGHTS
from search.results import MAX_VARIANTS, Hit, SearchResults, Variant
from search.synonyms import content_words, wordings


NEVER = datetime.date.min  # sorts last among dates
MAX_RELAXED_WORDS = 8  # words of a wording beyond these are not looked for (SQLite looks for 28 combinations at most)
RANK_KEYS = ["rank_number", "rank_relevance", "rank_force", "rank_date"]
TITLE_WEIGHT = 2
PHRASE_IN_TITLE = 100
PHRASE_IN_TEXT = 30


def search(params):
    found = wordings(params.q)
    groups = [content_words(words)[:MAX_QUERY_WORDS] for words in [found.words, *found.variants()] if words]
    sources = [RecordSource(rtype, params, groups) for rtype in searchable_record_types()
               if RecordSource.applies(rtype, params)]
    sources += [PageSource(params, groups)] if PageSource.applies(params) else []
    limit = params.offset + params.per_page
    rows = merge(*(s.rows(limit, params.sort) for s in sources), key=lambda row: row[0], reverse=True)
    page = grouped(rows)[params.offset:limit]
    links, portals = Links(params.here), PortalMap()
    by_kind = {s.kind: s for s in sources}
    hits = [by_kind[kind].hit(pk, params.q, links, portals, others) for (_key, kind, pk, _group), *others in page]
    return SearchResults(
        query=params.q, total=sum(s.count for s in sources), page=params.page, per_page=params.per_page,
        hits=hits, facets=label_facets(_merged_counts(sources)), backend="database", expansions=found.expansions,
    )


def grouped(rows):
    """Rows in rank order, near-duplicates (rows of one group) after the best of them: [[best, *others]]."""
    groups = {}
    for row in rows:
        groups.setdefault(row[3] or row[1:3], []).append(row)
    return list(groups.values())


def words_needed(count):
    """How many of `count` words must match (as Elasticsearch's minimum_should_match "3<75%")."""
    return count if count <= 3 else count * 3 // 4


def relaxed(groups):
    """Each group's distinct words, the first MAX_RELAXED_WORDS of them (those are looked for)."""
    return [list(dict.fromkeys(group))[:MAX_RELAXED_WORDS] for group in groups]


def holds_most_words(folded, groups):
    """Python's folded_most_words_q: of some group, words_needed of its words are in `folded`."""
    return any(sum(word in folded for word in group) >= words_needed(len(group)) for group in relaxed(groups))


def _found(words, lookup, pattern="{}"):
    """How many of the words `lookup` ("folded_text__contains") finds, each formatted by `pattern`."""
    return reduce(add, [_flag(Q(**{lookup: pattern.format(word)})) for word in words])


def relevance(groups):
    """The score of a record: of its best wording, the share of the words in its text, twice that
    share in its title (whole words), the share of its title they make up, and a bonus when the
    wording is whole in its title or text."""
    if not groups:
        return Value(0)
    title_words = Length("folded_title") - Length(Replace("folded_title", Value(" "), Value(""))) - 1
    scores = []
    for group in groups:
        words, phrase = sorted(set(group)), " ".join(group)
        in_title = _found(words, "folded_title__contains", " {} ")
        scores.append(
            _found(words, "folded_text__contains") * 100 / len(words) + TITLE_WEIGHT * in_title * 100 / len(words)
            + in_title * 100 / Greatest(title_words, Value(1))
            + PHRASE_IN_TITLE * _flag(Q(folded_title__contains=f" {phrase} "))
            + PHRASE_IN_TEXT * _flag(Q(folded_text__contains=phrase))
        )
    return Greatest(*scores) if len(scores) > 1 else scores[0]


def page_relevance(folded, groups):
    """relevance() of a page whose folded title and description are `folded`."""
    padded, best = f" {' '.join(tokens(folded))} ", 0
    for group in groups:
        words, phrase = set(group), " ".join(group)
        in_title = sum(f" {word} " in padded for word in words)
        best = max(best, sum(word in folded for word in words) * 100 / len(words) + TITLE_WEIGHT * in_title * 100 / len(words)
                   + in_title * 100 / max(len(padded.split()), 1) + PHRASE_IN_TITLE * (f" {phrase} " in padded)
                   + PHRASE_IN_TEXT * (phrase in folded))
    return best


def _merged_counts(sources):
    """Facet counts of every source added up: {field: [(value, count), ...] most frequent first}."""
    counts = {}
    for source in sources:
        for field, pairs in source.facet_counts().items():
            bucket = counts.setdefault(field, {})
            for value, number in pairs:
                bucket[value] = bucket.get(value, 0) + number
    return {field: sorted(bucket.items(), key=lambda item: -item[1]) for field, bucket in counts.items()}


class Links:
    """Where a hit links to from the portal serving the request: its own listing pages when the
    hit appears there, else the owner portal's absolute URL."""

    def __init__(self, portal):
        self.portal = portal

    @cached_property
    def portal_map(self):
        return PortalMap()

    def url(self, kind, object_id, portals, url, path):
        if self.portal is None or self.portal.pk not in portals:
            return url
        if kind == PAGE:
            return path
        listing = self.portal_map.listing(kind, self.portal.pk)
        if listing is None:
            return url
        page, _root_url, base = listing
        return base + page.reverse_subpage("detail_view", args=[object_id])


def _flag(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


class RecordSource:
    """Live records of one searchable record type matching the query, in scope, filtered by the
    record type's own filter set (the parameters of list pages and the API)."""

    def __init__(self, rtype, params, groups):
        self.rtype, self.kind, self.spec = rtype, rtype.key, rtype.search
        queryset = rtype.model.objects.live()
        if params.portal is not None:
            agency = params.portal.agency
            queryset = queryset.for_agency(agency) if agency else queryset.none()
        number = self.number_q(params.q)
        if groups:
            text = folded_most_words_q(rtype.model, relaxed(groups), words_needed)
            queryset = queryset.filter(text | number if number else text)
        self.queryset = self.filter(queryset, params)
        self.number = number
        self.groups = groups

    @staticmethod
    def applies(rtype, params):
        filters = rtype.filterset_class.base_filters
        return (not params.kind or params.kind == rtype.key) and set(params.record_filters()) <= set(filters)

    def number_q(self, q):
        if not self.spec.number_field:
            return None
        key, prefix, any_year = normalise_document_number(q), document_number_prefix(q), number_in_any_year(q)
        if key:
            return Q(**{self.spec.number_field: key})
        if any_year:
            return Q(**{f"{self.spec.number_field}__regex": f"^({any_year})$"})
        return Q(**{f"{self.spec.number_field}__startswith": prefix}) if prefix else None

    def filter(self, queryset, params):
        queryset = self.rtype.filterset_class(params.record_filters(), queryset=queryset).qs
        day = self.date_lookup()
        if params.date_from:
            queryset = queryset.filter(**{f"{day}__gte": params.date_from})
        if params.date_to:
            queryset = queryset.filter(**{f"{day}__lte": params.date_to})
        return queryset

    def date_lookup(self):
        field = self.rtype.model._meta.get_field(self.spec.date_field)
        return f"{field.name}__date" if isinstance(field, DateTimeField) else field.name

    @cached_property
    def count(self):
        """How many results: groups of near-duplicates count once."""
        if self.spec.grouped_by_title:
            return self.queryset.values("folded_title").distinct().count()
        return self.queryset.count()

    def rows(self, limit, sort):
        """((sort key), kind, pk) best first, at most limit."""
        ranked = self.queryset.annotate(
            rank_number=_flag(self.number) if self.number else Value(0),
            rank_relevance=relevance(self.groups) * KIND_WEIGHTS.get(self.kind, 1),
            rank_force=_flag(self.spec.in_force) if self.spec.in_force is not None else Value(1),
            rank_date=self.date_expression(),
        )
        keys = ["rank_date"] if sort == "date" else RANK_KEYS
        group = "folded_title" if self.spec.grouped_by_title else "pk"
        limit *= MAX_VARIANTS + 1 if self.spec.grouped_by_title else 1  # enough rows for `limit` groups
        values = ranked.order_by(*[f"-{k}" for k in keys], "-pk").values_list(*keys, "pk", group)[:limit]
        return [((*row[:-2], row[-2]), self.kind, row[-2], self.spec.grouped_by_title and row[-1]) for row in values]

    def date_expression(self):
        day = self.date_lookup()
        return TruncDate(self.spec.date_field) if day.endswith("__date") else F(day)

    def facet_counts(self):
        filters = self.rtype.filterset_class.base_filters
        lookups = {field: _facet_value(filters[parameter]) for field, (parameter, _label) in FACETS.items()
                   if parameter in filters}
        return {field: self.count_by(lookup) for field, lookup in lookups.items()} | {"kind": [(self.kind, self.count)]}

    def count_by(self, lookup):
        rows = (
            self.rtype.model.objects.filter(pk__in=self.queryset.values("pk")).values(value=lookup)
            .annotate(n=Count("pk", distinct=True)).order_by("-n")[:FACET_SIZE]
        )
        return [(row["value"], row["n"]) for row in rows]

    def hit(self, pk, q, links, portals, others=()):
        entry, url = self.read(pk, links, portals)
        attachments = entry.get("attachments", "")
        from_attachment = first_match(entry["body"], q) is None and first_match(attachments, q) is not None
        return Hit(
            kind=self.kind, object_id=pk, title=mark_words(entry["title"], q),
            snippet=snippet(attachments if from_attachment else entry["body"], q), snippet_from_attachment=from_attachment,
            url=url, date=entry["date"].isoformat(), number=entry.get("number", ""),
            effect_status=entry.get("effect_status", ""), in_force=entry.get("in_force", True),
            level=value_label("level", entry.get("level")),
            variants=[self.variant(other[2], links, portals) for other in others[:MAX_VARIANTS]],
        )

    def read(self, pk, links, portals):
        """(the record's index entry, its link from the serving portal)."""
        record = self.rtype.model.objects.prefetch_related(*self.spec.prefetch).get(pk=pk)
        url, path = portals.record_urls(self.kind, record)
        return self.spec.entry(record), links.url(self.kind, pk, portals.portals_for(self.kind, record), url, path)

    def variant(self, pk, links, portals):
        entry, url = self.read(pk, links, portals)
        return Variant(title=entry["title"], url=url, label=value_label("level", entry.get("level")))


def _facet_value(flt):
    """The database expression of a filter's facet values (what its parameter takes)."""
    if isinstance(flt, YearFilter):
        return ExtractYear(flt.field_name)
    to_field = flt.extra.get("to_field_name")
    return F(f"{flt.field_name}__{to_field}" if to_field else flt.field_name)


class PageSource:
    """Live public pages whose folded title (and description) holds every query word."""

    kind = PAGE
    filter_fields = {"year"}

    @classmethod
    def applies(cls, params):
        return (not params.kind or params.kind == cls.kind) and set(params.record_filters()) <= cls.filter_fields

    def __init__(self, params, groups):
        pages = Page.objects.live().public().filter(depth__gt=1)
        if params.portal is not None:
            pages = pages.descendant_of(params.portal.site.root_page, inclusive=True)
        rows = pages.values_list("pk", "title", "search_description", "last_published_at")
        self.matches = []
        for pk, title, description, published in rows.iterator():
            folded, date = fold(f"{title} {description}"), (published.date() if published else NEVER)
            if (not groups or holds_most_words(folded, groups)) and self._in_range(date, params):
                self.matches.append(((0, page_relevance(folded, groups), 1, date), pk, date))

    @staticmethod
    def _in_range(date, params):
        if date is NEVER:
            return not (params.year or params.date_from or params.date_to)
        return (
            (not params.year or date.year == params.year)
            and (not params.date_from or date >= params.date_from)
            and (not params.date_to or date <= params.date_to)
        )

    @property
    def count(self):
        return len(self.matches)

    def rows(self, limit, sort):
        key = (lambda m: (m[2], m[1])) if sort == "date" else (lambda m: (*m[0], m[1]))
        best = sorted(self.matches, key=key, reverse=True)[:limit]
        return [(key(m), self.kind, m[1], None) for m in best]

    def facet_counts(self):
        years = {}
        for _rank, _pk, date in self.matches:
            if date is not NEVER:
                years[date.year] = years.get(date.year, 0) + 1
        return {"kind": [(self.kind, self.count)], "year": list(years.items())}

    def hit(self, pk, q, links, portals, _others=()):
        page = Page.objects.get(pk=pk).specific
        site_id, root_url, path = page.get_url_parts() or (None, "", "")
        text = " ".join(plain_text(str(p)) for p in (page.search_description, getattr(page, "intro", "")) if p)
        date = getattr(page, "date", None) or (page.last_published_at and page.last_published_at.date())
        return Hit(
            kind=self.kind, object_id=pk, title=mark_words(page.title, q), snippet=snippet(text, q),
            url=links.url(self.kind, pk, [portals.portal_of_site.get(site_id)], (root_url or "") + (path or ""), path),
            date=date.isoformat() if date else None,
        )


