"""The dashboard's overview, per role: an editor and an approver see their portal's compliance score
and its change, views, questions waiting and the notices it shows, and nothing of another portal;
a province administrator sees the province."""

import pytest
from django.test import Client

from cms.engagement.models import Question, QuestionStatus
from cms.notices.models import Notice
from cms.publishing.models import ComplianceSnapshot
from cms.visits.models import record_visit
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(province):
    justice, health = province["portals"]["justice"], province["portals"]["health"]
    for portal, scores in ((justice, (70.0, 82.5)), (health, (40.0,))):
        for score in scores:
            ComplianceSnapshot.objects.create(portal=portal, ruleset="nd43-2011", score=score, results=[])
    Question.objects.create(portal=justice, name="Công dân A", email="a@example.vn", subject="Hỏi về khai sinh", body="…")
    Question.objects.create(portal=justice, name="Công dân B", email="b@example.vn", subject="Đã trả lời",
                            body="…", status=QuestionStatus.ANSWERED, answer="Trả lời")
    Question.objects.create(portal=health, name="Công dân C", email="c@example.vn", subject="Hỏi về tiêm chủng", body="…")
    for _ in range(7):
        record_visit(justice.pk, "/")
    notice = Notice.objects.create(owner=province["root"], title="Cảnh báo bão số 9", emergency=True, live=False)
    notice.save_revision().publish()
    return province


def dashboard(user, settings):
    settings.ADMIN_TWO_FACTOR = False
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["editors_group", "approvers_group"])
def test_an_editor_and_an_approver_see_their_portal(activity, settings, role):
    justice = activity["portals"]["justice"]
    page = dashboard(make_user(f"stp-{role}", getattr(justice, role)), settings)
    overview = page[page.index('id="portal-overview-heading"'):]
    assert "<strong>82,5</strong>/100 (+12,5 so với lần trước)"  # Vietnamese decimal comma in overview
    assert "Lượt truy cập 30 ngày: <strong>7</strong>" in overview
    assert "Câu hỏi chờ trả lời: <strong>1</strong>" in overview and "Hỏi về khai sinh" in overview
    assert "Cảnh báo bão số 9" in overview
    assert "Hỏi về tiêm chủng" not in page and "Toàn tỉnh" not in overview


def test_a_province_administrator_sees_the_province(activity, settings):
    page = dashboard(make_user("quantri", is_superuser=True, is_staff=True), settings)
    overview = page[page.index('id="portal-overview-heading"'):]
    assert "Toàn tỉnh" in overview and "4 cổng đang hoạt động, 2 cổng đã được đánh giá tuân thủ" in overview
    assert "điểm trung bình <strong>61,2</strong>/100" in overview
    assert "Câu hỏi của công dân chờ trả lời: <strong>2</strong>" in overview
    lowest = overview[overview.index("Các cổng điểm thấp nhất"):]
    assert lowest.index(activity["health"].name) < lowest.index(activity["justice"].name)
