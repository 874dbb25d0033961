"""Keeps the index in step with the database: drain the outbox in bulk, or rebuild everything.

Draining re-reads the current state of each changed object: an object that is live and
indexable is written, anything else is deleted from the index. Draining is therefore idempotent,
and rows stay in the outbox until the search server has acknowledged them.
"""

import logging

from django.db.models import Max
from elasticsearch.helpers import bulk, streaming_bulk

from search.client import client, enabled
from search.documents import alias_name, new_index
from search.entries import PortalMap, entries, entry_id, sources
from search.models import SearchOutbox

logger = logging.getLogger("cong.search")

BATCH_SIZE = 500


def ensure_index(es=None):
    """Create an empty index behind the alias if there is none yet."""
    es = es or client()
    if not es.indices.exists(index=alias_name()):
        index = new_index()
        index.create(using=es)
        es.indices.put_alias(index=index._name, name=alias_name())


def bulk_actions(kind, ids, portals):
    """Index actions for the ids that are indexable now, delete actions for the others."""
    ids = set(ids)
    for object_id, source in entries(kind, ids, portals):
        if source is not None:
            ids.discard(object_id)
            yield {"_op_type": "index", "_id": entry_id(kind, object_id), "_source": source}
    for object_id in sorted(ids):
        yield {"_op_type": "delete", "_id": entry_id(kind, object_id)}


def _changes(rows):
    changed = {}
    for row in rows:
        changed.setdefault(row.kind, set()).add(row.object_id)
    return changed


def drain_batch(es, rows, portals):
    actions = [a for kind, ids in _changes(rows).items() for a in bulk_actions(kind, ids, portals)]
    bulk(es, actions, index=alias_name(), ignore_status=(404,), chunk_size=BATCH_SIZE)
    SearchOutbox.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


def drain(batch_size=BATCH_SIZE):
    """Index every pending change; returns how many outbox rows were processed.

    Without SEARCH_URL there is nothing to index into: the outbox is left as it is. If the server
    is down the exception propagates and the rows stay for the next run.
    """
    if not enabled():
        return 0
    es = client()
    ensure_index(es)
    portals = PortalMap()
    done = 0
    while rows := list(SearchOutbox.objects.order_by("pk")[:batch_size]):
        done += drain_batch(es, rows, portals)
    return done


def reindex(progress=None, chunk_size=BATCH_SIZE):
    """Build a new index from the database, swap the alias to it, delete the old index."""
    es = client()
    covered = SearchOutbox.objects.aggregate(last=Max("pk"))["last"]
    index = new_index()
    index.create(using=es)
    es.indices.put_settings(index=index._name, settings={"refresh_interval": "-1"})
    count = load(es, index._name, all_actions(), progress, chunk_size)
    es.indices.put_settings(index=index._name, settings={"refresh_interval": None})
    es.indices.refresh(index=index._name)
    swap_alias(es, index._name)
    if covered is not None:
        SearchOutbox.objects.filter(pk__lte=covered).delete()
    return index._name, count


def all_actions():
    portals = PortalMap()
    for kind in sources():
        for object_id, source in entries(kind, portals=portals):
            if source is not None:
                yield {"_id": entry_id(kind, object_id), "_source": source}


def load(es, index_name, actions, progress=None, chunk_size=BATCH_SIZE):
    count = 0
    for _ok, _item in streaming_bulk(es, actions, index=index_name, chunk_size=chunk_size):
        count += 1
        if progress and count % 1000 == 0:
            progress(count)
    if progress:
        progress(count)
    return count


def swap_alias(es, index_name):
    """Point the alias at index_name only, in one atomic request, then delete the old indices."""
    alias = alias_name()
    old = list(es.indices.get_alias(name=alias)) if es.indices.exists_alias(name=alias) else []
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    if not old and es.indices.exists(index=alias):
        actions.append({"remove_index": {"index": alias}})  # a plain index squatting the alias name
    actions.append({"add": {"index": index_name, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    for name in old:
        es.indices.delete(index=name)


def backlog():
    return SearchOutbox.objects.count()


def portal_counts(es=None):
    """{portal id: number of entries} in the live index."""
    es = es or client()
    response = es.search(
        index=alias_name(), size=0, aggs={"portals": {"terms": {"field": "portals", "size": 10_000}}}
    )
    return {b["key"]: b["doc_count"] for b in response["aggregations"]["portals"]["buckets"]}
