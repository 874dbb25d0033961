"""A three-node Elasticsearch cluster (scripts/elasticsearch.sh with ES_NODES=3) loses the node that
holds the index's primary shard while visitors search and editors change documents: no search
fails, no update is lost, and the cluster is green again once the node is back.

Runs once, in the SQLite suite: the cluster's behaviour does not depend on the database."""

import json
import os
import random
import re
import socket
import subprocess
import threading
import time

import pytest
from django.conf import settings

from search.client import client
from search.entries import entry_id
from search.indexer import drain, reindex
from tests.factories import make_document
from tests.search.conftest import SESSION_PREFIX, _delete_indices

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                       reason="runs once, in the SQLite suite"),
]
SCRIPT = settings.BASE_DIR / "scripts" / "elasticsearch.sh"
NODES = 3
DOCUMENTS = 12
UPDATES_PER_PHASE = 15


def ports_free(ports):
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def free_port_block():
    """A first HTTP port with NODES free HTTP ports from it and NODES free transport ports 100 above."""
    for base in random.sample(range(9400, 9800, 10), 40):
        if ports_free([*range(base, base + NODES), *range(base + 100, base + 100 + NODES)]):
            return base
    raise RuntimeError("no free block of ports for the cluster")


class Cluster:
    def __init__(self):
        # Three JVMs start beside the rest of the suite on two cores: more time than one node gets.
        self.env = {**os.environ, "ES_NODES": str(NODES), "ES_PORT": str(free_port_block()), "ES_START_TIMEOUT": "300"}
        self.env.pop("ES_TRANSPORT_PORT", None)

    def script(self, *args):
        done = subprocess.run([str(SCRIPT), *args], env=self.env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self):
        self.url = re.search(r"SEARCH_URL=(\S+)", self.script("start")).group(1)
        return self

    def node_holding_the_primary(self, index):
        shard = client().cat.shards(index=index, format="json")
        primary = next(row for row in shard if row["prirep"] == "p")
        return int(primary["node"].rsplit("-", 1)[1]) - int(self.env["ES_PORT"])


@pytest.fixture(scope="module")
def cluster():
    if not os.environ.get("TEST_SEARCH_URL"):
        pytest.skip("TEST_SEARCH_URL is not set: the search server tests run under scripts/test")
    running = Cluster()
    try:
        yield running.start()
    finally:
        running.script("stop")


@pytest.fixture
def cluster_index(cluster, settings):
    settings.SEARCH_URL = cluster.url
    settings.SEARCH_REPLICAS = 1
    settings.SEARCH_INDEX_ALIAS = f"{SESSION_PREFIX}-cluster"
    yield settings.SEARCH_INDEX_ALIAS
    _delete_indices(client(), f"{settings.SEARCH_INDEX_ALIAS}-*")


class Visitors(threading.Thread):
    """Searches the alias without pause; counts searches that raise or answer with a failed shard."""

    def __init__(self, alias):
        super().__init__(daemon=True)
        self.alias, self.stopping = alias, threading.Event()
        self.searches = self.failed = 0
        self.errors = []

    def run(self):
        while not self.stopping.is_set():
            try:
                response = client().search(index=self.alias, query={"match": {"title": "quyết định"}}, size=5)
                broken = response["_shards"]["failed"] > 0
            except Exception as error:  # noqa: BLE001 - every kind of failure is what is counted
                broken = True
                self.errors.append(repr(error)[:300])
            self.searches += 1
            self.failed += broken


def drain_until_done(attempts=30):
    """What the drain job does every ten seconds: rows stay in the outbox until acknowledged."""
    failures = 0
    for _attempt in range(attempts):
        try:
            drain()
            return failures
        except Exception:  # noqa: BLE001 - the job retries whatever went wrong
            failures += 1
            time.sleep(1)
    raise AssertionError("the outbox never drained")


def test_a_node_lost_while_searching_and_indexing_fails_no_search_and_loses_no_update(
        cluster, cluster_index, province, taxonomy):
    documents = [make_document(province["justice"], taxonomy["decision"], f"{number}/2026/QĐ-UBND")
                 for number in range(1, DOCUMENTS + 1)]
    index_name, _count = reindex()
    es = client()
    assert es.cluster.health(index=index_name, wait_for_status="green", timeout="60s")["status"] == "green"
    lost_node = cluster.node_holding_the_primary(index_name)
    visitors = Visitors(cluster_index)
    visitors.start()
    expected, drain_failures, updates = {}, 0, 0

    def update_some():
        nonlocal drain_failures, updates
        for _ in range(UPDATES_PER_PHASE):
            document = random.choice(documents)
            document.abstract = f"Quyết định sửa đổi lần {updates} về quản lý hộ tịch"
            document.save()
            expected[document.pk] = document.abstract
            updates += 1
            drain_failures += drain_until_done()

    update_some()
    stopping = threading.Thread(target=cluster.script, args=("stop-node", str(lost_node)))
    stopping.start()
    update_some()
    stopping.join()
    update_some()  # with one node down
    cluster.script("start-node", str(lost_node))
    update_some()
    health = es.cluster.health(wait_for_status="green", wait_for_nodes=NODES, timeout="90s")
    visitors.stopping.set()
    visitors.join()

    es.indices.refresh(index=cluster_index)
    lost = [pk for pk, abstract in expected.items()
            if abstract not in json.dumps(es.get(index=cluster_index, id=entry_id("document", pk))["_source"],
                                          ensure_ascii=False)]
    report = {"searches": visitors.searches, "searches_failed": visitors.failed, "updates": updates,
              "updates_lost": len(lost), "drain_attempts_failed": drain_failures, "status_after": health["status"]}
    print(f"cluster node loss: {json.dumps(report)}")
    assert visitors.searches > 0 and visitors.failed == 0, visitors.errors[:5]
    assert not lost
    assert health["status"] == "green" and health["number_of_nodes"] == NODES
