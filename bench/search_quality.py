"""Search quality benchmark (issue 15): nDCG@10 of the query service on the independent relevance set
(tests/data/search/relevance), per half, with Elasticsearch and with the database fallback. Prints
one JSON object.

  .venv/bin/python bench/search_quality.py [--worst 10]

On a fresh temporary SQLite database (or DATABASE_URL), loads the set's 264 real documents and 117
real procedures through the project's imports, indexes them into its own Elasticsearch
(scripts/elasticsearch.sh on a free port, stopped at the end), and runs every graded query both ways.
Goals: nDCG@10 on the test half >= 0.90 with Elasticsearch and >= 0.80 with the fallback; every query
returns at least one result. The tuning half is the one to look at while tuning; the test half is
reported, not tuned on. Latency goals are measured by bench/search.py.
"""

import argparse
import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.portals import setup_django  # noqa: E402
from bench.search import Server, _terminate, free_port, log  # noqa: E402

GOALS = {"elasticsearch": 0.90, "database": 0.80}


def summary(halves, worst):
    return {
        half: {"ndcg_at_10": round(result["ndcg"], 3), "queries": len(result["rows"]), "empty": result["empty"],
               "worst": [[q, round(score, 2), ranked[:3]] for q, score, ranked in
                         sorted(result["rows"], key=lambda row: row[1])[:worst]]}
        for half, result in halves.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=10, help="the worst queries listed per half")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _terminate)
    server = Server(free_port(), os.environ.get("ES_HEAP", "1g"))
    try:
        url = server.start()
        setup_django()
        from django.conf import settings

        from search import fallback
        from search.indexer import reindex
        from search.query import search
        from tests.search.relevance_set import evaluate, load

        log("loading the relevance set")
        reports = load()
        settings.SEARCH_URL, settings.SEARCH_INDEX_ALIAS = url, "bench-quality"
        reindex()
        log("querying Elasticsearch")
        engines = {"elasticsearch": evaluate(search)}
        log("querying the database fallback")
        engines["database"] = evaluate(fallback.search)
    finally:
        server.stop()
    result = {
        "loaded": {kind: {action: report.count(action) for action in ("published", "new", "error")}
                   for kind, report in reports.items()},
        **{engine: summary(halves, args.worst) for engine, halves in engines.items()},
        "goals_met": {engine: engines[engine]["test"]["ndcg"] >= goal
                      and not any(half["empty"] for half in engines[engine].values()) for engine, goal in GOALS.items()},
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
