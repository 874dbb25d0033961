"""Moderation queues in the admin, each scoped to the user's portals."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.views import generic
from wagtail.log_actions import log

from cms.core.viewsets import ScopedModelViewSet
from cms.engagement.models import DraftComment, Question, Rating


class LoggedEditView(generic.EditView):
    """Every moderation step goes to the audit log with the new status."""

    def save_instance(self):
        instance = super().save_instance()
        log(instance=instance, action=f"cong.moderation.{instance.status}", user=self.request.user,
            data={"status": instance.get_status_display()})
        return instance


class ModerationViewSet(ScopedModelViewSet):
    add_to_admin_menu = False
    inspect_view_enabled = True


class QuestionViewSet(ModerationViewSet):
    model = Question
    name = "engagement_questions"
    icon = "help"
    menu_label = _("Hỏi đáp")
    list_display = ["tracking_code", "subject", "status", "due_date", "portal", "created_at"]
    list_filter = ["status", "is_public"]
    search_fields = ["tracking_code", "subject", "name", "email"]
    edit_view_class = LoggedEditView
    form_fields = ["status", "routed_to", "reply_date", "answer", "is_public"]


class CommentViewSet(ModerationViewSet):
    model = DraftComment
    name = "engagement_comments"
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    list_display = ["name", "draft", "status", "created_at"]
    list_filter = ["status"]
    edit_view_class = LoggedEditView
    form_fields = ["status"]


class RatingViewSet(ModerationViewSet):
    model = Rating
    name = "engagement_ratings"
    icon = "pick"
    menu_label = _("Đánh giá hài lòng")
    list_display = ["level", "procedure", "page", "site", "created_at"]
    list_filter = ["level"]
    form_fields = ["level"]


class EngagementGroup(ViewSetGroup):
    menu_label = _("Tương tác")
    menu_icon = "group"
    menu_order = 250
    items = (QuestionViewSet, CommentViewSet, RatingViewSet)


@hooks.register("register_admin_viewset")
def register_engagement_viewsets():
    return EngagementGroup()


@hooks.register("register_log_actions")
def register_engagement_log_actions(actions):
    actions.register_action("cong.question.received", _("Tiếp nhận câu hỏi"), _("Tiếp nhận câu hỏi"))
    for status, label in list(Question._meta.get_field("status").choices) + list(DraftComment._meta.get_field("status").choices):
        actions.register_action(f"cong.moderation.{status}", label, label)
