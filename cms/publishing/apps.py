from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = _("Xuất bản và tuân thủ")

    def ready(self):
        # The rule sets' checks register themselves (rules.check) when their modules load.
        from cms.core.publication import register_publication_gate
        from cms.publishing import compliance_checks, publish_checks, signals  # noqa: F401
        from cms.publishing.guard import RuleGate

        register_publication_gate(RuleGate())
        signals.connect()
