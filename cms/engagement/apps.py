from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from cms.core.generation import purge_portals


class EngagementConfig(AppConfig):
    name = "cms.engagement"
    label = "engagement"
    verbose_name = _("Tương tác với người dân")

    def ready(self):
        from cms.core.models import Portal

        from cms.engagement.models import DraftComment, Question

        post_save.connect(_portal_saved, sender=Portal, dispatch_uid="engagement_portal_permissions")
        for model in (Question, DraftComment):
            post_save.connect(_refresh_public_pages, sender=model, dispatch_uid=f"engagement_refresh_{model.__name__}")


def _portal_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from cms.engagement.permissions import grant_portal_permissions

        grant_portal_permissions(instance)


def _refresh_public_pages(sender, instance, **kwargs):
    """Moderated answers and comments appear at once on the cached pages of their portal."""
    purge_portals([instance.portal_id])
