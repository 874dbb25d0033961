"""The admin's shared views, scoped by the permission policies: bulk-action pages, the admin API's
image and document endpoints, the workflow reports and the page types report.

Wagtail builds these from whole tables or from model-level permissions; the subclasses here take
their objects from the policies (cms.core.permissions), so an editor of one portal never sees
another portal's drafts, files or people in them. They are registered in cms/core/wagtail_hooks.py
(bulk actions, admin API) and cms/core/admin_urls.py (reports).
"""

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from rest_framework.authentication import SessionAuthentication
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions import delete as page_delete
from wagtail.admin.views.pages.bulk_actions import move as page_move
from wagtail.admin.views.pages.bulk_actions import publish as page_publish
from wagtail.admin.views.pages.bulk_actions import unpublish as page_unpublish
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views.bulk_actions import add_tags as document_tags
from wagtail.documents.views.bulk_actions import add_to_collection as document_collection
from wagtail.documents.views.bulk_actions import delete as document_delete
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.bulk_actions import add_tags as image_tags
from wagtail.images.views.bulk_actions import add_to_collection as image_collection
from wagtail.images.views.bulk_actions import delete as image_delete
from wagtail.models import WorkflowState
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions import delete as snippet_delete

from cms.core.permissions import AgencyPermissionPolicy, is_province_admin, visible_instances


# -- bulk actions ------------------------------------------------------------------------------

class ScopedBulkActionMixin:
    """Objects the user may not see are left out of the confirmation page and of the action, as if
    their ids named nothing (Wagtail would list their titles as "no permission")."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        denied = extra["items_with_no_access"]
        ids = [obj.pk for obj in objects + denied]
        visible = set(visible_instances(self.request.user, self.model).filter(pk__in=ids).values_list("pk", flat=True))
        return [obj for obj in objects if obj.pk in visible], {
            **extra, "items_with_no_access": [obj for obj in denied if obj.pk in visible],
        }


WAGTAIL_BULK_ACTIONS = [
    page_publish.PublishBulkAction, page_unpublish.UnpublishBulkAction, page_move.MoveBulkAction,
    page_delete.DeleteBulkAction, snippet_delete.DeleteBulkAction,
    image_tags.AddTagsBulkAction, image_collection.AddToCollectionBulkAction, image_delete.DeleteBulkAction,
    document_tags.AddTagsBulkAction, document_collection.AddToCollectionBulkAction, document_delete.DeleteBulkAction,
]
SCOPED_BULK_ACTIONS = [
    type(action.__name__, (ScopedBulkActionMixin, action), {"__module__": __name__}) for action in WAGTAIL_BULK_ACTIONS
]


# -- admin API ---------------------------------------------------------------------------------

class ChoosableMixin:
    """The images or documents the signed-in user may choose (the admin's session)."""

    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        choosable = policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            self.request.user, ["choose"]
        )
        return super().get_queryset().filter(pk__in=choosable.values("pk"))


class ScopedDocumentsAdminAPIViewSet(ChoosableMixin, DocumentsAdminAPIViewSet):
    pass


class ScopedImagesAdminAPIViewSet(ChoosableMixin, ImagesAdminAPIViewSet):
    pass


# -- reports -----------------------------------------------------------------------------------

def _scoped_objects_q(user, prefix=""):
    """Q for workflow states (or, with a prefix, task states) of objects the user may see: pages
    are already limited by Wagtail to the pages the user can edit; other models by their policy."""
    query = Q()
    for content_type in ContentType.objects.filter(pk__in=_workflow_content_type_ids()):
        model = content_type.model_class()
        policy = policy_registry.get_by_type(model) if model else None
        if isinstance(policy, AgencyPermissionPolicy):
            visible = visible_instances(user, model).values_list(Cast("pk", output_field=CharField()), flat=True)
            query &= ~Q(**{f"{prefix}content_type": content_type}) | Q(**{f"{prefix}object_id__in": visible})
    return query


def _workflow_content_type_ids():
    return WorkflowState.objects.values("content_type").distinct()


class ScopedWorkflowView(WorkflowView):
    def get_queryset(self):
        return super().get_queryset().filter(_scoped_objects_q(self.request.user))


class ScopedWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return super().get_queryset().filter(_scoped_objects_q(self.request.user, "workflow_state__"))


class ProvinceAdminPageTypesUsageView(PageTypesUsageReportView):
    """Which page types the province uses, and the last one edited of each: a report for the
    province's administrators (it names pages of every portal)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_province_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def province_admins_only(view):
    """A view for province administrators: a 403 for anyone else."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_province_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class ProvinceAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_province_admin(request.user)
