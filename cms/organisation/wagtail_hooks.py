from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.core.viewsets import ScopedSnippetViewSet
from cms.organisation.models import OfficialContact


class OfficialContactViewSet(ScopedSnippetViewSet):
    model = OfficialContact
    icon = "user"
    menu_label = _("Liên hệ cán bộ")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["full_name", "title", "unit", "agency", "phone", "email"]


register_snippet(OfficialContactViewSet)
