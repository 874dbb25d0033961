"""Portal generation and routing benchmark. Prints one JSON object.

  .venv/bin/python bench/portals.py [--portals 600] [--many 1000] [--requests 300]

Runs on a fresh temporary SQLite database unless DATABASE_URL is set (e.g. the PostgreSQL
server from scripts/postgres.sh start); the database named there is migrated and filled.
Measures: seconds to create 1 portal, seconds per portal over a bulk of N portals (the
per-portal ratio must stay within 1.2x), and home-page requests/s served through the full
Django/Wagtail stack with 1 portal vs with --many portals in the database (goal >= 0.95).
Requests are served by a fresh process for each measurement (as a web server worker would be,
not the process that just created the portals). The database is copied when it holds 1 portal
and again when it holds all of them (the same way, so both copies are equally compact), and the
two copies are measured in turn (--rounds times each, medians reported), so that a machine
getting faster or slower during the run does not bias the ratio.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup_django(migrate=True):
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='cong-bench-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.PAGE_CACHE_SECONDS = 0  # measure rendering and routing, not the page cache
    if not migrate:
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def make_agency(number, parent):
    from cms.core.models import Agency, AgencyKind

    return Agency.objects.create(name=f"Đơn vị sự nghiệp số {number}", kind=AgencyKind.UNIT, code=f"DV{number}",
                                 parent=parent)


def create_portals(start, count, parent):
    from sites.provisioning import create_portal

    began = time.perf_counter()
    for number in range(start, start + count):
        create_portal(make_agency(number, parent), f"dv{number}.bench.localhost")
    return time.perf_counter() - began


def serve_home(hostname, requests):
    """Requests/s of the home page, in this (fresh) process."""
    from django.test import Client

    client = Client()
    assert client.get("/", HTTP_HOST=hostname).status_code == 200
    began = time.perf_counter()
    for _ in range(requests):
        client.get("/", HTTP_HOST=hostname)
    return requests / (time.perf_counter() - began)


def snapshot_database(suffix):
    """A copy of the database as it is now; returns its DATABASE_URL."""
    from django.db import connection, connections

    url = os.environ["DATABASE_URL"]
    if connection.vendor == "sqlite":
        copy = f"{connection.settings_dict['NAME']}.{suffix}"
        if os.path.exists(copy):
            os.remove(copy)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [copy])
        return f"sqlite:///{copy}"
    import psycopg

    name = connection.settings_dict["NAME"]
    connections.close_all()
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}_{suffix}"')
        maintenance.execute(f'CREATE DATABASE "{name}_{suffix}" TEMPLATE "{name}"')
    return f"{url.rsplit('/', 1)[0]}/{name}_{suffix}"


def serve_home_in_new_process(database_url, hostname, requests):
    command = [sys.executable, __file__, "--serve-home", hostname, "--requests", str(requests)]
    done = subprocess.run(command, check=True, capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": database_url})
    return float(done.stdout.split()[-1])


def home_throughputs(database_urls, hostname, requests, rounds):
    """Median requests/s for each database, measured in turn, each time in a new process."""
    from django.db import connections

    connections.close_all()
    figures = {url: [] for url in database_urls}
    for _ in range(rounds):
        for url in database_urls:
            figures[url].append(serve_home_in_new_process(url, hostname, requests))
    return [statistics.median(figures[url]) for url in database_urls]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=600)
    parser.add_argument("--many", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve-home", metavar="HOSTNAME", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_home:
        setup_django(migrate=False)
        print(serve_home(args.serve_home, args.requests))
        return
    setup_django()
    from django.db import connection

    from cms.core.models import Agency, AgencyKind
    from sites.provisioning import create_portal

    province = Agency.objects.create(name="UBND tỉnh Đo Kiểm", kind=AgencyKind.PROVINCE, code="BENCH")
    create_portal(province, "bench.localhost")
    single = create_portals(1, 1, province)
    one_portal_url = snapshot_database("one")
    bulk = create_portals(2, args.portals, province)
    per_portal_bulk = bulk / args.portals
    remaining = max(0, args.many - args.portals - 2)
    create_portals(args.portals + 2, remaining, province)
    rps_one, rps_many = home_throughputs([one_portal_url, snapshot_database("many")], "dv1.bench.localhost",
                                         args.requests, args.rounds)
    print(json.dumps({
        "database": connection.vendor,
        "create_one_portal_s": round(single, 3),
        "bulk_portals": args.portals,
        "bulk_total_s": round(bulk, 1),
        "bulk_per_portal_s": round(per_portal_bulk, 3),
        "per_portal_ratio_bulk_vs_one": round(per_portal_bulk / single, 2),
        "home_rps_with_1_portal": round(rps_one, 1),
        f"home_rps_with_{args.many}_portals": round(rps_many, 1),
        "home_rps_ratio_many_vs_one": round(rps_many / rps_one, 3),
    }))


if __name__ == "__main__":
    main()
