from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin accounts: two-factor sign-in, sign-in throttling and the sign-in audit log."""

    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản quản trị")

    def ready(self):
        from cms.accounts import signals  # noqa: F401 - receivers register themselves
