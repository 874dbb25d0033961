"""An editor of portal A attacks portal B through every admin URL that names one of B's objects.

The URLs are generated from the URL resolver (tests/matrix.py), filled with B's objects
(tests/sites/conftest.py), so a new admin view is attacked too. Every GET and POST must be refused
(403/404/405/400, or a redirect to a refused page), never show B's marker, and leave B unchanged.
"""

import pytest
from django.core import serializers
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail.admin.models import EditingSession

from cms.core.models import Agency, Portal
from cms.documents.models import DocumentType, LegalDocument, Sector
from cms.engagement.models import DraftComment, Question
from cms.organisation.models import OfficialContact
from cms.procedures.models import Procedure
from themes.models import ThemeSettings
from tests.factories import legal_document_form, make_user
from tests.matrix import MARKER, admin_urls, body

REFUSED = {400, 403, 404, 405}
DASHBOARD = "/admin/"  # Wagtail answers a permission refusal in the admin with a redirect there
# Views that take no object of B (a content type only, or a confirmation without content): they
# may answer 200 as long as nothing of B shows (checked by the marker).
NO_OBJECT_VIEWS = {"wagtailadmin_pages:type_use", "wagtailadmin_pages:type_use_results",
                   "wagtailadmin_pages:confirm_workflow_cancellation",
                   "wagtailadmin_editing_sessions:release"}  # ends the user's own session of that id, if any
# What the province shares: any editor chooses among them (a document's type and sectors, the agency
# it comes from), though only province administrators change them.
SHARED_MODELS = (Agency, DocumentType, Sector)
SHARED_CHOSEN_VIEWS = {f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}:chosen"
                       for model in SHARED_MODELS}
ATTACK_DATA = {"title": "hacked", "abstract": "hacked", "name": "hacked", "full_name": "hacked", "subject": "hacked",
               "tagline": "hacked", "status": "da-tra-loi", "answer": "hacked"}


def refused(client, name, response, hops=2):
    """Refused, or redirected (within the admin) to a page that is itself refused."""
    if MARKER in body(response):
        return False
    if response.status_code in REFUSED:
        return True
    if response.status_code == 302:
        location = response["Location"]
        if location == DASHBOARD:
            return True
        return hops > 0 and location.startswith(DASHBOARD) and refused(client, name, client.get(location), hops - 1)
    return response.status_code == 200 and name in NO_OBJECT_VIEWS | SHARED_CHOSEN_VIEWS


def state_of_portal_b(secrets):
    """Every secret object as stored (its own table's fields), B's page tree and B's documents."""
    site = secrets[Page].get_site()
    objects = {key: serializers.serialize("python", [type(obj)._default_manager.get(pk=obj.pk)])
               for key, obj in secrets.items() if isinstance(key, type)}
    return (
        objects, ThemeSettings.objects.filter(site=site).values_list("tagline", "theme").get(),
        list(Page.objects.descendant_of(site.root_page, inclusive=True).values_list("pk", "title", "live", "path")),
        list(LegalDocument.objects.filter(owner_agency__portal=secrets[Portal]).values_list("abstract", "live")),
    )


@pytest.fixture
def attacker(client, province):
    justice = province["portals"]["justice"]
    client.force_login(make_user("bientap.stp", justice.editors_group, justice.approvers_group))
    return client


@pytest.mark.django_db
def test_editor_of_portal_a_cannot_touch_portal_b(attacker, portal_b_secrets):
    before = state_of_portal_b(portal_b_secrets)
    urls = [(name, url) for name, url in admin_urls(portal_b_secrets) if "?" not in url and url.count("/") > 3]
    named = [(name, url) for name, url in urls if any(str(obj.pk) in url.split("/") for obj in portal_b_secrets.values()
                                                    if hasattr(obj, "pk"))]
    assert len(named) >= 100, len(named)  # the matrix really covers the admin
    leaks = []
    for name, url in named:
        for method in ("get", "post"):
            response = getattr(attacker, method)(url, ATTACK_DATA)
            if not refused(attacker, name, response):
                leaks.append((method.upper(), name, url, response.status_code, response.get("Location")))
    assert not leaks, "\n".join(map(str, leaks))
    assert state_of_portal_b(portal_b_secrets) == before


@pytest.mark.django_db
def test_editor_cannot_create_a_record_owned_by_another_agency(attacker, province, taxonomy):
    data = legal_document_form(province["health"], taxonomy["decision"], number="77/2025/QĐ-SYT")
    response = attacker.post(reverse("wagtailsnippets_legal_documents_legaldocument:add"), data)
    assert response.status_code == 200
    assert "Bạn không quản lý cơ quan này" in response.content.decode()
    own = legal_document_form(province["justice"], taxonomy["decision"], number="78/2025/QĐ-STP")
    assert attacker.post(reverse("wagtailsnippets_legal_documents_legaldocument:add"), own).status_code == 302
