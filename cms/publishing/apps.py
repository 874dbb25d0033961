from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = _("Xuất bản và tuân thủ")

    def ready(self):
        from cms.core.models import Portal
        from cms.core.publication import register_publication_gate
        from cms.publishing.guard import RuleGate

        register_publication_gate(RuleGate())
        post_save.connect(_portal_saved, sender=Portal, dispatch_uid="publishing_portal_workflow")


def _portal_saved(sender, instance, created, raw=False, **kwargs):
    """A new portal gets its moderation workflow (approvers, then editorial board)."""
    if created and not raw and instance.agency_id:
        from cms.publishing.workflows import ensure_portal_workflow

        ensure_portal_workflow(instance)
