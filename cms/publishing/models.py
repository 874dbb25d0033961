"""The province's rule-set choice, the moderation tasks, and compliance snapshots."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState
from wagtail.log_actions import log

from cms.core.models import Portal, agency_of
from cms.publishing.rules import DEFAULT_RULESET, available_rulesets, load_ruleset


def _ruleset_choices():
    return available_rulesets()


@register_setting(icon="doc-full")
class PublishingSettings(BaseGenericSetting):
    """One province per install: which rule set its publishing checks and compliance report use."""

    ruleset = models.CharField(
        _("bộ quy tắc"), max_length=40, default=DEFAULT_RULESET, choices=_ruleset_choices,
        help_text=_("Văn bản pháp luật dùng để kiểm tra khi xuất bản và đánh giá mức độ tuân thủ của các cổng."),
    )

    panels = [FieldPanel("ruleset")]

    class Meta:
        verbose_name = _("quy tắc xuất bản")


def active_ruleset():
    """The rule set the province chose (PublishingSettings), nd43-2011 by default."""
    return load_ruleset(PublishingSettings.load().ruleset or DEFAULT_RULESET)


class ContentTypeStepMixin(models.Model):
    """A workflow step that only some content types go through; others skip it (logged)."""

    content_types = models.ManyToManyField(
        ContentType, verbose_name=_("loại nội dung"), blank=True, related_name="+",
        help_text=_("Chỉ các loại nội dung này phải qua bước này; để trống: mọi loại nội dung."),
    )

    class Meta:
        abstract = True

    def applies_to(self, obj):
        chosen = set(self.content_types.values_list("pk", flat=True))
        return not chosen or ContentType.objects.get_for_model(obj, for_concrete_model=False).pk in chosen

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        obj = obj.specific if hasattr(obj, "specific_class") else obj
        if self.applies_to(obj):
            return super().start(workflow_state, user=user)
        task_state = self.get_task_state_class()(
            workflow_state=workflow_state, task=self, status=TaskState.STATUS_SKIPPED,
            revision=obj.get_latest_revision(),
        )
        task_state.save()
        log(instance=obj, action="cong.workflow.skip", user=user, data={"task": self.name})
        return task_state


class EditorialBoardTask(ContentTypeStepMixin, AbstractGroupApprovalTask):
    """Approval by the portal's editorial board (Ban biên tập), for the chosen content types."""

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["content_types"]

    class Meta:
        verbose_name = _("duyệt của Ban biên tập")
        verbose_name_plural = _("duyệt của Ban biên tập")


class PortalRole(models.TextChoices):
    APPROVERS = "approvers", _("Người duyệt của cổng")
    BOARD = "board", _("Ban biên tập của cổng")


class AgencyApprovalTask(ContentTypeStepMixin, Task):
    """Approval of a shared record (legal document, procedure) by the portal of its owning agency.

    Records are one model for the whole province, so one workflow serves all of them; the group
    that may approve is looked up per record: the nearest portal above the owning agency.
    """

    role = models.CharField(_("vai trò duyệt"), max_length=20, choices=PortalRole.choices)

    admin_form_fields = Task.admin_form_fields + ["role", "content_types"]

    class Meta:
        verbose_name = _("duyệt theo cổng của cơ quan sở hữu")
        verbose_name_plural = _("duyệt theo cổng của cơ quan sở hữu")

    def group_for(self, obj):
        portal = Portal.objects.nearest_to(agency_of(obj))
        if portal is None:
            return None
        if self.role == PortalRole.APPROVERS:
            return portal.approvers_group
        setup = PortalWorkflow.objects.filter(portal=portal).select_related("board_group").first()
        return setup.board_group if setup else None

    def _may_moderate(self, obj, user):
        group = self.group_for(obj)
        return user.is_superuser or (group is not None and user.groups.filter(pk=group.pk).exists())

    def user_can_access_editor(self, obj, user):
        return self._may_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_moderate(obj, user)

    def get_actions(self, obj, user):
        if not self._may_moderate(obj, user):
            return []
        return [
            ("reject", _("Yêu cầu chỉnh sửa"), True),
            ("approve", _("Duyệt"), False),
            ("approve", _("Duyệt kèm ý kiến"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        allowed = [state.pk for state in states if self._may_moderate(state.workflow_state.content_object, user)]
        return states.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("Người duyệt hoặc Ban biên tập của cổng thuộc cơ quan sở hữu văn bản, thủ tục")


class PortalWorkflow(models.Model):
    """What ensure_portal_workflow created for a portal: its workflow and editorial board group."""

    portal = models.OneToOneField("portals.Portal", on_delete=models.CASCADE, related_name="moderation")
    workflow = models.ForeignKey("wagtailcore.Workflow", on_delete=models.PROTECT, related_name="+")
    board_group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("quy trình duyệt của cổng")


class ComplianceSnapshot(models.Model):
    """A compliance report of one portal at one time: score and per-rule results (for trends)."""

    portal = models.ForeignKey("portals.Portal", on_delete=models.CASCADE, related_name="compliance_snapshots")
    ruleset = models.CharField(_("bộ quy tắc"), max_length=40)
    taken_at = models.DateTimeField(_("thời điểm đánh giá"), auto_now_add=True, db_index=True)
    score = models.FloatField(_("điểm"))
    results = models.JSONField(default=list)

    class Meta:
        verbose_name = _("kết quả đánh giá tuân thủ")
        ordering = ["-taken_at", "-pk"]

    def failing(self):
        return [result for result in self.results if result["measured"] and result["score"] < 1]

    @property
    def failing_count(self):
        return len(self.failing())
