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

from cms.publishing.models import AgencyApprovalTask, EditorialBoardTask, PortalRole, PortalWorkflow

BOARD_PAGE_TYPES = [("pages", "newsarticlepage"), ("engagement", "consultationdraftpage")]
BOARD_RECORD_TYPES = [("legal_documents", "legaldocument")]
RECORD_TYPES = [("legal_documents", "legaldocument"), ("procedures", "procedure")]
BOARD_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
BOARD_MODEL_PERMISSIONS = [("legal_documents", "legaldocument"), ("procedures", "procedure")]


def portal_of_agency(agency):
    """The portal of the agency, else of its nearest ancestor that has one."""
    from cms.core.models import Portal

    if agency is None:
        return None
    portals = Portal.objects.filter(agency_id__in=agency.ancestor_ids()).select_related("agency")
    return max(portals, key=lambda portal: len(portal.agency.path), default=None)


def _content_types(pairs):
    return [ContentType.objects.get_by_natural_key(app_label, model) for app_label, model in pairs]


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
    board_task.content_types.set(_content_types(BOARD_PAGE_TYPES))
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
    for app_label, model in BOARD_MODEL_PERMISSIONS:
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label=app_label, codename__in=[f"change_{model}", f"publish_{model}"]
        ))
    return group


def ensure_record_workflow():
    """One workflow for legal documents and procedures, unless another is already assigned."""
    types = [ct for ct in _content_types(RECORD_TYPES) if not WorkflowContentType.objects.filter(content_type=ct).exists()]
    if not types:
        return None
    workflow, created = Workflow.objects.get_or_create(name=_("Duyệt văn bản, thủ tục theo cổng"))
    if created:
        approvers = AgencyApprovalTask.objects.create(name=_("Người duyệt của cổng sở hữu"), role=PortalRole.APPROVERS)
        board = AgencyApprovalTask.objects.create(name=_("Ban biên tập của cổng sở hữu"), role=PortalRole.BOARD)
        board.content_types.set(_content_types(BOARD_RECORD_TYPES))
        WorkflowTask.objects.create(workflow=workflow, task=approvers, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=board, sort_order=1)
    for content_type in types:
        WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
    return workflow


def ensure_all_portal_workflows():
    from cms.core.models import Portal

    return [ensure_portal_workflow(portal) for portal in Portal.objects.exclude(agency=None).select_related("agency", "site")]
