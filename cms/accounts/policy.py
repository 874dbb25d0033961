"""Who must sign in with a second factor."""

from django.apps import apps
from django.conf import settings
from django_otp import user_has_device
from wagtail.models import AbstractGroupApprovalTask

from cms.accounts.models import GroupSignInPolicy
from cms.core.models import Portal
from cms.core.permissions import is_province_admin


def group_approval_task_models():
    """Wagtail's group approval task and every task model built on it (the editorial board's)."""
    return [model for model in apps.get_models() if issubclass(model, AbstractGroupApprovalTask)]


def is_approver(user):
    """Member of a group that approves: a portal's approvers or any group approval task's group
    (boards included)."""
    groups = user.groups.all()
    return (Portal.objects.filter(approvers_group__in=groups).exists()
            or any(model.objects.filter(groups__in=groups, active=True).exists() for model in group_approval_task_models()))


def two_factor_required(user):
    """Province administrators and approvers always; editors when one of their groups asks for
    it; anyone who has set up a second factor."""
    if not settings.ADMIN_TWO_FACTOR:
        return False
    return (is_province_admin(user) or is_approver(user) or user_has_device(user)
            or GroupSignInPolicy.objects.filter(group__in=user.groups.all(), two_factor_required=True).exists())
