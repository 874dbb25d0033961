from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Giao diện")

    def ready(self):
        from themes.cache import connect_signals

        connect_signals()
