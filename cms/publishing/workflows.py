"""Moderation per portal with Wagtail workflows.

Pages: each portal gets a workflow on its home page: the portal's approvers (a GroupApprovalTask),
then its editorial board (Ban biên tập) for the chosen content types. Legal documents and
procedures are one model for the province (Wagtail assigns snippet workflows per content type),
so they share one workflow whose tasks look up the approving group of the record's portal.
Every step is in Wagtail's audit log (workflow start, approve, reject, skip, publish).
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask, GroupPagePermission, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask,
)

from cms.core.models import Portal
from cms.core.registry import record_types
from cms.pages.models import portal_page_models
from cms.publishing.models import AgencyApprovalTask, EditorialBoardTask, PortalRole, PortalWorkflow

BOARD_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def publishable_record_types():
    return [record_type for record_type in record_types() if record_type.publishable]


def _content_types(models):
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())


def board_page_models():
    """Page types the editorial board reviews after the approvers (declared on each page type)."""
    return [model for model in portal_page_models() if model.reviewed_by_board]


@transaction.atomic
def ensure_portal_workflow(portal):
    """Create (once) the board group, tasks and workflow of a portal; return its PortalWorkflow."""
    existing = PortalWorkflow.objects.filter(portal=portal).first()
    if existing:
        return existing
    code = portal.agency.code
    home = portal.site.root_page
    board = _board_group(code, home)
    approval = GroupApprovalTask.objects.create(name=f"{code} — {_('Người duyệt')}")
    approval.groups.set([portal.approvers_group] if portal.approvers_group else [])
    board_task = EditorialBoardTask.objects.create(name=f"{code} — {_('Ban biên tập')}")
    board_task.groups.set([board])
    board_task.content_types.set(_content_types(board_page_models()))
    workflow = Workflow.objects.create(name=f"{code} — {_('Quy trình duyệt tin')}")
    WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=board_task, sort_order=1)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    ensure_record_workflow()
    return PortalWorkflow.objects.create(portal=portal, workflow=workflow, board_group=board)


def _board_group(code, home):
    group, _created = Group.objects.get_or_create(name=f"{code} — {_('Ban biên tập')}")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=BOARD_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    for record_type in publishable_record_types():
        meta = record_type.model._meta
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label=meta.app_label, codename__in=[f"change_{meta.model_name}", f"publish_{meta.model_name}"]
        ))
    return group


def ensure_record_workflow():
    """One workflow for legal documents and procedures, unless another is already assigned."""
    models = [record_type.model for record_type in publishable_record_types()]
    types = [ct for ct in _content_types(models) if not WorkflowContentType.objects.filter(content_type=ct).exists()]
    if not types:
        return None
    workflow, created = Workflow.objects.get_or_create(name=_("Duyệt văn bản, thủ tục theo cổng"))
    if created:
        approvers = AgencyApprovalTask.objects.create(name=_("Người duyệt của cổng sở hữu"), role=PortalRole.APPROVERS)
        board = AgencyApprovalTask.objects.create(name=_("Ban biên tập của cổng sở hữu"), role=PortalRole.BOARD)
        board.content_types.set(_content_types([rt.model for rt in publishable_record_types() if rt.reviewed_by_board]))
        WorkflowTask.objects.create(workflow=workflow, task=approvers, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=board, sort_order=1)
    for content_type in types:
        WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
    return workflow


def ensure_all_portal_workflows():
    return [ensure_portal_workflow(portal) for portal in Portal.objects.exclude(agency=None).select_related("agency", "site")]
