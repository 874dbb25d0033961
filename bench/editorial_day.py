"""Page cache under an editorial day. Prints one JSON object.

  .venv/bin/python bench/editorial_day.py [--portals 600] [--seconds 20] [--rounds 2]

On a fresh temporary SQLite database (or DATABASE_URL) builds a province of --portals portals,
each with a news article. Visitors then request a realistic mix through the whole Django stack
with the page cache on (homes, sections, lists, an article; popular portals more often, a Zipf
law), in phases of --seconds, alternately without editing and with editors at work: a draft saved
every second and an article published every ten seconds, each on a random portal. The phases
alternate --rounds times so that a machine getting faster or slower biases neither. Reports the
page-cache hit ratio and the p95 latency of visitors' requests in both, and their ratios.
Goal: hit ratio with editing >= 0.9 x without; p95 with editing <= 1.2 x without.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.compliance import add_news  # noqa: E402
from bench.portals import create_portals, setup_django  # noqa: E402

PATHS = ["/", "/tin-tuc/", "/van-ban/", "/dich-vu-cong/", "/gioi-thieu/", "/tin-tuc/hoi-nghi/"]
DRAFT_EVERY, PUBLISH_EVERY = 1.0, 10.0


def build(count):
    from cms.core.models import Agency, AgencyKind, Portal
    from sites.provisioning import create_portal

    province = Agency.objects.create(name="UBND tỉnh Đo Kiểm", kind=AgencyKind.PROVINCE, code="BENCH")
    create_portal(province, "bench.localhost")
    create_portals(1, count - 1, province)
    add_news(Portal.objects.exclude(agency=None))
    return ["bench.localhost"] + [f"dv{number}.bench.localhost" for number in range(1, count)]


class Editors:
    """A draft saved every second and an article published every ten seconds, on random portals."""

    def __init__(self, rng):
        from cms.pages.models import NewsArticlePage

        self.articles = list(NewsArticlePage.objects.values_list("pk", flat=True))
        self.rng = rng
        self.last_draft = self.last_publish = time.perf_counter()
        self.drafts = self.publications = 0

    def work(self, now):
        from cms.pages.models import NewsArticlePage

        if now - self.last_draft >= DRAFT_EVERY:
            article = NewsArticlePage.objects.get(pk=self.rng.choice(self.articles))
            article.title = f"Bản nháp {self.drafts}"
            article.save_revision()
            self.last_draft, self.drafts = now, self.drafts + 1
        if now - self.last_publish >= PUBLISH_EVERY:
            article = NewsArticlePage.objects.get(pk=self.rng.choice(self.articles))
            article.intro = f"Cập nhật lần {self.publications}."
            article.save_revision().publish()
            self.last_publish, self.publications = now, self.publications + 1


def visit(client, hosts, rng, seconds, editors=None):
    weights = [1 / (rank + 1) for rank in range(len(hosts))]
    latencies, hits = [], 0
    end = time.perf_counter() + seconds
    while (now := time.perf_counter()) < end:
        if editors:
            editors.work(now)
        host = rng.choices(hosts, weights)[0]
        client.cookies.clear()
        began = time.perf_counter()
        response = client.get(rng.choice(PATHS), HTTP_HOST=host)
        latencies.append(time.perf_counter() - began)
        hits += response.get("X-Page-Cache") == "hit"
    return latencies, hits


def summary(latencies, hits):
    return {"requests": len(latencies), "hit_ratio": round(hits / len(latencies), 3),
            "p95_ms": round(statistics.quantiles(latencies, n=20)[-1] * 1000, 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 600
    hosts = build(args.portals)
    rng, client = random.Random(43), Client()
    visit(client, hosts, rng, args.seconds)  # warm-up
    phases = {"quiet": ([], 0), "editing": ([], 0)}
    editors = Editors(rng)
    for _round in range(args.rounds):
        for name in phases:
            latencies, hits = visit(client, hosts, rng, args.seconds, editors if name == "editing" else None)
            phases[name] = (phases[name][0] + latencies, phases[name][1] + hits)
    quiet, editing = summary(*phases["quiet"]), summary(*phases["editing"])
    print(json.dumps({
        "benchmark": "editorial_day", "portals": args.portals, "seconds_per_phase": args.seconds, "rounds": args.rounds,
        "drafts_saved": editors.drafts, "articles_published": editors.publications,
        "without_editing": quiet, "with_editing": editing,
        "hit_ratio_ratio": round(editing["hit_ratio"] / quiet["hit_ratio"], 3),
        "p95_ratio": round(editing["p95_ms"] / quiet["p95_ms"], 3),
        "goal": "hit_ratio_ratio >= 0.9 and p95_ratio <= 1.2",
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
