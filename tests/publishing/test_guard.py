"""Publish rules hold on every path: code, admin page and snippet editors, scheduling,
publish_scheduled, bulk actions, workflow approval; administrators may force with a reason."""

import dataclasses
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.core.models import AgencyLogEntry
from cms.documents.models import LegalDocument
from cms.engagement.models import ConsultationIndexPage
from cms.pages.models import NewsArticlePage, NewsIndexPage, SectionPage, StandardPage
from cms.procedures.models import Procedure
from cms.publishing.guard import PublishRefused, violations_for
from cms.publishing.rules import gate_rules, load_ruleset, ruleset_in_force
from wagtail.test.utils.form_data import rich_text

from tests.factories import legal_document_form, procedure_form
from tests.factories import attach_file, make_document, make_procedure
from tests.factories import consultation_draft, make_user, news_article

RULESETS = ["nd43-2011", "nd42-2022"]


@pytest.fixture
def news_index(province):
    return NewsIndexPage.objects.get(url_path__startswith="/stp/", slug="tin-tuc")


def draft_article(news_index, slug="tin-moi", **fields):
    """A draft whose latest revision carries fields the editor form would refuse (as an import could)."""
    article = news_article(news_index, slug=slug, live=False)
    for name, value in fields.items():
        setattr(article, name, value)
    article.save_revision(clean=False)
    return article


def cites_the_set_in_force(message, check):
    """The refusal names the article of the rule set in force today, whatever set the province chose."""
    return ruleset_in_force(timezone.localdate()).by_check(check).article_label in message


def refused(callable_):
    with pytest.raises(PublishRefused) as info:
        callable_()
    return str(info.value)


@pytest.mark.django_db
@pytest.mark.parametrize("code", RULESETS)
class TestPublishRulesInCode:
    def test_article_without_author_is_refused_naming_article_5(self, use_ruleset, news_index, code):
        use_ruleset(code)
        article = draft_article(news_index, author="")
        message = refused(lambda: article.get_latest_revision().publish())
        assert "tác giả" in message
        assert cites_the_set_in_force(message, "news_author_source")
        assert not NewsArticlePage.objects.get(pk=article.pk).live

    def test_reposted_article_needs_its_source(self, use_ruleset, news_index, code):
        use_ruleset(code)
        article = draft_article(news_index, origin="dang-lai", source="", source_url="https://baochinhphu.vn/tin")
        assert "nguồn" in refused(lambda: article.get_latest_revision().publish())

    def test_an_article_must_say_whether_it_is_original_or_reposted(self, use_ruleset, news_index, code):
        use_ruleset(code)
        article = draft_article(news_index, origin="")
        assert "tin gốc hay tin đăng lại" in refused(lambda: article.get_latest_revision().publish())

    def test_article_with_author_and_source_is_published(self, use_ruleset, news_index, code):
        use_ruleset(code)
        article = draft_article(news_index, origin="dang-lai", source_url="https://baochinhphu.vn/tin", source="Báo Chính phủ")
        article.get_latest_revision().publish()
        assert NewsArticlePage.objects.get(pk=article.pk).live

    def test_article_without_description_breaks_dublin_core(self, use_ruleset, news_index, code):
        use_ruleset(code)
        article = draft_article(news_index, intro="")
        message = refused(lambda: article.get_latest_revision().publish())
        assert "siêu dữ liệu" in message and "mô tả" in message
        assert cites_the_set_in_force(message, "dublin_core")

    def test_search_description_is_a_description(self, use_ruleset, news_index, code):
        use_ruleset(code)
        page = SectionPage(title="Giới thiệu chung", slug="gioi-thieu-chung", section_code="gioi-thieu", live=False)
        news_index.get_parent().add_child(instance=page)
        assert "mô tả" in refused(lambda: page.save_revision().publish())
        page.search_description = "Tóm tắt cho máy tìm kiếm"
        page.save_revision().publish()
        assert SectionPage.objects.get(pk=page.pk).live

    def test_document_needs_its_file_and_effective_date_full_text_is_not_enough(self, use_ruleset, province, taxonomy, code):
        use_ruleset(code)
        document = make_document(province["justice"], taxonomy["decision"], "3/2025/QĐ-STP", live=False,
                                 with_file=False, effective_date=None, body="<p>Toàn văn</p>")
        message = refused(lambda: document.save_revision().publish())
        assert "tệp văn bản" in message and "ngày hiệu lực" in message
        assert cites_the_set_in_force(message, "document_fields")
        attach_file(document)
        document.effective_date = document.issue_date
        document.save_revision().publish()
        assert LegalDocument.objects.get(pk=document.pk).live

    def test_procedure_without_legal_basis_is_refused(self, use_ruleset, province, taxonomy, code):
        use_ruleset(code)
        procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.000010", live=False, legal_basis=())
        assert "căn cứ pháp lý" in refused(lambda: procedure.save_revision().publish())

    def test_procedure_missing_a_circular_32_field_is_refused(self, use_ruleset, province, taxonomy, code):
        use_ruleset(code)
        procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.000009", live=False, fees="",
                                   required_files=())
        message = refused(lambda: procedure.save_revision().publish())
        assert cites_the_set_in_force(message, "procedure_fields")
        assert "phí, lệ phí" in message and "thành phần" in message

    def test_consultation_draft_needs_a_long_enough_deadline(self, use_ruleset, province, code):
        use_ruleset(code)
        index = ConsultationIndexPage.objects.descendant_of(province["portals"]["justice"].site.root_page).get()
        without = consultation_draft(index, slug="khong-han", days=None, live=False)
        assert "thời hạn nhận góp ý" in refused(lambda: without.save_revision().publish())
        short = consultation_draft(index, slug="ngan", days=30, live=False)
        assert "ít nhất 60 ngày" in refused(lambda: short.save_revision().publish())
        long_enough = consultation_draft(index, slug="du-dai", days=61, live=False)
        long_enough.save_revision().publish()


@pytest.mark.django_db
class TestAdminPaths:
    def test_page_editor_publish_is_refused_with_a_message_and_the_draft_kept(self, admin_client, news_index):
        article = draft_article(news_index)
        data = {
            "title": article.title, "slug": article.slug, "date": "2026-11-02", "intro": article.intro,
            "body": rich_text("<p>Nội dung</p>"), "author": "Lê Thị C", "origin": "dang-lai", "source": "", "source_url": "https://baochinhphu.vn/a",
            "section_code": "", "action-publish": "action-publish",
        }
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data, follow=True)
        html = response.content.decode()
        assert "Chưa thể xuất bản" in html and cites_the_set_in_force(html, "news_author_source")
        article = NewsArticlePage.objects.get(pk=article.pk)
        assert not article.live and article.get_latest_revision().content["source_url"] == "https://baochinhphu.vn/a"

    def test_snippet_editor_publish_is_refused(self, admin_client, province, taxonomy):
        data = legal_document_form(province["justice"], taxonomy["decision"], attachments=(),
                                   **{"action-publish": "action-publish"})
        response = admin_client.post(reverse("wagtailsnippets_legal_documents_legaldocument:add"), data, follow=True)
        assert "Chưa thể xuất bản" in response.content.decode()
        document = LegalDocument.objects.get()
        assert not document.live

    def test_snippet_editor_publishes_a_complete_procedure(self, admin_client, province, taxonomy):
        data = procedure_form(province["justice"], taxonomy["civil_status"], **{"action-publish": "action-publish"})
        admin_client.post(reverse("wagtailsnippets_procedures_procedure:add"), data)
        assert Procedure.objects.get().live

    def test_scheduling_a_breaking_page_is_refused_at_once(self, admin_client, news_index):
        article = draft_article(news_index, author="")
        article.go_live_at = timezone.now() + datetime.timedelta(days=1)
        revision = article.save_revision(clean=False)
        with pytest.raises(PublishRefused):
            revision.publish()
        revision.refresh_from_db()
        assert revision.approved_go_live_at is None

    def test_bulk_publish_is_refused_when_a_page_breaks_a_rule(self, admin_client, news_index):
        good = draft_article(news_index, slug="tot")
        bad = draft_article(news_index, slug="xau", author="")
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        response = admin_client.post(f"{url}?id={good.pk}&id={bad.pk}&next=/admin/", {}, follow=True)
        assert cites_the_set_in_force(response.content.decode(), "news_author_source")
        assert not NewsArticlePage.objects.filter(live=True, pk__in=[good.pk, bad.pk]).exists()


@pytest.mark.django_db
def test_publish_scheduled_skips_a_breaking_revision_logs_it_and_publishes_the_rest(news_index):
    past = timezone.now() - datetime.timedelta(minutes=5)
    good = draft_article(news_index, slug="dung-lich")
    bad = draft_article(news_index, slug="sai", author="")
    for article in (good, bad):
        # Scheduled before the rule existed (or imported): the gate must still hold at go-live.
        article.get_latest_revision().__class__.objects.filter(pk=article.get_latest_revision().pk).update(approved_go_live_at=past)
    call_command("publish_scheduled")
    assert NewsArticlePage.objects.get(pk=good.pk).live
    assert not NewsArticlePage.objects.get(pk=bad.pk).live
    entry = PageLogEntry.objects.get(page=bad, action="cong.publish.refused")
    assert entry.data["violations"][0]["article"] == ruleset_in_force(timezone.localdate()).by_check("news_author_source").article
    assert bad.get_latest_revision().approved_go_live_at is None


@pytest.mark.django_db
class TestForcePublish:
    def url(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return reverse("publishing_force", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])

    def test_administrator_forces_with_a_written_reason_which_is_logged(self, admin_client, province, taxonomy):
        document = make_document(province["justice"], taxonomy["decision"], "4/2025/QĐ-STP", live=False, with_file=False)
        document.save_revision()
        response = admin_client.post(self.url(document), {"reason": "Văn bản khẩn, tệp sẽ bổ sung trong ngày."})
        assert response.status_code == 302
        assert LegalDocument.objects.get(pk=document.pk).live
        entry = AgencyLogEntry.objects.get(action="cong.publish.forced")
        assert entry.data["reason"].startswith("Văn bản khẩn")
        assert entry.data["violations"][0]["rule"] == ruleset_in_force(timezone.localdate()).by_check("document_fields").id

    def test_reason_is_required(self, admin_client, province, taxonomy):
        document = make_document(province["justice"], taxonomy["decision"], "5/2025/QĐ-STP", live=False)
        document.save_revision()
        response = admin_client.post(self.url(document), {"reason": ""})
        assert response.status_code == 200 and not LegalDocument.objects.get(pk=document.pk).live

    def test_editors_cannot_force(self, client, province, taxonomy):
        editor = make_user("bientap", province["portals"]["justice"].editors_group)
        client.force_login(editor)
        document = make_document(province["justice"], taxonomy["decision"], "6/2025/QĐ-STP", live=False)
        document.save_revision()
        assert client.post(self.url(document), {"reason": "Tôi muốn xuất bản ngay bây giờ."}).status_code in (302, 403)
        assert not LegalDocument.objects.get(pk=document.pk).live


@pytest.mark.django_db
def test_pages_outside_the_rules_publish_as_before(news_index):
    page = StandardPage(title="Trang", slug="trang", intro="Tóm tắt", body="<p>x</p>")
    news_index.get_parent().add_child(instance=page)
    page.save_revision().publish()


@pytest.mark.django_db
def test_scheduled_publication_then_expiry_both_in_the_audit_log(news_index):
    from wagtail.models import Revision

    article = draft_article(news_index, slug="theo-lich")
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    article.save_revision(clean=False).publish()
    revision = article.get_latest_revision()
    assert revision.approved_go_live_at and not NewsArticlePage.objects.get(pk=article.pk).live
    past = timezone.now() - datetime.timedelta(minutes=1)  # the hour has passed
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=revision.content)
    call_command("publish_scheduled")
    assert NewsArticlePage.objects.get(pk=article.pk).live
    NewsArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    article = NewsArticlePage.objects.get(pk=article.pk)
    assert not article.live and article.expired
    actions = set(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert {"wagtail.publish.schedule", "wagtail.publish.scheduled", "wagtail.unpublish.scheduled"} <= actions


@pytest.mark.django_db
class TestGateFollowsTheRegimeInForce:
    """The gate asks the rules of the set in force on the day of publication, whatever set the
    province evaluates against; its chosen set adds only checks the set in force lacks."""

    @pytest.mark.parametrize("day,article", [
        (datetime.date(2015, 6, 1), "Điểm e khoản 1 Điều 10 Nghị định 43/2011/NĐ-CP"),
        (datetime.date(2024, 6, 1), "Khoản 1 Điều 4 Nghị định 42/2022/NĐ-CP"),
        (datetime.date(2026, 7, 1), "Điểm d khoản 1 Điều 9 Nghị định 224/2026/NĐ-CP"),
    ])
    def test_a_document_without_file_is_refused_citing_the_set_of_that_day(self, use_ruleset, province, taxonomy,
                                                                          day, article):
        use_ruleset("nd43-2011")
        document = make_document(province["justice"], taxonomy["decision"], "4/2025/QĐ-STP", live=False, with_file=False)
        [violation] = violations_for(document, day=day)
        assert violation.rule.article == article and violation.missing[0].startswith("tệp văn bản")

    def test_the_chosen_set_adds_what_the_set_in_force_does_not_check(self):
        in_force, chosen = load_ruleset("nd224-2026"), load_ruleset("nd43-2011")
        narrowed = dataclasses.replace(in_force, rules=tuple(r for r in in_force.rules if r.check != "consultation_deadline"))
        rules = gate_rules(chosen, datetime.date(2026, 12, 1), in_force=narrowed)
        assert {rule.id for rule in rules if rule.check == "consultation_deadline"} == {"nd43-a10i-han-gop-y"}
        assert {rule.id for rule in rules if rule.check == "document_fields"} == {"nd224-truong-van-ban"}
