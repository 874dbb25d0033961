import pytest
from django.core.exceptions import ValidationError
from wagtail.models import GroupPagePermission, Site

from sites.blueprints import blueprint_for
from sites.hostnames import validate_hostname
from cms.core.models import Agency, AgencyKind
from sites.provisioning import apply_blueprint, create_portal

DECREE_43_SECTIONS = {"gioi-thieu", "tin-tuc", "chi-dao-dieu-hanh", "lich-cong-tac", "pho-bien-phap-luat",
                      "chien-luoc-quy-hoach", "van-ban", "du-an-dau-tu", "lay-y-kien", "lien-he", "dich-vu-cong",
                      "hoi-dap", "so-do-cong"}


@pytest.mark.parametrize("kind", AgencyKind.values)
def test_every_kind_has_the_mandatory_sections(kind):
    codes = blueprint_for(kind).section_codes()
    assert DECREE_43_SECTIONS <= codes
    assert ("cong-bao" in codes) == (kind == AgencyKind.PROVINCE)


@pytest.mark.django_db
class TestCreatePortal:
    def test_portal_has_site_tree_groups_and_collection(self, province):
        portal = province["portals"]["justice"]
        site = Site.objects.get(hostname="stp.thunghiem.localhost")
        assert portal.site == site and site.root_page.title == "Sở Tư pháp tỉnh Thử Nghiệm"
        sections = {page.specific.section_code for page in site.root_page.get_descendants()}
        assert DECREE_43_SECTIONS <= sections
        assert GroupPagePermission.objects.filter(group=portal.editors_group, page=site.root_page).exists()
        assert GroupPagePermission.objects.filter(group=portal.approvers_group, page=site.root_page,
                                                  permission__codename="publish_page").exists()
        assert not GroupPagePermission.objects.filter(group=portal.editors_group, permission__codename="publish_page").exists()
        assert portal.collection.name == "Sở Tư pháp tỉnh Thử Nghiệm"

    def test_duplicate_hostname_and_second_portal_are_refused(self, province):
        extra = Agency.objects.create(name="Sở Xây dựng", kind=AgencyKind.DEPARTMENT, code="SXD", parent=province["root"])
        with pytest.raises(ValidationError):
            create_portal(extra, "stp.thunghiem.localhost")
        with pytest.raises(ValidationError):
            create_portal(province["justice"], "stp2.thunghiem.localhost")

    def test_reapplying_the_blueprint_adds_only_what_is_missing(self, province):
        portal = province["portals"]["justice"]
        root = portal.site.root_page
        news = root.get_children().get(slug="tin-tuc")
        news.title = "Tin hoạt động (đã đổi tên)"
        news.save()
        root.get_children().get(slug="hoi-dap").delete()
        before = root.get_descendants().count()
        assert apply_blueprint(portal) == 1
        assert root.get_descendants().count() == before + 1
        assert root.get_children().get(slug="tin-tuc").title == "Tin hoạt động (đã đổi tên)"
        assert apply_blueprint(portal) == 0


@pytest.mark.parametrize("hostname", ["thanhson.gov.vn", "sotuphap.thanhson.gov.vn", "stp.thanhson.localhost", "demo.test"])
def test_valid_hostnames(hostname):
    validate_hostname(hostname)


@pytest.mark.parametrize("hostname", ["thanhson.com.vn", "sở-tư-pháp.thanhson.gov.vn", "a.b.c.thanhson.gov.vn", "UPPER.gov.vn",
                                      "-bad.thanhson.gov.vn", "", "gov.vn", "example.com"])
def test_invalid_hostnames(hostname):
    with pytest.raises(ValidationError):
        validate_hostname(hostname)


@pytest.mark.django_db
def test_agency_tree_refuses_cycles(province):
    root, health, hospital = province["root"], province["health"], province["hospital"]
    health.parent = hospital
    with pytest.raises(ValidationError):
        health.full_clean()
    assert set(Agency.objects.subtree_of(health)) == {health, hospital}
    assert set(Agency.objects.subtree_of(root)) == set(Agency.objects.all())


@pytest.mark.django_db
def test_moving_an_agency_moves_its_subtree(province):
    health, hospital, justice = province["health"], province["hospital"], province["justice"]
    health.parent = justice
    health.save()
    hospital.refresh_from_db()
    assert hospital.path.startswith(justice.path) and set(Agency.objects.subtree_of(justice)) == {justice, health, hospital}
