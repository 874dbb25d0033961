"""An editor of portal A reads the admin as an attacker would, while portal B has drafts, files,
questions and settings carrying a marker (tests/sites/conftest.py): the marker must never appear.

The URLs are generated from the URL resolver (tests/matrix.py): every admin route, its parameters
filled with B's objects (the model comes from the view itself), list, chooser, search and report
routes with and without a search for the marker, and every registered bulk action's confirmation
page with B's ids. A new admin view, chooser, report or bulk action is attacked the day it is added.
"""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import make_user
from tests.matrix import MARKER, admin_urls, body, bulk_action_urls


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
    # Permissions given only to some agencies (a department issuing notices to its units, or running
    # its own e-office connection) too.
    justice.approvers_group.permissions.add(*Permission.objects.filter(content_type__app_label__in=["notices", "portal_api"]))
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
                "wagtailsnippets_procedures_procedure:list", "engagement_questions:index", "wagtailimages_chooser:choose",
                "wagtailsnippets_notices_notice:list", "wagtailsnippets_notices_notice:edit", "visits_portal",
                "best_bets:index", "best_bets:edit", "search_queries", "eoffice_tokens:index", "eoffice_tokens:edit",
                "code_mappings:edit", "imports:run", "wagtailredirects:edit", "wagtailadmin_api:images:detail"}
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
