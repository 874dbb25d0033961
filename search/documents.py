"""The one search index: documents, procedures and pages, each listing the portals it appears on.

The index name is the alias from settings plus a timestamp; the alias always points at exactly one
index, so a full reindex builds a new index and swaps the alias atomically.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch_dsl import Boolean, Date, Document, Index, Integer, Keyword

from search.analysis import text_field


# Titles are scored with full length normalisation (BM25 b = 1): of two titles holding the query's
# words, the one the words make up more of ranks higher ("Đăng ký khai sinh" above "Đăng ký khai sinh
# có yếu tố nước ngoài" for "đăng ký khai sinh").
TITLE_SIMILARITY = "title_bm25"
SIMILARITIES = {TITLE_SIMILARITY: {"type": "BM25", "k1": 1.2, "b": 1.0}}


class SearchEntry(Document):
    kind = Keyword()
    object_id = Integer()
    title = text_field(similarity=TITLE_SIMILARITY)
    body = text_field()
    title_folded = text_field(similarity=TITLE_SIMILARITY)
    body_folded = text_field()
    attachments = text_field()  # text read from attached files (cms.core.file_text)
    attachments_folded = text_field()
    group = Keyword()  # entries with the same group are near-duplicates, shown as one result
    number = Keyword(index=False)
    number_key = Keyword()
    document_type = Keyword()
    issuing_body = Keyword()
    sectors = Keyword()
    level = Keyword()
    service_level = Keyword()
    effect_status = Keyword()
    in_force = Boolean()
    issue_date = Date()
    effective_date = Date()
    date = Date()
    year = Integer()
    owner_agency = Integer()
    portals = Integer()
    url = Keyword(index=False)
    path = Keyword(index=False)

    @staticmethod
    def entry_id(kind, object_id):
        return f"{kind}-{object_id}"


def alias_name():
    return settings.SEARCH_INDEX_ALIAS


def new_index():
    """A not yet created index named alias + timestamp, with the entry mapping and analyzers."""
    name = f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.SEARCH_REPLICAS, max_result_window=10_000,
                   similarity=SIMILARITIES)
    index.document(SearchEntry)
    return index
