from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The core layer: the agency tree, the portal registry, the record-type registry, permission
    scoping, Vietnamese text folding and content generations. It imports nothing else of ours.

    The label stays "portals", the label these models (and their tables and migrations) have
    always had.
    """

    name = "cms.core"
    label = "portals"
    verbose_name = _("Cơ quan và cổng thông tin")

    def ready(self):
        from cms.core import checks  # noqa: F401 - checks register themselves
