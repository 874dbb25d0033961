"""Admin integration of the core: every scoped model's audit log records its agency, page
choosers offer the user's own portals, and Wagtail's bulk actions and admin API endpoints are
replaced by their scoped versions (cms.core.admin). Registered late (order) so that they replace
Wagtail's own registrations for the same names."""

from django.db.models import Q
from wagtail import hooks

from cms.core import admin
from cms.core.models import AgencyLogEntry
from cms.core.permissions import is_province_admin, portal_page_roots
from cms.core.registry import scoped_models

AFTER_WAGTAIL = 100


@hooks.register("register_log_actions")
def log_scoped_models_with_their_agency(actions):
    for model in scoped_models():
        actions.register_model(model, AgencyLogEntry)


@hooks.register("construct_page_chooser_queryset")
def choose_pages_of_own_portals(pages, request):
    roots = portal_page_roots(request.user)
    if roots is None:
        return pages
    within = Q(pk__in=[])
    for root in roots:
        within |= Q(path__startswith=root.path)
    return pages.filter(within)


@hooks.register("construct_admin_api", order=AFTER_WAGTAIL)
def scoped_admin_api_endpoints(router):
    router.register_endpoint("documents", admin.ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", admin.ScopedImagesAdminAPIViewSet)


for bulk_action in admin.SCOPED_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=AFTER_WAGTAIL)


@hooks.register("construct_reports_menu")
def page_types_report_for_province_admins(request, menu_items):
    if not is_province_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
