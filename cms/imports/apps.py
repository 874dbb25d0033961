from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "cms.imports"
    label = "imports"
    verbose_name = _("Nhập dữ liệu")

    def ready(self):
        from cms.imports import checks  # noqa: F401 - checks register themselves
