from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.core.viewsets import ScopedSnippetViewSet
from cms.notices.models import Notice


class NoticeViewSet(ScopedSnippetViewSet):
    model = Notice
    icon = "warning"
    menu_label = _("Thông báo toàn tỉnh")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["title", "owner", "emergency", "live", "expire_at"]
    list_filter = ["emergency", "live"]


register_snippet(NoticeViewSet)
