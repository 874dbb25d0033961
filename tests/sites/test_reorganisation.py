import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import ModelLogEntry, Site

from cms.documents.models import LegalDocument
from sites import reorganisation
from sites.bulk import bulk_create, read_rows
from cms.core.models import Agency, Portal, PortalStatus
from tests.factories import make_document

CSV = """name,short_name,kind,parent,code,hostname,email
Sở Xây dựng tỉnh Thử Nghiệm,Sở Xây dựng,department,TN,SXD,sxd.thunghiem.localhost,sxd@thunghiem.gov.vn
Trung tâm Kiểm định,,unit,SXD,TTKD,ttkd.thunghiem.localhost,
,Thiếu tên,department,TN,NONAME,noname.thunghiem.localhost,
Sở Lạ,,bo-nganh,TN,SLA,sla.thunghiem.localhost,
Sở Trùng,,department,TN,STRUNG,stp.thunghiem.localhost,
Sở Sai Miền,,department,TN,SSM,sai mien.localhost,
Sở Mồ Côi,,department,KHONGCO,SMC,smc.thunghiem.localhost,
Vòng A,,unit,VB,VA,va.thunghiem.localhost,
Vòng B,,unit,VA,VB,vb.thunghiem.localhost,
"""


@pytest.mark.django_db
def test_bulk_creation_reports_every_row_and_is_idempotent(province, tmp_path):
    path = tmp_path / "tinh.csv"
    path.write_text(CSV, encoding="utf-8")
    results = bulk_create(read_rows(path))
    statuses = {result.code: result.status for result in results}
    assert statuses == {"SXD": "created", "TTKD": "created", "NONAME": "refused", "SLA": "refused",
                        "STRUNG": "refused", "SSM": "refused", "SMC": "refused", "VA": "refused", "VB": "refused"}
    messages = {result.code: result.message for result in results}
    assert "thiếu tên" in messages["NONAME"] and "bo-nganh" in messages["SLA"] and "đã được dùng" in messages["STRUNG"]
    assert "vòng lặp" in messages["VA"] and "KHONGCO" in messages["SMC"]
    assert results[2].row == 3 and str(results[2]).startswith("Dòng 3")
    assert Agency.objects.get(code="TTKD").parent.code == "SXD"
    again = bulk_create(read_rows(path))
    assert [r.status for r in again[:2]] == ["skipped", "skipped"]
    assert Portal.objects.filter(agency__code__in=["SXD", "TTKD"]).count() == 2


@pytest.mark.django_db
def test_bulk_from_yaml(province, tmp_path):
    path = tmp_path / "tinh.yaml"
    path.write_text("agencies:\n  - {name: Xã Mới, kind: commune, code: XM, hostname: xm.thunghiem.localhost, parent: TN}\n",
                    encoding="utf-8")
    call_command("portal", "bulk", str(path))
    assert Site.objects.filter(hostname="xm.thunghiem.localhost").exists()


@pytest.mark.django_db
class TestRename:
    def test_rename_changes_name_and_hostname_and_redirects_old_host(self, province, client):
        portal = province["portals"]["justice"]
        reorganisation.rename(portal, name="Sở Tư pháp và Pháp chế", hostname="stppc.thunghiem.localhost")
        assert "Sở Tư pháp và Pháp chế" in client.get("/", HTTP_HOST="stppc.thunghiem.localhost").content.decode()
        response = client.get("/tin-tuc/?page=2", HTTP_HOST="stp.thunghiem.localhost")
        assert response.status_code == 301
        assert response["Location"] == "http://stppc.thunghiem.localhost/tin-tuc/?page=2"
        assert ModelLogEntry.objects.filter(action="cong.portal.rename").exists()

    def test_dry_run_changes_nothing(self, province):
        portal = province["portals"]["justice"]
        outcome = reorganisation.rename(portal, name="Tên mới", hostname="moi.thunghiem.localhost", dry_run=True)
        assert "Xem trước" in str(outcome) and "moi.thunghiem.localhost" in str(outcome)
        assert Site.objects.filter(hostname="stp.thunghiem.localhost").exists()
        assert Agency.objects.get(code="STP").name == "Sở Tư pháp tỉnh Thử Nghiệm"


@pytest.mark.django_db
class TestMerge:
    def test_merge_moves_everything_and_redirects_every_old_url(self, province, taxonomy, client):
        commune, justice = province["portals"]["commune"], province["portals"]["justice"]
        document = make_document(province["commune"], taxonomy["decision"], "3/QĐ-UBND")
        pages_before = commune.site.root_page.get_descendants(inclusive=True).count()
        outcome = reorganisation.merge(commune, justice)
        commune.refresh_from_db()
        assert commune.status == PortalStatus.MERGED and commune.merged_into == justice
        document.refresh_from_db()
        assert document.owner_agency == province["justice"]
        archive = justice.site.root_page.get_children().get(slug="luu-tru-xtl")
        assert archive.get_descendants(inclusive=True).count() == pages_before
        response = client.get("/tin-tuc/", HTTP_HOST="tanlap.thunghiem.localhost")
        assert response.status_code == 301 and response["Location"] == "http://stp.thunghiem.localhost/luu-tru-xtl/tin-tuc/"
        assert client.get("/luu-tru-xtl/tin-tuc/", HTTP_HOST="stp.thunghiem.localhost").status_code == 200
        assert LegalDocument.objects.count() == 1 and "trang" in str(outcome)

    def test_merge_into_itself_or_a_retired_portal_is_refused(self, province):
        justice, health = province["portals"]["justice"], province["portals"]["health"]
        with pytest.raises(ValidationError):
            reorganisation.merge(justice, justice)
        reorganisation.retire(health)
        with pytest.raises(ValidationError):
            reorganisation.merge(justice, health)


@pytest.mark.django_db
def test_retired_portal_stays_reachable_flagged_and_read_only(province, client):
    from wagtail.models import GroupPagePermission

    portal = province["portals"]["health"]
    reorganisation.retire(portal)
    html = client.get("/", HTTP_HOST="syt.thunghiem.localhost").content.decode()
    assert "ngừng cập nhật" in html
    assert not GroupPagePermission.objects.filter(group=portal.editors_group).exists()
    assert ModelLogEntry.objects.filter(action="cong.portal.retire").exists()


@pytest.mark.django_db
class TestPortalAdmin:
    URL = "/admin/cong-thong-tin/"

    def test_province_admin_previews_then_applies_a_rename(self, province, admin_client):
        portal = province["portals"]["justice"]
        data = {"action": "rename", "rename-portal": portal.pk, "rename-name": "Sở Tư pháp mới", "rename-hostname": ""}
        preview = admin_client.post(self.URL, {**data, "preview": "1"})
        assert preview.status_code == 200 and "Xem trước" in preview.content.decode()
        assert Agency.objects.get(code="STP").name == "Sở Tư pháp tỉnh Thử Nghiệm"
        assert admin_client.post(self.URL, data).status_code == 302
        assert Agency.objects.get(code="STP").name == "Sở Tư pháp mới"

    def test_merge_into_itself_is_a_form_error(self, province, admin_client):
        portal = province["portals"]["justice"]
        response = admin_client.post(self.URL, {"action": "merge", "merge-portal": portal.pk, "merge-target": portal.pk})
        assert "Không thể hợp nhất một cổng vào chính nó" in response.content.decode()

    def test_portal_editors_are_refused(self, province, client):
        from django.contrib.auth import get_user_model

        editor = get_user_model().objects.create_user("bt", password="mat-khau-manh-123")
        editor.groups.add(province["portals"]["justice"].editors_group)
        client.force_login(editor)
        assert client.get(self.URL).status_code in (302, 403)
