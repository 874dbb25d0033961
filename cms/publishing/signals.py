"""What the publishing service does when portals and questions are created."""

from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from cms.core.models import Portal
from cms.engagement.models import Question
from cms.publishing.deadlines import question_due
from cms.publishing.models import active_ruleset
from cms.publishing.workflows import ensure_portal_workflow


def portal_saved(sender, instance, created, raw=False, **kwargs):
    """A new portal gets its moderation workflow (approvers, then editorial board)."""
    if created and not raw and instance.agency_id:
        ensure_portal_workflow(instance)


def question_received(sender, instance, raw=False, **kwargs):
    """A question's reply deadline is fixed when it arrives, under the rules in force then."""
    if not raw and instance.due_date is None:
        instance.due_date = question_due(active_ruleset(), timezone.localdate(instance.created_at or timezone.now()))


def connect():
    post_save.connect(portal_saved, sender=Portal, dispatch_uid="publishing_portal_workflow")
    pre_save.connect(question_received, sender=Question, dispatch_uid="publishing_question_deadline")
