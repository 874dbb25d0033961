"""Moderation per portal, driven through the real admin views: editor submits, the portal's
approvers approve, then its editorial board for the chosen content types; every step logged."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, PageLogEntry, WorkflowContentType, WorkflowPage

from cms.core.models import AgencyLogEntry
from cms.documents.models import LegalDocument
from cms.pages.models import NewsArticlePage, NewsIndexPage, StandardPage
from cms.publishing.models import EditorialBoardTask, PortalWorkflow
from cms.publishing.rules import ruleset_in_force
from wagtail.test.utils.form_data import rich_text

from tests.factories import legal_document_form
from tests.factories import make_user


@pytest.fixture
def justice(province):
    return province["portals"]["justice"]


@pytest.fixture
def people(justice, province):
    board = PortalWorkflow.objects.get(portal=justice).board_group
    return {
        "editor": make_user("bientapvien", justice.editors_group),
        "approver": make_user("nguoiduyet", justice.approvers_group),
        # Board members manage their portal's records through the board group alone: it holds page
        # permissions on the portal's home (cms.core.models.PortalQuerySet.member_portals).
        "board": make_user("truongban", board),
        "other_approver": make_user("duyetsyt", province["portals"]["health"].approvers_group),
    }


def login(client, user):
    client.force_login(user)
    return client


def article_form(**overrides):
    data = {"title": "Sở Tư pháp tổ chức hội nghị", "slug": "hoi-nghi", "date": "2026-11-02",
            "intro": "Sáng nay, Sở Tư pháp tổ chức hội nghị.", "body": rich_text("<p>Nội dung</p>"),
            "author": "Lê Thị C", "origin": "tin-goc", "source": "", "source_url": "", "section_code": ""}
    data.update(overrides)
    return data


def submit_article(client, editor, **overrides):
    news = NewsIndexPage.objects.get(url_path__startswith="/stp/", slug="tin-tuc")
    url = reverse("wagtailadmin_pages:add", args=["pages", "newsarticlepage", news.pk])
    response = login(client, editor).post(url, article_form(**{"action-submit": "action-submit", **overrides}))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return NewsArticlePage.objects.get(slug=overrides.get("slug", "hoi-nghi"))


def approve(client, user, page):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return login(client, user).post(url, {"comment": ""}, follow=True)


@pytest.mark.django_db
class TestSetup:
    def test_every_portal_gets_its_workflow_board_group_and_tasks(self, province):
        for portal in province["portals"].values():
            setup = PortalWorkflow.objects.get(portal=portal)
            tasks = [task.specific for task in setup.workflow.tasks]
            assert isinstance(tasks[0], GroupApprovalTask) and list(tasks[0].groups.all()) == [portal.approvers_group]
            assert isinstance(tasks[1], EditorialBoardTask) and list(tasks[1].groups.all()) == [setup.board_group]
            assert WorkflowPage.objects.get(page=portal.site.root_page).workflow == setup.workflow

    def test_documents_and_procedures_share_a_workflow_resolved_per_portal(self, province):
        assert WorkflowContentType.objects.filter(content_type__model__in=["legaldocument", "procedure"]).count() == 2


@pytest.mark.django_db
class TestPageModeration:
    def test_editor_approver_board_then_live_with_every_step_logged(self, client, people):
        page = submit_article(client, people["editor"])
        assert not page.live and page.current_workflow_task.specific.__class__ is GroupApprovalTask
        approve(client, people["approver"], page)
        page.refresh_from_db()
        assert not page.live and isinstance(page.current_workflow_task.specific, EditorialBoardTask)
        approve(client, people["board"], page)
        page.refresh_from_db()
        assert page.live
        actions = list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        for action in ["wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"]:
            assert action in actions
        assert actions.count("wagtail.workflow.approve") == 2

    def test_types_not_chosen_for_the_board_skip_it(self, client, people, justice):
        home = justice.site.root_page
        url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home.pk])
        data = {"title": "Quy chế", "slug": "quy-che", "intro": "Quy chế hoạt động", "body": rich_text("<p>x</p>"),
                "section_code": "", "action-submit": "action-submit"}
        assert login(client, people["editor"]).post(url, data).status_code == 302
        page = StandardPage.objects.get(slug="quy-che")
        approve(client, people["approver"], page)
        page.refresh_from_db()
        assert page.live
        assert PageLogEntry.objects.filter(page=page, action="cong.workflow.skip").exists()

    def test_approver_of_another_portal_cannot_approve(self, client, people):
        page = submit_article(client, people["editor"])
        approve(client, people["other_approver"], page)
        page.refresh_from_db()
        assert isinstance(page.current_workflow_task.specific, GroupApprovalTask) and not page.live

    def test_final_approval_of_a_page_breaking_a_rule_is_refused_with_the_article(self, client, people):
        page = submit_article(client, people["editor"], origin="dang-lai", source_url="https://baochinhphu.vn/tin")
        approve(client, people["approver"], page)
        response = approve(client, people["board"], NewsArticlePage.objects.get(pk=page.pk))
        assert ruleset_in_force(timezone.localdate()).by_check("news_author_source").article in response.content.decode()
        page.refresh_from_db()
        assert not page.live and isinstance(page.current_workflow_task.specific, EditorialBoardTask)


@pytest.mark.django_db
def test_legal_document_moderated_by_the_owning_portal(client, people, province, taxonomy):
    add_url = reverse("wagtailsnippets_legal_documents_legaldocument:add")
    data = legal_document_form(province["justice"], taxonomy["decision"], **{"action-submit": "action-submit"})
    assert login(client, people["editor"]).post(add_url, data).status_code == 302
    document = LegalDocument.objects.get()
    for user in (people["approver"], people["board"]):
        state = document.current_workflow_task_state
        url = reverse("wagtailsnippets_legal_documents_legaldocument:workflow_action",
                      args=[document.pk, "approve", state.pk])
        login(client, user).post(url, {"comment": ""})
        document.refresh_from_db()
    assert document.live
    assert AgencyLogEntry.objects.filter(object_id=str(document.pk), action="wagtail.workflow.approve").count() == 2
