"""An editor of portal A reads the admin as an attacker would, while portal B has drafts, files,
questions and settings carrying a marker: the marker must never appear.

The URLs are generated from the URL resolver: every admin route, its parameters filled with B's
objects (the model comes from the view itself), list, chooser, search and report routes with and
without a search for the marker, and every registered bulk action's confirmation page with B's
ids. A new admin view, chooser, report or bulk action is attacked the day it is added.
"""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import NoReverseMatch, reverse
from PIL import Image as PILImage
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Revision, Site, Task, TaskState, Workflow, WorkflowState

from cms.core.models import Portal
from cms.documents.models import LegalDocument
from cms.engagement.models import ConsultationIndexPage, DraftComment, Question, Rating
from cms.organisation.models import OfficialContact
from cms.pages.models import NewsIndexPage, SectionPage
from cms.procedures.models import Procedure
from themes.models import ThemeSettings
from tests.factories import consultation_draft, make_document, make_procedure, make_user, news_article
from tests.matrix import iter_patterns, route_parameters, view_model

MARKER = "BI-MAT-CUA-CONG-B"
SEARCHES = ["", "?q=BI-MAT", "?search=BI-MAT"]  # never the whole marker: a form echoes its query
# Routes that cannot be filled or only act on the session itself.
SKIPPED_NAMES = {"wagtailadmin_logout", "wagtailadmin_error_test", "wagtailadmin_password_reset_confirm"}


def marked(obj, field, value=MARKER):
    setattr(obj, field, value)
    return obj


@pytest.fixture
def portal_b_secrets(province, taxonomy):
    """Portal B (Sở Y tế) with a marker in every kind of unpublished or private object."""
    portal = province["portals"]["health"]
    health, home = province["health"], portal.site.root_page
    b_editor = make_user("bientap.syt", portal.editors_group, portal.approvers_group)
    news = NewsIndexPage.objects.descendant_of(home).get(slug="tin-tuc")
    draft_page = news_article(news, slug="nhap-bi-mat", title=MARKER, live=False)
    draft_page.save_revision(user=b_editor)
    draft_page.get_workflow().start(draft_page, b_editor)
    draft_page.refresh_from_db()
    draft_page.locked, draft_page.locked_by = True, b_editor
    draft_page.save(update_fields=["locked", "locked_by"])
    live_page = SectionPage.objects.descendant_of(home).get(slug="gioi-thieu")
    marked(live_page, "title").save_revision(user=b_editor)  # an unpublished edit of a live page
    consultation = consultation_draft(ConsultationIndexPage.objects.descendant_of(home).get(), live=False)
    document = make_document(health, taxonomy["decision"], "9/2025/QĐ-SYT", live=False, abstract=MARKER)
    document.save_revision(user=b_editor)
    document.get_workflow().start(document, b_editor)
    live_document = make_document(health, taxonomy["decision"], "10/2025/QĐ-SYT", abstract="Công khai")
    marked(live_document, "abstract").save_revision(user=b_editor)
    procedure = make_procedure(health, taxonomy["health"], "2.000001", live=False, name=MARKER)
    procedure.save_revision(user=b_editor)
    contact = OfficialContact.objects.create(agency=health, full_name=MARKER, title="Chánh Văn phòng")
    question = Question.objects.create(portal=portal, name="Công dân", email="a@example.com", subject=MARKER, body=MARKER)
    comment = DraftComment.objects.create(portal=portal, draft=consultation, name="Công dân", email="a@example.com",
                                          body=MARKER)
    rating = Rating.objects.create(site=portal.site, page=live_page, level="hai-long")
    image, file = _private_files(portal.collection)
    theme = ThemeSettings.for_site(portal.site)
    marked(theme, "tagline").save()
    for obj in (draft_page, document, procedure, contact):
        log(instance=obj, action="wagtail.edit", user=b_editor)
    return {
        Page: draft_page, LegalDocument: document, Procedure: procedure, OfficialContact: contact,
        Question: question, DraftComment: comment, Rating: rating, get_image_model(): image,
        get_document_model(): file, Site: portal.site, Portal: portal, Collection: portal.collection,
        Group: portal.editors_group, User: b_editor, Workflow: draft_page.get_workflow(),
        "live_page": live_page, "live_document": live_document,
    }


def _private_files(collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "PNG")
    image = get_image_model().objects.create(title=MARKER, collection=collection,
                                             file=ImageFile(io.BytesIO(buffer.getvalue()), name="b.png"))
    file = get_document_model()(title=MARKER, collection=collection)
    file.file.save("b.pdf", ContentFile(b"%PDF-1.4 secret"), save=False)
    file.save()
    return image, file


def _object_for(secrets, namespace, callback):
    model = view_model(callback)
    if namespace == "wagtailadmin_pages" or model is None:
        return secrets[Page] if namespace == "wagtailadmin_pages" else None
    return next((obj for cls, obj in secrets.items() if isinstance(cls, type) and issubclass(model, cls)), None)


def _workflow_ids(obj):
    state = WorkflowState.objects.for_instance(obj).first() if obj is not None else None
    task_state = TaskState.objects.filter(workflow_state=state).first() if state else None
    return state, task_state


def parameter_values(secrets, namespace, callback):
    """Values for every route parameter this URL could take, filled with B's objects."""
    obj = _object_for(secrets, namespace, callback)
    page = secrets[Page]
    target = obj if obj is not None else page
    revision = Revision.objects.for_instance(target).order_by("-pk").first() if hasattr(target, "revisions") else None
    state, task_state = _workflow_ids(target)
    document_type = ContentType.objects.get_for_model(secrets[LegalDocument])
    values = {
        "page_id": page.pk, "parent_page_id": page.pk, "page_to_move_id": page.pk, "destination_id": page.pk,
        "page_pk": page.pk, "viewing_page_id": page.pk,
        "content_type_app_name": "pages", "content_type_model_name": "newsarticlepage",
        "image_id": secrets[get_image_model()].pk, "document_id": secrets[get_document_model()].pk,
        "doc_id": secrets[get_document_model()].pk, "collection_id": secrets[Collection].pk,
        "portal_id": secrets[Portal].pk, "workflow_pk": secrets[Workflow].pk, "action_name": "approve",
        "task_id": Task.objects.filter(workflow_tasks__workflow=secrets[Workflow]).first().pk,
        "filter_spec": "original", "content_type_id": document_type.pk,
        "app_name": "themes", "model_name": "themesettings",
    }
    if namespace == "wagtailsettings":
        values["pk"] = secrets[Site].pk
    elif obj is not None or namespace == "":
        values["pk"] = (obj or secrets[LegalDocument]).pk
    if revision is not None:
        values.update(revision_id=revision.pk, revision_id_a=revision.pk, revision_id_b="latest")
    if state is not None:
        values.update(workflow_state_id=state.pk, task_state_id=task_state.pk if task_state else None)
    return {key: value for key, value in values.items() if value is not None}


def admin_urls(secrets):
    """Every admin URL the resolver knows, filled with B's objects; searches on list views."""
    urls = set()
    for namespace, name, route, callback in iter_patterns():
        if not route.startswith("admin/") or name in SKIPPED_NAMES:
            continue
        full_name = f"{namespace}:{name}" if namespace else name
        params = route_parameters(route)
        values = parameter_values(secrets, namespace, callback)
        if not all(param in values for param in params):
            continue
        try:
            url = reverse(full_name, kwargs={param: values[param] for param in params})
        except NoReverseMatch:
            continue
        urls.update((full_name, url + (search if not params else "")) for search in (SEARCHES if not params else [""]))
    return sorted(urls)


def bulk_action_urls(secrets):
    """The confirmation page of every registered bulk action, for B's objects of its model."""
    urls = []
    for obj in [value for key, value in secrets.items() if isinstance(key, type)] + [secrets["live_page"]]:
        model = type(obj)._meta.concrete_model if not isinstance(obj, Page) else Page
        meta = model._meta
        for action in bulk_action_registry.get_bulk_actions_for_model(meta.app_label, meta.model_name):
            url = reverse("wagtail_bulk_action", args=[meta.app_label, meta.model_name, action.action_type])
            urls.append((f"bulk:{meta.label}:{action.action_type}", f"{url}?id={obj.pk}&next=/admin/"))
    return urls


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def leaks_marker(client, url, hops=3):
    response = client.get(url)
    if MARKER in body(response):
        return response.status_code
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    if hops and location.startswith("/admin/"):
        return leaks_marker(client, location, hops - 1)
    return None


@pytest.mark.django_db
def test_an_editor_of_portal_a_never_reads_portal_b(client, province, portal_b_secrets):
    justice = province["portals"]["justice"]
    board = justice.moderation.board_group
    editor = make_user("bientap.stp", justice.editors_group, justice.approvers_group, board)
    client.force_login(editor)
    urls = admin_urls(portal_b_secrets) + bulk_action_urls(portal_b_secrets)
    assert len(urls) >= 300, len(urls)  # the matrix really covers the admin
    leaks = [(name, url, status) for name, url in urls if (status := leaks_marker(client, url)) is not None]
    assert not leaks, "\n".join(map(str, leaks))


@pytest.mark.django_db
def test_the_matrix_sees_the_marker_as_a_province_administrator(client, province, portal_b_secrets, superuser):
    """The control: the same URLs do show B's drafts to someone allowed to see them."""
    client.force_login(superuser)
    urls = admin_urls(portal_b_secrets) + bulk_action_urls(portal_b_secrets)
    seen = {name for name, url in urls if leaks_marker(client, url) is not None}
    expected = {"wagtailadmin_choose_page_search", "wagtailadmin_reports:site_history", "wagtailadmin_reports:locked_pages",
                "wagtailadmin_reports:workflow", "wagtailsnippetchoosers_legal_documents_legaldocument:choose",
                "wagtailsnippets_procedures_procedure:list", "engagement_questions:index", "wagtailimages_chooser:choose"}
    assert expected <= seen, expected - seen


@pytest.mark.django_db
def test_wagtail_api_is_scoped_to_the_portal_of_the_hostname(client, province, portal_b_secrets):
    justice, health = (province["portals"][key].site for key in ("justice", "health"))
    listing = client.get("/api/v2/pages/", HTTP_HOST=justice.hostname).json()
    assert listing["meta"]["total_count"] > 0
    for path in ("/api/v2/pages/", f"/api/v2/pages/{health.root_page_id}/"):
        response = client.get(f"{path}?site={health.hostname}", HTTP_HOST=justice.hostname)
        assert response.status_code == 400 and "site" in response.json()["message"], path
    assert client.get(f"/api/v2/pages/{health.root_page_id}/", HTTP_HOST=justice.hostname).status_code == 404
