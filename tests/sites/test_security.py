"""An editor of portal A attacks portal B through every admin URL that takes an object id.

The URL list is generated from the URL resolver, so a new admin view in these namespaces is
attacked too. Every attempt must be refused (403/404/405/400), never show B's draft marker, and
leave B's data unchanged.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.organisation.models import OfficialContact
from tests.factories import legal_document_form, make_document, make_procedure

MARKER = "BI-MAT-CUA-CONG-B"
REFUSED = {400, 403, 404, 405}
# Wagtail answers a permission refusal in the admin with a redirect to the dashboard.
DASHBOARD = "/admin/"
# Views that take no object of B (a content type only, or a confirmation without content): they
# may answer 200 as long as nothing of B shows (checked by the marker).
NO_OBJECT_VIEWS = {"wagtailadmin_pages:type_use", "wagtailadmin_pages:type_use_results",
                   "wagtailadmin_pages:confirm_workflow_cancellation"}


def refused(client, name, response, hops=2):
    """Refused, or redirected (within the admin) to a page that is itself refused."""
    if MARKER in response.content.decode(errors="replace"):
        return False
    if response.status_code in REFUSED:
        return True
    if response.status_code == 302:
        location = response["Location"]
        if location == DASHBOARD:
            return True
        return hops > 0 and location.startswith(DASHBOARD) and refused(client, name, client.get(location), hops - 1)
    return response.status_code == 200 and name in NO_OBJECT_VIEWS


def iter_patterns(resolver, namespace="", prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            child_namespace = ":".join(filter(None, [namespace, entry.namespace])) if entry.namespace else namespace
            yield from iter_patterns(entry, child_namespace, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry.name, prefix + str(entry.pattern)


def parameters(route):
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


@pytest.fixture
def attack(province, taxonomy, client):
    health = province["health"]
    site_b = province["portals"]["health"].site
    page_b = site_b.root_page.get_children().get(slug="gioi-thieu").specific
    page_b.title = MARKER
    page_revision = page_b.save_revision()
    document_b = make_document(health, taxonomy["decision"], "9/2025/QĐ-SYT", abstract="Công khai")
    document_b.abstract = MARKER
    document_revision = document_b.save_revision()
    procedure_b = make_procedure(health, taxonomy["health"], "2.000001", name="Cấp chứng chỉ hành nghề")
    procedure_b.name = MARKER
    procedure_b.save_revision()
    contact_b = OfficialContact.objects.create(agency=health, full_name=MARKER, title="Chánh Văn phòng")
    collection_b = province["portals"]["health"].collection
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "PNG")
    image_b = get_image_model().objects.create(title=MARKER, collection=collection_b,
                                               file=ImageFile(io.BytesIO(buffer.getvalue()), name="b.png"))
    file_b = get_document_model()(title=MARKER, collection=collection_b)
    file_b.file.save("b.pdf", ContentFile(b"%PDF-1.4 secret"), save=False)
    file_b.save()

    editor = get_user_model().objects.create_user("bientap.stp", password="mat-khau-manh-123")
    editor.groups.add(province["portals"]["justice"].editors_group, province["portals"]["justice"].approvers_group)
    client.force_login(editor)
    ids = {
        "wagtailadmin_pages": {"page_id": page_b.pk, "parent_page_id": page_b.pk, "revision_id": page_revision.pk,
                               "pk": page_b.pk, "revision_id_a": page_revision.pk, "revision_id_b": page_revision.pk,
                               "content_type_app_name": "pages", "content_type_model_name": "sectionpage",
                               "viewing_page_id": page_b.pk, "destination_id": page_b.pk},
        "wagtailsnippets_legal_documents_legaldocument": {"pk": document_b.pk, "revision_id": document_revision.pk,
                                                          "revision_id_a": document_revision.pk, "revision_id_b": document_revision.pk},
        "wagtailsnippets_procedures_procedure": {"pk": procedure_b.pk, "revision_id": procedure_b.latest_revision_id,
                                                 "revision_id_a": procedure_b.latest_revision_id,
                                                 "revision_id_b": procedure_b.latest_revision_id},
        "wagtailsnippets_organisation_officialcontact": {"pk": contact_b.pk},
        "wagtailimages": {"image_id": image_b.pk, "pk": image_b.pk},
        "wagtaildocs": {"document_id": file_b.pk, "pk": file_b.pk},
        "wagtailsettings": {"app_name": "themes", "model_name": "themesettings", "pk": site_b.pk},
    }
    snapshot = lambda: (  # noqa: E731 - a one-line state capture
        list(Page.objects.descendant_of(site_b.root_page, inclusive=True).values_list("pk", "title", "live", "path")),
        document_b.__class__.objects.filter(pk=document_b.pk).values_list("abstract", "live", "owner_agency").get(),
        procedure_b.__class__.objects.filter(pk=procedure_b.pk).values_list("name", "live").get(),
        OfficialContact.objects.filter(pk=contact_b.pk).values_list("full_name", "agency").get(),
        get_image_model().objects.filter(pk=image_b.pk).values_list("title", "collection").get(),
        get_document_model().objects.filter(pk=file_b.pk).values_list("title", "collection").get(),
    )
    return {"client": client, "ids": ids, "snapshot": snapshot, "editor": editor}


def attack_urls(ids):
    urls = []
    for namespace, name, route in iter_patterns(get_resolver()):
        values = ids.get(namespace.split(":")[0]) if namespace else None
        params = parameters(route)
        if values is None or not params:
            continue
        if not all(param in values for param in params):
            continue
        urls.append((f"{namespace}:{name}", reverse(f"{namespace}:{name}", kwargs={p: values[p] for p in params})))
    return sorted(set(urls))


@pytest.mark.django_db
def test_editor_of_portal_a_cannot_touch_portal_b(attack):
    client, snapshot = attack["client"], attack["snapshot"]
    before = snapshot()
    urls = attack_urls(attack["ids"])
    assert len(urls) >= 60, urls  # the matrix really covers the admin
    leaks = []
    for name, url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"title": "hacked", "abstract": "hacked", "name": "hacked"})
            if not refused(client, name, response):
                leaks.append((method.upper(), name, url, response.status_code, response.get("Location")))
    assert not leaks, "\n".join(map(str, leaks))
    assert snapshot() == before


@pytest.mark.django_db
def test_editor_sees_only_own_agency_records_in_listings(attack, province):
    client = attack["client"]
    listing = client.get(reverse("wagtailsnippets_legal_documents_legaldocument:list")).content.decode()
    assert "9/2025/QĐ-SYT" not in listing
    chooser = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert MARKER not in chooser


@pytest.mark.django_db
def test_editor_cannot_create_a_record_owned_by_another_agency(attack, province, taxonomy):
    data = legal_document_form(province["health"], taxonomy["decision"], number="77/2025/QĐ-SYT")
    response = attack["client"].post(reverse("wagtailsnippets_legal_documents_legaldocument:add"), data)
    assert response.status_code == 200
    assert "Bạn không quản lý cơ quan này" in response.content.decode()
    own = legal_document_form(province["justice"], taxonomy["decision"], number="78/2025/QĐ-STP")
    assert attack["client"].post(reverse("wagtailsnippets_legal_documents_legaldocument:add"), own).status_code == 302
