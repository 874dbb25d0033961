"""Portal B's secrets: a marker in every kind of unpublished or private object of portal B (Sở Y
tế), for the attack matrices generated from the URL resolver (tests/matrix.py)."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Site, Task, UploadedFile, Workflow

from cms.accounts.models import GroupSignInPolicy
from cms.api.models import EOfficeToken
from cms.core.models import Agency, Portal
from cms.documents.models import DocumentType, LegalDocument, Sector
from cms.engagement.models import ConsultationIndexPage, DraftComment, Question, Rating
from cms.imports.models import CodeMapping, ImportKind, ImportRun, MappingKind, RunStatus
from cms.notices.models import Notice
from cms.organisation.models import OfficialContact
from cms.pages.models import NewsIndexPage, PreviewLink, SectionPage
from cms.pages.previews import digest
from cms.procedures.models import Procedure
from cms.visits.models import record_visit
from search.models import BestBet, QueryDay
from themes.models import ThemeSettings
from tests.factories import consultation_draft, make_document, make_procedure, make_user, news_article
from tests.matrix import MARKER


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
    procedure.get_workflow().start(procedure, b_editor)
    contact = OfficialContact.objects.create(agency=health, full_name=MARKER, title="Chánh Văn phòng")
    notice = Notice.objects.create(owner=health, title=MARKER, live=False)  # a department's notice to its units
    notice.save_revision(user=b_editor)
    record_visit(portal.pk, f"/{MARKER}/")  # what B's readers read is B's to know
    QueryDay.objects.create(portal=portal, day=timezone.localdate(), query=MARKER, searches=1)  # and what they search
    token = EOfficeToken.objects.create(agency=health, name=MARKER, prefix="bimat", digest=MARKER)
    best_bet = BestBet.objects.create(portal=portal, queries=MARKER, address="/", target_kind="page", target_id=home.pk)
    question = Question.objects.create(portal=portal, name="Công dân", email="a@example.com", subject=MARKER, body=MARKER)
    comment = DraftComment.objects.create(portal=portal, draft=consultation, name="Công dân", email="a@example.com",
                                          body=MARKER)
    rating = Rating.objects.create(site=portal.site, page=live_page, level="hai-long")
    image, file = _private_files(portal.collection)
    theme = ThemeSettings.for_site(portal.site)
    marked(theme, "tagline").save()
    for obj in (draft_page, document, procedure, contact):
        log(instance=obj, action="wagtail.edit", user=b_editor)
    workflow = draft_page.get_workflow()
    return {
        Page: draft_page, LegalDocument: document, Procedure: procedure, OfficialContact: contact,
        Notice: notice, BestBet: best_bet, EOfficeToken: token, Question: question, DraftComment: comment, Rating: rating, get_image_model(): image,
        get_document_model(): file, Site: portal.site, Portal: portal, Collection: portal.collection,
        Group: portal.editors_group, User: b_editor, Workflow: workflow, Task: workflow.tasks.first(),
        Agency: health, DocumentType: taxonomy["decision"], Sector: taxonomy["health"],
        **_province_administration(portal, health, b_editor), **_work_in_progress(draft_page, b_editor),
        "live_page": live_page, "live_document": live_document,
    }


def _province_administration(portal, health, b_editor):
    """What only province administrators keep about B: its code mappings, sign-in rule, imports
    and redirects."""
    return {
        CodeMapping: CodeMapping.objects.create(kind=MappingKind.AGENCY, source_code="BIMAT", source_name=MARKER,
                                                agency=health),
        GroupSignInPolicy: GroupSignInPolicy.objects.update_or_create(group=portal.editors_group,
                                                                      defaults={"two_factor_required": True})[0],
        ImportRun: ImportRun.objects.create(kind=ImportKind.PROCEDURES, file=f"imports/{MARKER}.json", agency=health,
                                            status=RunStatus.DONE, started_by=b_editor),
        Redirect: Redirect.objects.create(site=portal.site, old_path="/bi-mat", redirect_link=f"https://example.org/{MARKER}"),
    }


def _work_in_progress(draft_page, b_editor):
    """What B's editor has open: an editing session, an upload not yet saved, a preview link."""
    upload = UploadedFile(for_content_type=ContentType.objects.get_for_model(get_image_model()), uploaded_by_user=b_editor)
    upload.file.save("b.png", ContentFile(b"not yet an image"), save=True)
    return {
        EditingSession: EditingSession.objects.create(user=b_editor, content_type=draft_page.content_type,
                                                      object_id=str(draft_page.pk), last_seen_at=timezone.now()),
        UploadedFile: upload,
        PreviewLink: PreviewLink.objects.create(page=draft_page, secret_digest=digest(MARKER), created_by=b_editor,
                                                expires_at=timezone.now() + datetime.timedelta(days=1)),
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
