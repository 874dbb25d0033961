from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Giao diện")

    def ready(self):
        from cms.core.models import Portal
        from themes.cache import connect_signals
        from themes.models import give_new_portal_its_theme

        connect_signals()
        post_save.connect(give_new_portal_its_theme, sender=Portal, dispatch_uid="themes-new-portal")
