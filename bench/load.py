"""Load held: concurrent clients through the shipped nginx and gunicorn. Prints one JSON object.

  .venv/bin/python bench/load.py [--clients 200] [--seconds 60] [--portals 6]

The production shape on loopback: the demo province (load_demo --portals N) in a temporary SQLite
database (or DATABASE_URL), Redis as the shared cache, gunicorn (2 workers x 4 threads) and nginx
with themes/nginx/cong.conf in front. Clients on the same machine request the mix of issue 14 on
the portals at random: 30 % portal homes, 30 % filtered document and procedure lists, 15 %
searches, 25 % API calls; a client gives up after 10 s, and waits Retry-After to twice that when
it is told the portal is busy. All clients share one address, so the API's per-client limit is
lifted for the run.

Reports requests/s, p50 and p95 per kind of request and overall, with the statuses; `errors`
counts failed connections and 5xx answers other than a shed request; `shed` counts the requests
nginx refused at once because Django was full (503 with Retry-After).
Goal: errors 0, requests over 10 s 0, p95 under 2 s.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
MIX = {"home": 0.30, "list": 0.30, "search": 0.15, "api": 0.25}
GIVE_UP_SECONDS = 10
WORKERS, THREADS = 2, 4


def manage(env, *args):
    done = subprocess.run([str(PYTHON), str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def prepare(workdir, portals):
    env = {**os.environ, "STATIC_ROOT": str(workdir / "static"), "MEDIA_ROOT": str(workdir / "media"),
           "PAGE_FILE_CACHE_ROOT": str(workdir / "pages"), "DJANGO_SETTINGS_MODULE": "cms.settings", "DEBUG": "0",
           "TRUSTED_PROXY_COUNT": "1", "API_THROTTLE_RATE": "1000000/min"}
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/load.sqlite3")
    for name in ("SECRET_KEY", "SEARCH_URL", "CACHE_URL"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--portals", str(portals))
    os.environ.update({name: env[name] for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT")})
    import django

    django.setup()
    return env


def requests_by_kind():
    """{kind: [(hostname, path)]} from the loaded province: its portals, lists, filters and words."""
    from cms.core.registry import record_type
    from cms.documents.models import DocumentType, LegalDocument
    from cms.procedures.models import Procedure, Sector
    from wagtail.models import Site

    sites = list(Site.objects.select_related("root_page"))
    types = list(DocumentType.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("code", flat=True))
    years = sorted({date.year for date in LegalDocument.objects.values_list("issue_date", flat=True) if date})
    words = [" ".join(abstract.split()[:3]) for abstract in LegalDocument.objects.values_list("abstract", flat=True)[:40]]
    words += [" ".join(name.split()[:3]) for name in Procedure.objects.values_list("name", flat=True)[:40]]
    kinds = defaultdict(list)
    for site in sites:
        kinds["home"].append((site.hostname, "/"))
        for key, filters in (("document", [f"document_type={t}" for t in types] + [f"year={y}" for y in years]),
                             ("procedure", [f"sector={s}" for s in sectors])):
            listing = record_type(key).listing_page_model.objects.live().descendant_of(site.root_page).first()
            if listing:
                path = listing.get_url_parts()[2]
                kinds["list"] += [(site.hostname, f"{path}?{query}") for query in filters or [""]]
        kinds["search"] += [(site.hostname, f"/tim-kiem/?q={word}") for word in words]
        kinds["api"] += [(site.hostname, path) for path in (
            "/api/v1/documents/?limit=10", "/api/v1/procedures/?limit=10", "/api/v1/agencies/",
            *(f"/api/v1/documents/?sector={s}" for s in sectors[:5]), *(f"/api/v1/search/?q={w}" for w in words[:10]))]
    return dict(kinds)


async def client(session, base, targets, deadline, results, rng):
    kinds, weights = list(MIX), list(MIX.values())
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        host, path = rng.choice(targets[kind])
        began, source = time.monotonic(), None
        try:
            async with session.get(f"{base}{path}", headers={"Host": host}, allow_redirects=False) as response:
                await response.read()
                source = response.headers.get("X-Page-Cache") or response.headers.get("X-Api-Cache")
                outcome = "shed" if response.status == 503 and "Retry-After" in response.headers else response.status
        except asyncio.TimeoutError:
            outcome = "gave_up"
        except aiohttp.ClientError:
            outcome = "connection_error"
        results.append((kind, outcome, time.monotonic() - began, source))
        if outcome == "shed":  # as well-behaved clients and people on the busy page do, not all at once
            await asyncio.sleep(int(response.headers["Retry-After"]) * (1 + rng.random()))


async def load(base, targets, clients, seconds):
    results, deadline = [], time.monotonic() + seconds
    timeout = aiohttp.ClientTimeout(total=GIVE_UP_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=clients)) as session:
        await asyncio.gather(*(client(session, base, targets, deadline, results, random.Random(number))
                               for number in range(clients)))
    return results


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else None


def summary(results, seconds):
    latencies = [latency for _kind, _outcome, latency, _source in results]
    outcomes = Counter(str(outcome) for _kind, outcome, _latency, _source in results)
    errors = sum(count for outcome, count in outcomes.items()
                 if outcome == "connection_error" or (outcome.isdigit() and int(outcome) >= 500))
    return {
        "requests": len(results),
        "requests_per_second": round(len(results) / seconds, 1),
        "p50_ms": round(1000 * percentile(latencies, 0.5), 1) if latencies else None,
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1) if latencies else None,
        "errors": errors,
        "over_10_s": outcomes.get("gave_up", 0),
        "shed": outcomes.get("shed", 0),
        "statuses": dict(sorted(outcomes.items())),
        # file: nginx page file; hit/miss: Django's page cache; HIT/MISS/EXPIRED: nginx's API cache
        "answered_from": dict(Counter(source or "app, uncached" for _kind, outcome, _latency, source in results
                                      if outcome == 200)),
    }


def run(env, workdir, targets, clients, seconds):
    from cms.core.local_servers import AppServer, RedisServer, free_port
    from themes.front_server import FrontServer

    with RedisServer(workdir / "redis") as redis:
        app_env = {**env, "CACHE_URL": redis.url}
        with AppServer(workdir / "app", app_env, workers=WORKERS, threads=THREADS) as app:
            with FrontServer(workdir / "nginx", free_port(), [app.address], env["STATIC_ROOT"], env["MEDIA_ROOT"],
                             env["PAGE_FILE_CACHE_ROOT"], workers=1) as front:
                return asyncio.run(load(f"http://127.0.0.1:{front.port}", targets, clients, seconds))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--portals", type=int, default=6, help="agencies of the demo province to load")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cong-load-"))
    try:
        env = prepare(workdir, args.portals)
        targets = requests_by_kind()
        results = run(env, workdir, targets, args.clients, args.seconds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report = {
        "stack": f"nginx (themes/nginx/cong.conf) -> gunicorn {WORKERS} workers x {THREADS} threads, Redis, "
                 f"{'PostgreSQL' if 'postgres' in env['DATABASE_URL'] else 'SQLite'}; demo province, "
                 f"{len(targets['home'])} portals",
        "clients": args.clients, "seconds": args.seconds, "mix": MIX,
        "all": summary(results, args.seconds),
        "by_kind": {kind: summary([r for r in results if r[0] == kind], args.seconds) for kind in MIX},
        "goal": {"errors": 0, "over_10_s": 0, "p95_ms_under": 2000},
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
