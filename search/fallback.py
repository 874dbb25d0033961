"""The database answer to a search: the same parameters and result shape as Elasticsearch.

Used when SEARCH_URL is empty (the embedded default) or the search server is unreachable. The
query and its other wordings (search.synonyms) are searched: a record matches when its folded text
(diacritics optional) holds most of the words naming what is sought in one of them, as whole words
(all of up to three words, three in four beyond; question words need not match), and what the
query's abbreviations and everyday phrases stand for (concept_q, search.ranking.CONCEPT_ALL_WORDS),
a page when its folded title and description do. A document named by number is found with its
companions (search.numbers); a type word with a number and no year ("nghị định 15") finds that
number in every year. Ranking: document number, then its companions; then relevance(): of the best
wording, the share of its words in the text and in the title, the share of the title they make up
and the wording whole as a phrase, times the kind's weight and, for a procedure named as a variant
not asked for, VARIANT_WEIGHT (search.ranking); then in force; newest.
When many records match, the full relevance is computed for the best of them by title only
(RANKED_CANDIDATES). The matches are read once; facets are counted from their keys.
Near-duplicates (SearchSpec.grouped_by_title) are one result, the best of them, with the others as
its variants; the total counts results so.
"""

import datetime
from collections import Counter
from functools import cached_property, reduce
from heapq import merge
from operator import add, and_, or_

from django.db.models import Case, Count, DateTimeField, F, FloatField, IntegerField, Q, Value, When
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import ExtractYear, Greatest, Least, Length, Replace, StrIndex
from django.utils import timezone
from wagtail.models import Page

from cms.core.registry import searchable_record_types
from cms.core.text import fold, plain_text
from cms.filters import YearFilter
from cms.records import MAX_QUERY_WORDS, TITLE_WORDS, folded_most_words_q, folded_words, key_in, pk_in
from search.entries import PortalMap
from search.facets import FACET_SIZE, FACETS, label_facets, value_label
from search.highlight import first_match, mark_words, snippet
from search.models import PAGE
from search.numbers import companion_ids, numbered_q
from search.ranking import (
    CONCEPT_ALL_WORDS, KIND_WEIGHTS, VARIANT_KIND, VARIANT_WEIGHT, concept_needed, unasked_variants,
)
from search.results import MAX_VARIANTS, Hit, SearchResults, Variant
from search.synonyms import content_words, wordings


NEVER = datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)  # sorts last among moments
MAX_RELAXED_WORDS = 8  # words of a wording beyond these are not looked for (SQLite looks for 28 combinations at most)
RANK_KEYS = ["rank_number", "rank_relevance", "rank_force", "rank_date"]
TITLE_WEIGHT = 2
PHRASE_IN_TITLE = 100
PHRASE_IN_TEXT = 30
# relevance() reads the whole text: it is computed for this many matches at most, the best of them
# by title_relevance() (then in force, newest), which reads the title alone.
RANKED_CANDIDATES = 400


def search(params):
    found = wordings(params.q)
    groups = [content_words(words)[:MAX_QUERY_WORDS] for words in [found.words, *found.variants()] if words]
    concepts = [(list(map(fold, typed)), [list(map(fold, words)) for words in others]) for typed, others in found.concepts]
    sources = [RecordSource(rtype, params, groups, concepts) for rtype in searchable_record_types()
               if RecordSource.applies(rtype, params)]
    sources += [PageSource(params, groups, concepts)] if PageSource.applies(params) else []
    limit = params.offset + params.per_page
    rows = merge(*(s.rows(limit, params.sort) for s in sources), key=lambda row: row[0], reverse=True)
    page = grouped(rows)[params.offset:limit]
    links, portals = Links(params.here), PortalMap()
    by_kind = {s.kind: s for s in sources}
    for source in sources:
        source.load([row[2] for group in page for row in group if row[1] == source.kind])
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


def holds_most_words(padded, groups):
    """Python's folded_most_words_q: of some group, words_needed of its words are whole in `padded`
    (folded words between spaces)."""
    return any(sum(whole(word) in padded for word in group) >= words_needed(len(group)) for group in relaxed(groups))


def concept_q(model, typed, others):
    """What a typed abbreviation or everyday phrase stands for (search.ranking.CONCEPT_ALL_WORDS)."""
    found = reduce(or_, [Q(folded_text__contains=whole(" ".join(words))) for words in [typed, *others]])
    found = reduce(or_, [reduce(and_, [Q(folded_title__contains=whole(word)) for word in words])
                         for words in others if len(words) <= CONCEPT_ALL_WORDS], found)
    longer = [words for words in others if len(words) > CONCEPT_ALL_WORDS]
    return found | folded_most_words_q(model, longer, concept_needed) if longer else found


def holds_concepts(padded, title, concepts):
    """Python's concept_q, for every concept, over folded words between spaces: the text and the title."""
    return all(any(whole(" ".join(words)) in padded for words in [typed, *others]) or any(
        sum(whole(word) in (padded if len(words) > CONCEPT_ALL_WORDS else title) for word in words)
        >= concept_needed(len(words)) for words in others)
        for typed, others in concepts)


def whole(word):
    """A folded word (or words) as found whole in folded words between spaces (cms.records.folded_words)."""
    return f" {word} "


def _found(words, field):
    """How many of the (folded) words are whole in the field (folded words between spaces)."""
    return reduce(add, [_holds(field, word) for word in words])


def _holds(field, words):
    """1 when the (folded) word or words are whole in the field, else 0: the least of 1 and where
    they begin (a plain substring search, cheaper per row than a LIKE pattern and a CASE)."""
    return Least(StrIndex(field, Value(whole(words))), Value(1))


def relevance(groups):
    """The score of a record: of its best wording, the share of the words in its text, twice that
    share in its title (whole words), the share of its title they make up, and a bonus when the
    wording is whole in its title or text."""
    return _best(groups, lambda words, phrase: title_relevance_of(words, phrase) + (
        _found(words, "folded_text") * 100 / len(words) + PHRASE_IN_TEXT * _holds("folded_text", phrase)
    ))


def title_relevance(groups):
    """The part of relevance() read from the title alone (short: cheap for every match)."""
    return _best(groups, title_relevance_of)


def title_relevance_of(words, phrase):
    """TITLE_WEIGHT times the share of the words in the title plus the share of the title they make
    up (each word tested once: in_title × (TITLE_WEIGHT / words + 1 / title words)), and the phrase."""
    title_words = Length("folded_title") - Length(Replace("folded_title", Value(" "), Value(""))) - 1
    in_title = _found(words, "folded_title")
    return (in_title * (Value(TITLE_WEIGHT * 100.0 / len(words)) + 100.0 / Greatest(title_words, Value(1)))
            + PHRASE_IN_TITLE * _holds("folded_title", phrase))


def _best(groups, score):
    """The best score(words, phrase) over the wordings."""
    if not groups:
        return Value(0)
    scores = [score(sorted(set(group)), " ".join(group)) for group in groups]
    return Greatest(*scores) if len(scores) > 1 else scores[0]


def page_relevance(padded, groups):
    """relevance() of a page whose title and description, as folded words between spaces, are
    `padded` (its text and its title alike)."""
    best = 0
    for group in groups:
        words, phrase = set(group), whole(" ".join(group))
        in_title = sum(whole(word) in padded for word in words)
        best = max(best, (1 + TITLE_WEIGHT) * in_title * 100 / len(words) + in_title * 100 / max(len(padded.split()), 1)
                   + (PHRASE_IN_TITLE + PHRASE_IN_TEXT) * (phrase in padded))
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


def best_first(ranked, keys):
    """A ranked queryset ordered by its keys, highest first, then newest record."""
    return ranked.order_by(*[f"-{key}" for key in keys], "-pk")


def _flag(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


class RecordSource:
    """Live records of one searchable record type matching the query, in scope, filtered by the
    record type's own filter set (the parameters of list pages and the API)."""

    def __init__(self, rtype, params, groups, concepts=()):
        self.rtype, self.kind, self.spec = rtype, rtype.key, rtype.search
        queryset = rtype.model.objects.live()
        if params.portal is not None:
            agency = params.portal.agency
            queryset = queryset.for_agency(agency) if agency else queryset.none()
        number = numbered_q(rtype, params.q)
        companions = companion_ids(rtype, params.q)
        if groups:
            text = reduce(and_, [concept_q(rtype.model, *concept) for concept in concepts],
                          folded_most_words_q(rtype.model, relaxed(groups), words_needed))
            named = [q for q in (number, Q(pk__in=companions) if companions else None) if q is not None]
            queryset = queryset.filter(reduce(or_, named, text))
        self.queryset = self.filter(queryset, params)
        self.number, self.companions = number, companions
        self.groups = groups

    @staticmethod
    def applies(rtype, params):
        filters = rtype.filterset_class.base_filters
        return (not params.kind or params.kind == rtype.key) and set(params.record_filters()) <= set(filters)

    def filter(self, queryset, params):
        queryset = self.rtype.filterset_class(params.record_filters(), queryset=queryset).qs
        field = self.spec.date_field
        if params.date_from:
            queryset = queryset.filter(**{f"{field}__gte": self.day_start(params.date_from)})
        if params.date_to:
            queryset = queryset.filter(**{f"{field}__lt": self.day_start(params.date_to + datetime.timedelta(days=1))})
        return queryset

    @cached_property
    def dated_by_moment(self):
        return isinstance(self.rtype.model._meta.get_field(self.spec.date_field), DateTimeField)

    def day_start(self, day):
        """The first moment of a day in the date field's terms (the field's index then serves a range)."""
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) if self.dated_by_moment else day

    @cached_property
    def count(self):
        """How many results: groups of near-duplicates count once."""
        if self.spec.grouped_by_title:
            return self.matched.values("folded_title").distinct().count()
        counters = list(self.single_valued_counts.values())
        return sum(counters[0].values()) if counters else self.matched.count()

    @cached_property
    def matched_pks(self):
        """The keys of the matches, read once when a text match (the costly part) decides them."""
        return list(self.queryset.order_by().values_list("pk", flat=True)) if self.groups else None

    @cached_property
    def matched(self):
        """The matching records, without the joins and DISTINCT of the filters."""
        if self.matched_pks is None:
            return self.rtype.model.objects.filter(pk__in=self.queryset.values("pk"))
        return self.rtype.model.objects.filter(pk_in(self.rtype.model, self.matched_pks))

    def rows(self, limit, sort):
        """((sort key), kind, pk, group) best first, at most limit (`limit` groups for grouped types)."""
        keys = ["rank_date"] if sort == "date" else RANK_KEYS
        group = "folded_title" if self.spec.grouped_by_title else "pk"
        limit *= MAX_VARIANTS + 1 if self.spec.grouped_by_title else 1  # enough rows for `limit` groups
        ranked = self.ranked(self.matched if sort == "date" else self.candidates(limit), keys)
        values = best_first(ranked, keys).values_list(*keys, "pk", group)[:limit]
        return [((*row[:-3], self.moment(row[-3]), row[-2]), self.kind, row[-2], self.spec.grouped_by_title and row[-1])
                for row in values]

    def ranked(self, queryset, keys, score=None):
        """The queryset annotated with the rank keys; `score` the relevance (by default relevance()
        times the kind's weight and the variant weight)."""
        if score is None:
            score = relevance(self.groups) * KIND_WEIGHTS.get(self.kind, 1) * self.variant_weight()
        annotations = {
            "rank_number": self.number_rank(),
            "rank_relevance": score,
            "rank_force": _flag(self.spec.in_force) if self.spec.in_force is not None else Value(1),
            "rank_date": F(self.spec.date_field),
        }
        return queryset.annotate(**{key: annotations[key] for key in keys})

    def number_rank(self):
        """2 for a record the query names by number, 1 for its companions (search.numbers), else 0."""
        ranks = [When(self.number, then=Value(2))] if self.number else []
        ranks += [When(pk__in=self.companions, then=Value(1))] if self.companions else []
        return Case(*ranks, default=Value(0), output_field=IntegerField()) if ranks else Value(0)

    def variant_weight(self):
        """VARIANT_WEIGHT for a procedure named as a variant the query does not ask for (search.ranking)."""
        unasked = unasked_variants(self.groups) if self.kind == VARIANT_KIND else []
        if not unasked:
            return Value(1.0)
        named = reduce(or_, [Q(folded_title__contains=whole(phrase)) for phrase in unasked])
        return Case(When(named, then=Value(VARIANT_WEIGHT)), default=Value(1.0), output_field=FloatField())

    def candidates(self, limit):
        """The matches worth a full relevance(): the best by title (then in force, newest), as many
        as the page asked for needs and at least RANKED_CANDIDATES; all when fewer match. Taken
        from the matches whose titles hold most words of a wording (words_needed; the title's word
        index finds them) when enough do, else from all: the title score is computed for the fewest
        rows (a title holding fewer of the words scores less but for a title made of little else)."""
        wanted = max(limit, RANKED_CANDIDATES)
        if self.matched_pks is None or len(self.matched_pks) <= wanted:
            return self.matched
        model = self.rtype.model
        titled = folded_most_words_q(model, relaxed(self.groups), words_needed, TITLE_WORDS)
        best = list(self.best_by_title(self.matched.filter(titled))[:wanted])
        if len(best) < wanted:
            best = list(self.best_by_title(self.matched)[:wanted])
        return model.objects.filter(pk_in(model, best))

    def best_by_title(self, queryset):
        """The keys of the queryset best first by title_relevance() (then in force, newest). The
        kind's weight is one for all of them, and the variant weight is left to the full ranking
        (tested in SQL for every match, its phrases cost more than the rest of the title score)."""
        return best_first(self.ranked(queryset, RANK_KEYS, title_relevance(self.groups)), RANK_KEYS).values_list(
            "pk", flat=True)

    def moment(self, value):
        """A date or date-time as a moment, so that sources dated either way merge (a day at its start)."""
        return value if self.dated_by_moment else timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))

    @cached_property
    def facet_lookups(self):
        """({field: lookup} of the facets with one value per record, {field: lookup} of the others)."""
        filters = self.rtype.filterset_class.base_filters
        lookups = {field: _facet_value(filters[parameter]) for field, (parameter, _label) in FACETS.items()
                   if parameter in filters}
        single = {field: lookup for field, lookup in lookups.items() if not self.many_valued(lookup)}
        return single, {field: lookup for field, lookup in lookups.items() if field not in single}

    @cached_property
    def single_valued_counts(self):
        """{field: Counter(value: count)} for the facets with one value per record, counted in one
        query over their combinations (each query reads the matching rows again)."""
        single, _many = self.facet_lookups
        if not single:
            return {}
        rows = self.matched.values(**{f"facet_{field}": lookup for field, lookup in single.items()})
        rows = rows.annotate(n=Count("pk")).order_by().values_list(*[f"facet_{field}" for field in single], "n")
        counts = {field: Counter() for field in single}
        for *values, n in rows:
            for counter, value in zip(counts.values(), values):
                counter[value] += n
        return counts

    def facet_counts(self):
        top = {field: counter.most_common(FACET_SIZE) for field, counter in self.single_valued_counts.items()}
        _single, many = self.facet_lookups
        return top | {field: self.count_by(lookup) for field, lookup in many.items()} | {"kind": [(self.kind, self.count)]}

    def many_valued(self, lookup):
        """Whether a facet's F() path crosses a relation with several records per record (sectors)."""
        model = self.rtype.model
        for name in getattr(lookup, "name", "").split(LOOKUP_SEP)[:-1]:
            field = model._meta.get_field(name)
            if field.many_to_many or field.one_to_many:
                return True
            model = field.related_model
        return False

    def count_by(self, lookup):
        """The most frequent values of a many-valued facet. Of a many-to-many field, counted in its
        join table alone when the matches' keys are known (their rows, which hold the text, are not
        read again)."""
        name, _sep, rest = lookup.name.partition(LOOKUP_SEP)
        field = self.rtype.model._meta.get_field(name)
        if field.many_to_many and self.matched_pks is not None:
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name())
            rows = through.objects.filter(key_in(through, source, self.matched_pks)).values(
                value=F(f"{field.m2m_reverse_field_name()}{LOOKUP_SEP}{rest}" if rest else field.m2m_reverse_field_name()))
            rows = rows.annotate(n=Count("pk"))
        else:
            rows = self.matched.values(value=lookup).annotate(n=Count("pk", distinct=True))
        return [(row["value"], row["n"]) for row in rows.order_by("-n")[:FACET_SIZE]]

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

    def load(self, pks):
        """Read the records of a page of results at once (hit() then asks no more of the database)."""
        self.loaded = self.rtype.model.objects.prefetch_related(*self.spec.prefetch).in_bulk(pks)

    def read(self, pk, links, portals):
        """(the record's index entry, its link from the serving portal)."""
        record = self.loaded[pk]
        url, path = portals.record_urls(self.kind, record)
        return self.spec.entry(record), links.url(self.kind, pk, portals.portals_for(self.kind, record), url, path)

    def variant(self, pk, links, portals):
        entry, url = self.read(pk, links, portals)
        return Variant(title=entry["title"], url=url, label=value_label("level", entry.get("level")))


class Year(ExtractYear):
    """The year of a date. On SQLite in SQLite's own strftime (Django's ExtractYear there calls
    Python once per row); for date fields only (a date-time would be read in UTC)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


def _facet_value(flt):
    """The database expression of a filter's facet values (what its parameter takes)."""
    if isinstance(flt, YearFilter):
        return Year(flt.field_name)
    to_field = flt.extra.get("to_field_name")
    return F(f"{flt.field_name}__{to_field}" if to_field else flt.field_name)


class PageSource:
    """Live public pages whose folded title (and description) holds every query word."""

    kind = PAGE
    filter_fields = {"year"}

    @classmethod
    def applies(cls, params):
        return (not params.kind or params.kind == cls.kind) and set(params.record_filters()) <= cls.filter_fields

    def __init__(self, params, groups, concepts=()):
        pages = Page.objects.live().public().filter(depth__gt=1)
        if params.portal is not None:
            pages = pages.descendant_of(params.portal.site.root_page, inclusive=True)
        rows = pages.values_list("pk", "title", "search_description", "last_published_at")
        self.matches = []
        for pk, title, description, published in rows.iterator():
            padded, date = folded_words(f"{title} {description}"), (timezone.localdate(published) if published else None)
            found = not groups or (holds_most_words(padded, groups)
                                   and holds_concepts(padded, folded_words(title), concepts))
            if found and self._in_range(date, params):
                self.matches.append(((0, page_relevance(padded, groups), 1, published or NEVER), pk, date))

    @staticmethod
    def _in_range(date, params):
        if date is None:
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
        key = (lambda m: (m[0][3], m[1])) if sort == "date" else (lambda m: (*m[0], m[1]))
        best = sorted(self.matches, key=key, reverse=True)[:limit]
        return [(key(m), self.kind, m[1], None) for m in best]

    def facet_counts(self):
        years = {}
        for _rank, _pk, date in self.matches:
            if date is not None:
                years[date.year] = years.get(date.year, 0) + 1
        return {"kind": [(self.kind, self.count)], "year": list(years.items())}

    def load(self, pks):
        self.loaded = Page.objects.filter(pk__in=pks).specific().in_bulk()

    def hit(self, pk, q, links, portals, _others=()):
        page = self.loaded[pk]
        site_id, root_url, path = page.get_url_parts() or (None, "", "")
        text = " ".join(plain_text(str(p)) for p in (page.search_description, getattr(page, "intro", "")) if p)
        date = getattr(page, "date", None) or (page.last_published_at and page.last_published_at.date())
        return Hit(
            kind=self.kind, object_id=pk, title=mark_words(page.title, q), snippet=snippet(text, q),
            url=links.url(self.kind, pk, [portals.portal_of_site.get(site_id)], (root_url or "") + (path or ""), path),
            date=date.isoformat() if date else None,
        )


