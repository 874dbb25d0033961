from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "sites"
    # "sites" would clash with django.contrib.sites' label.
    label = "portals"
    verbose_name = _("Cổng thành phần")

    def ready(self):
        from sites import routing

        routing.install()
