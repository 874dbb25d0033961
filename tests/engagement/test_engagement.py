"""Q&A, drafts for comment and ratings: public forms, bad input, throttling, moderation queues."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from cms.core.models import AgencyLogEntry
from cms.engagement.models import (
    CommentStatus, ConsultationIndexPage, DraftComment, Question, QuestionIndexPage, QuestionStatus, Rating,
)
from tests.factories import make_procedure
from tests.factories import consultation_draft, make_user

HOST = "stp.thunghiem.localhost"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def qa_page(province):
    """Created by the blueprint under the Q&A section."""
    return QuestionIndexPage.objects.descendant_of(province["portals"]["justice"].site.root_page).get()


@pytest.fixture
def draft(province):
    index = ConsultationIndexPage.objects.descendant_of(province["portals"]["justice"].site.root_page).get()
    page = consultation_draft(index)
    page.save_revision().publish()
    return page


def question_data(**overrides):
    data = {"name": "Nguyễn Văn An", "email": "an@example.com", "phone": "0912 345 678",
            "subject": "Thủ tục đăng ký khai sinh", "body": "Tôi cần giấy tờ gì để đăng ký khai sinh cho con?", "website": ""}
    data.update(overrides)
    return data


ASK = "/hoi-dap/gui-cau-hoi/"


@pytest.mark.django_db
class TestQuestions:
    def test_citizen_asks_without_account_and_tracks_by_code(self, client, qa_page):
        response = client.post(ASK, question_data(), HTTP_HOST=HOST)
        assert response.status_code == 200
        question = Question.objects.get()
        assert question.tracking_code in response.content.decode() and question.status == QuestionStatus.RECEIVED
        assert question.portal.agency.code == "STP"
        html = client.get(f"/hoi-dap/tra-cuu/?code={question.tracking_code.lower()}", HTTP_HOST=HOST).content.decode()
        assert "Mới tiếp nhận" in html
        assert AgencyLogEntry.objects.filter(action="cong.question.received").exists()

    def test_unknown_or_malformed_code_is_a_clear_error(self, client, qa_page):
        assert "Không tìm thấy" in client.get("/hoi-dap/tra-cuu/?code=ABCDEFGHJK", HTTP_HOST=HOST).content.decode()
        assert "10 chữ cái" in client.get("/hoi-dap/tra-cuu/?code=<script>", HTTP_HOST=HOST).content.decode()

    @pytest.mark.parametrize("field,value,error", [
        ("body", "x" * 5001, "5000"),
        ("body", "<script>alert(1)</script>", "mã HTML"),
        ("subject", "<b>Khẩn</b>", "mã HTML"),
        ("email", "khong-phai-email", "địa chỉ email hợp lệ"),
        ("phone", "abc", "Số điện thoại"),
        ("name", "", "Trường này là bắt buộc"),
    ])
    def test_bad_input_is_refused_with_a_message_and_nothing_stored(self, client, qa_page, field, value, error):
        response = client.post(ASK, question_data(**{field: value}), HTTP_HOST=HOST)
        assert response.status_code == 200 and error in response.content.decode()
        assert not Question.objects.exists()

    def test_honeypot_filled_by_a_robot_is_refused(self, client, qa_page):
        client.post(ASK, question_data(website="http://spam.example"), HTTP_HOST=HOST)
        assert not Question.objects.exists()

    def test_a_hundred_submissions_a_minute_are_throttled_with_a_clear_message(self, client, qa_page):
        statuses = [client.post(ASK, question_data(), HTTP_HOST=HOST).status_code for _ in range(100)]
        assert statuses.count(200) == 5 and statuses.count(429) == 95
        response = client.post(ASK, question_data(), HTTP_HOST=HOST)
        assert "quá nhiều lần" in response.content.decode()
        assert Question.objects.count() == 5

    def test_behind_the_proxy_one_sender_does_not_block_the_others(self, client, qa_page, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        sender = {"HTTP_HOST": HOST, "REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
        statuses = [client.post(ASK, question_data(), **sender).status_code for _ in range(7)]
        assert statuses == [200] * 5 + [429] * 2
        neighbour = {**sender, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
        assert client.post(ASK, question_data(), **neighbour).status_code == 200
        spoofing = {**sender, "HTTP_X_FORWARDED_FOR": "203.0.113.1, 198.51.100.7"}
        assert client.post(ASK, question_data(), **spoofing).status_code == 429

    def test_answer_published_for_general_interest_is_escaped(self, client, qa_page, province):
        question = Question.objects.create(portal=province["portals"]["justice"], name="An", email="an@example.com",
                                           subject="Hỏi", body="Câu hỏi")
        question.answer, question.status, question.is_public = "Trả lời <i>a</i> & b", QuestionStatus.ANSWERED, True
        question.save()
        html = client.get("/hoi-dap/", HTTP_HOST=HOST).content.decode()
        assert "Trả lời &lt;i&gt;a&lt;/i&gt; &amp; b" in html


@pytest.mark.django_db
class TestModeration:
    def test_editor_routes_answers_and_every_step_is_logged(self, client, province):
        justice = province["portals"]["justice"]
        question = Question.objects.create(portal=justice, name="An", email="an@example.com", subject="Hỏi", body="?")
        client.force_login(make_user("bientap", justice.editors_group))
        url = reverse("engagement_questions:edit", args=[question.pk])
        client.post(url, {"status": QuestionStatus.ROUTED, "routed_to": province["hospital"].pk, "reply_date": "",
                          "answer": "", "is_public": ""})
        client.post(url, {"status": QuestionStatus.ANSWERED, "routed_to": "", "reply_date": "",
                          "answer": "Cần tờ khai và giấy chứng sinh.", "is_public": "on"})
        question.refresh_from_db()
        assert question.status == QuestionStatus.ANSWERED and question.responded_at and question.is_public
        actions = set(AgencyLogEntry.objects.filter(object_id=str(question.pk)).values_list("action", flat=True))
        assert {"cong.moderation.da-chuyen-xu-ly", "cong.moderation.da-tra-loi"} <= actions

    def test_queue_is_scoped_to_the_editors_portal(self, client, province):
        health = Question.objects.create(portal=province["portals"]["health"], name="B", email="b@example.com",
                                         subject="Câu hỏi y tế", body="?")
        Question.objects.create(portal=province["portals"]["justice"], name="A", email="a@example.com",
                                subject="Câu hỏi tư pháp", body="?")
        client.force_login(make_user("bientap", province["portals"]["justice"].editors_group))
        html = client.get(reverse("engagement_questions:index")).content.decode()
        assert "Câu hỏi tư pháp" in html and "Câu hỏi y tế" not in html
        assert client.get(reverse("engagement_questions:edit", args=[health.pk])).status_code in (302, 403)


@pytest.mark.django_db
class TestComments:
    def test_comment_is_shown_only_after_moderation(self, client, draft):
        url = draft.url_path.split("/", 2)[2]
        data = {"name": "Trần Thị Bình", "email": "binh@example.com", "organisation": "", "body": "Đề nghị bổ sung Điều 2.", "website": ""}
        response = client.post(f"/{url}", data, HTTP_HOST=HOST)
        assert response.status_code == 302
        comment = DraftComment.objects.get()
        assert comment.status == CommentStatus.PENDING
        assert "Đề nghị bổ sung" not in client.get(f"/{url}", HTTP_HOST=HOST).content.decode()
        comment.status = CommentStatus.APPROVED
        comment.save()
        assert "Đề nghị bổ sung" in client.get(f"/{url}", HTTP_HOST=HOST).content.decode()

    def test_markup_in_a_comment_is_refused(self, client, draft):
        url = draft.url_path.split("/", 2)[2]
        data = {"name": "X", "email": "x@example.com", "organisation": "", "body": '<img src=x onerror="alert(1)">', "website": ""}
        response = client.post(f"/{url}", data, HTTP_HOST=HOST)
        assert response.status_code == 200 and "mã HTML" in response.content.decode()
        assert not DraftComment.objects.exists()

    def test_closed_draft_takes_no_comments(self, client, draft):
        draft.deadline = datetime.date(2020, 1, 1)
        draft.save()
        url = draft.url_path.split("/", 2)[2]
        client.post(f"/{url}", {"name": "X", "email": "x@example.com", "body": "Muộn", "website": ""}, HTTP_HOST=HOST)
        assert not DraftComment.objects.exists()


@pytest.mark.django_db
class TestRatings:
    def test_rating_a_service_on_three_levels(self, client, province, taxonomy):
        procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.000003")
        for level in ["rat-hai-long", "hai-long", "chua-hai-long"]:
            response = client.post(reverse("engagement_rate"), {"level": level, "procedure": procedure.pk, "next": "/dich-vu-cong/"},
                                   HTTP_HOST=HOST)
            assert response.status_code == 302 and response["Location"] == "/dich-vu-cong/"
        assert sorted(Rating.objects.values_list("level", flat=True)) == ["chua-hai-long", "hai-long", "rat-hai-long"]

    def test_bad_rating_input_is_not_stored_and_open_redirects_are_refused(self, client, province):
        response = client.post(reverse("engagement_rate"), {"level": "tuyet-voi", "page": 1, "next": "https://evil.example/"},
                               HTTP_HOST=HOST)
        assert response.status_code == 302 and response["Location"] == "/"
        assert not Rating.objects.exists()
        page = province["portals"]["health"].site.root_page
        client.post(reverse("engagement_rate"), {"level": "hai-long", "page": page.pk}, HTTP_HOST=HOST)
        assert not Rating.objects.exists()  # a page of another portal
