"""A backstop behind the permission policies: an admin URL naming one object of a scoped model is
refused unless the model's policy (cms.core.permissions) lets the user act on that object, and an
admin URL naming a page unless Wagtail's page policy lets the user explore it. The workflow admin
is for those whose policy lets them manage workflows or tasks: some of its views (the task chooser)
show a task by its id to anyone.

The rule is the policy; the views ask it for their querysets. This catches an admin view that
looks an object up by its id without asking (Wagtail's generic views check some actions per
instance and others per model only). It finds the model from the view itself (or, for site
settings, from the URL's app and model names), so a new view is covered the day it is added.
"""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from wagtail.admin.views.generic.chooser import ChosenViewMixin
from wagtail.models import Page, Task, Workflow
from wagtail.permissions import policy_registry

from cms.core.models import Portal
from cms.core.permissions import ANY_MODEL_ACTION, AgencyPermissionPolicy, is_province_admin, manages_agency

SETTINGS_NAMESPACE = "wagtailsettings"
PAGES_NAMESPACE = "wagtailadmin_pages"
WORKFLOWS_NAMESPACE = "wagtailadmin_workflows"
# URL parameters that name a page.
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk", "viewing_page_id"}


def _view_class(view_func):
    return getattr(view_func, "view_class", None)


def view_model(view_func):
    """The model a view (or a viewset's view) works on, when it says."""
    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(_view_class(view_func), "model", None)
    model = apps.get_model(model) if isinstance(model, str) else model
    return model if isinstance(model, type) else None


def _scoped_object(view_func, kwargs):
    """(policy, object) when the URL names an object of a scoped model by its id, else None."""
    model = view_model(view_func)
    policy = policy_registry.get_by_type(model) if model is not None and "pk" in kwargs else None
    if not isinstance(policy, AgencyPermissionPolicy):
        return None
    try:
        instance = model._default_manager.filter(pk=unquote(str(kwargs["pk"]))).first()
    except (ValueError, ValidationError):
        instance = None
    if instance is None:
        raise Http404
    return policy, instance


def _may_see_site_settings(user, site_id):
    """A site setting of any kind belongs to the portal of its site."""
    portal = Portal.objects.filter(site_id=site_id).values("agency_id").first()
    return portal is not None and manages_agency(user, portal["agency_id"])


def _named_page_ids(resolver_match, kwargs):
    names = PAGE_PARAMETERS | ({"pk"} if resolver_match.namespace == PAGES_NAMESPACE else set())
    return {kwargs[name] for name in names & set(kwargs)}


def _may_explore(user, page_ids):
    """Pages the user may explore (Wagtail's page policy): their portals' trees and the ancestors."""
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    return explorable.filter(pk__in=page_ids).count() == len(page_ids)


def _may_manage_workflows(user):
    return any(policy_registry.get_by_type(model).user_has_any_permission(user, ANY_MODEL_ACTION)
               for model in (Workflow, Task))


def _may_act_on(user, view_func, policy, instance):
    chooser = issubclass(_view_class(view_func) or object, ChosenViewMixin)
    return policy.user_has_any_permission_for_instance(user, ["choose"] if chooser else ANY_MODEL_ACTION, instance)


class ScopedObjectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if request.resolver_match is None or not user.is_authenticated or is_province_admin(user):
            return None
        page_ids = _named_page_ids(request.resolver_match, view_kwargs)
        if page_ids and not _may_explore(user, page_ids):
            raise PermissionDenied
        if request.resolver_match.namespace == WORKFLOWS_NAMESPACE and not _may_manage_workflows(user):
            raise PermissionDenied
        if request.resolver_match.namespace == SETTINGS_NAMESPACE and "pk" in view_kwargs:
            allowed = _may_see_site_settings(user, view_kwargs["pk"])
        else:
            scoped = _scoped_object(view_func, view_kwargs)
            allowed = scoped is None or _may_act_on(user, view_func, *scoped)
        if not allowed:
            raise PermissionDenied
        return None
