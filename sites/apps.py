from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    """The portal generator: blueprints, provisioning, bulk creation and reorganisation."""

    name = "sites"
    label = "portal_generator"
    verbose_name = _("Cổng thành phần")

    def ready(self):
        from sites import checks, routing  # noqa: F401 - checks register themselves

        routing.install()
