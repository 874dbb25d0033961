from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action("cong.import.document", _("Nhập từ tệp"), _("Văn bản được nhập từ tệp của hệ thống cũ"))
    actions.register_action("cong.import.news", _("Nhập tin từ cổng cũ"), _("Tin bài được nhập từ cổng cũ"))
