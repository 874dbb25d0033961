"""Compliance report views, snapshots and trend, province ranking with chart, CSV and XLSX."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from cms.core.models import Portal
from cms.publishing.compliance import ranking, snapshot_all, take_snapshot
from cms.publishing.models import ComplianceSnapshot
from cms.publishing.sections import PortalPages
from tests.factories import make_user


@pytest.mark.django_db
def test_snapshots_give_a_trend_and_failing_items_link_to_their_fix(admin_client, province):
    portal = province["portals"]["commune"]
    take_snapshot(portal)
    admin_client.post(reverse("publishing_run", args=[portal.pk]))
    assert ComplianceSnapshot.objects.filter(portal=portal).count() == 2
    html = admin_client.get(reverse("publishing_compliance", args=[portal.pk])).content.decode()
    assert "<polyline" in html and "Điều 10" in html
    assert reverse("wagtailadmin_pages:edit", args=[portal.site.root_page.pk]) in html or "/admin/pages/" in html


@pytest.mark.django_db
def exported(client, export_format):
    response = client.get(reverse("publishing_ranking") + f"?export={export_format}")
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_ranking_chart_and_exports(admin_client, good_portal, province):
    admin_client.post(reverse("publishing_run_all"))
    rows = ranking()
    assert len(rows) == 4 and rows[0].portal == good_portal and rows[0].score > rows[-1].score
    html = admin_client.get(reverse("publishing_ranking")).content.decode()
    assert "<svg" in html and "<rect" in html and good_portal.agency.name in html
    table = list(csv.reader(io.StringIO(exported(admin_client, "csv").decode("utf-8-sig"))))
    assert table[0][0] == "Hạng" and table[1][1] == good_portal.agency.name and len(table) == 5
    sheet = load_workbook(io.BytesIO(exported(admin_client, "xlsx"))).active
    assert sheet["B2"].value == good_portal.agency.name and sheet.max_row == 5


@pytest.mark.django_db
def test_exports_never_carry_a_formula(admin_client, province):
    commune = province["commune"]
    commune.name = "=HYPERLINK(\"http://evil.example\",\"x\")"
    commune.save()
    snapshot_all()
    cells = [row[1] for row in csv.reader(io.StringIO(exported(admin_client, "csv").decode("utf-8-sig")))]
    assert f"'{commune.name}" in cells and commune.name not in cells
    names = [cell.value for cell in load_workbook(io.BytesIO(exported(admin_client, "xlsx"))).active["B"]]
    assert f"'{commune.name}" in names


@pytest.mark.django_db
def test_editors_see_only_their_portal_and_cannot_export(client, province):
    snapshot_all()
    justice = province["portals"]["justice"]
    client.force_login(make_user("bientap", justice.editors_group))
    html = client.get(reverse("publishing_ranking")).content.decode()
    assert justice.agency.name in html and province["portals"]["health"].agency.name not in html
    assert "export=" not in html  # no download button that would refuse them
    assert client.get(reverse("publishing_compliance", args=[province["portals"]["health"].pk])).status_code == 404
    assert client.get(reverse("publishing_ranking") + "?export=csv").status_code in (302, 403)


@pytest.mark.django_db
def test_the_province_report_reads_portals_together_and_shows_progress(good_portal, province):
    portals = list(Portal.objects.exclude(agency=None))
    together = PortalPages.of_portals(portals)
    for portal in portals:
        assert [page.pk for page in together[portal.pk].all] == [page.pk for page in PortalPages(portal).all]
    shown, alone = io.StringIO(), {portal.pk: take_snapshot(portal).score for portal in portals}
    call_command("compliance_snapshot", batch=3, stdout=io.StringIO(), stderr=shown)
    assert shown.getvalue().splitlines() == ["Đã đánh giá 3/4 cổng", "Đã đánh giá 4/4 cổng"]
    assert {snapshot.portal_id: snapshot.score for snapshot in ComplianceSnapshot.objects.order_by("pk")} == alone
