"""Per-group sign-in rules that are not Django permissions."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupSignInPolicy(models.Model):
    """Whether members of a group must use two-factor sign-in. Province administrators and
    approvers always must (cms.accounts.policy); for editors' groups it is this choice."""

    group = models.OneToOneField(Group, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="sign_in_policy")
    two_factor_required = models.BooleanField(_("bắt buộc xác thực hai lớp"), default=False)

    class Meta:
        verbose_name = _("quy định đăng nhập của nhóm")
        verbose_name_plural = _("quy định đăng nhập của nhóm")

    def __str__(self):
        return self.group.name
