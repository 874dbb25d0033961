"""Compliance report benchmark. Prints one JSON object.

  .venv/bin/python bench/compliance.py [--small 32] [--large 600]

On a fresh temporary SQLite database (or DATABASE_URL), builds a province of --small portals from
the blueprint, each with a news article, and times the compliance report of every portal; then
grows the province to --large portals and times it again. Reports seconds per portal at both
sizes and their ratio (a report that grows with the province's size shows a ratio above 1).
Goal: the whole --large province in under 60 s on SQLite.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.portals import create_portals, setup_django  # noqa: E402


def add_news(portals):
    from cms.pages.models import NewsIndexPage, NewsOrigin, NewsArticlePage

    for portal in portals:
        index = NewsIndexPage.objects.descendant_of(portal.site.root_page).get(section_code="tin-tuc")
        article = NewsArticlePage(title="Hội nghị tổng kết công tác năm", slug="hoi-nghi", date="2026-11-02",
                                  intro="Sáng nay, hội nghị tổng kết công tác năm đã diễn ra tại trụ sở cơ quan.",
                                  body="<p>Nội dung hội nghị.</p>", author="Lê Thị C", origin=NewsOrigin.ORIGINAL)
        index.add_child(instance=article)
        article.save_revision().publish()


def time_reports():
    from cms.core.models import Portal, PortalStatus
    from cms.publishing.compliance import snapshot_all

    count = Portal.objects.filter(status=PortalStatus.ACTIVE).exclude(agency=None).count()
    began = time.perf_counter()
    snapshot_all()
    total = time.perf_counter() - began
    return count, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=32)
    parser.add_argument("--large", type=int, default=600)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from cms.core.models import Agency, AgencyKind, Portal
    from sites.provisioning import create_portal

    province = Agency.objects.create(name="UBND tỉnh Đo Kiểm", kind=AgencyKind.PROVINCE, code="BENCH")
    create_portal(province, "bench.localhost")
    create_portals(1, args.small - 1, province)
    add_news(Portal.objects.exclude(agency=None))
    small_count, small_total = time_reports()
    before = set(Portal.objects.values_list("pk", flat=True))
    create_portals(args.small, args.large - args.small, province)
    add_news(Portal.objects.exclude(agency=None).exclude(pk__in=before))
    large_count, large_total = time_reports()
    small_per, large_per = small_total / small_count, large_total / large_count
    print(json.dumps({
        "database": connection.vendor,
        "portals_small": small_count, "report_total_s_small": round(small_total, 1),
        "report_per_portal_s_small": round(small_per, 3),
        "portals_large": large_count, "report_total_s_large": round(large_total, 1),
        "report_per_portal_s_large": round(large_per, 3),
        "per_portal_ratio_large_vs_small": round(large_per / small_per, 2),
    }))


if __name__ == "__main__":
    main()
