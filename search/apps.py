from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Tìm kiếm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import checks, signals  # noqa: F401 - checks register themselves
        from search.text_index import ensure_text_indexes

        signals.connect()
        post_migrate.connect(ensure_text_indexes, sender=self, dispatch_uid="search.ensure_text_indexes")
        post_save.connect(_portal_saved, sender="portals.Portal", dispatch_uid="search.best_bet_permissions")


def _portal_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from django.contrib.auth.models import Permission

        from search.permissions import grant_best_bet_permissions

        grant_best_bet_permissions([instance], Permission)
