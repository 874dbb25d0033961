from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.organisation.models import OfficialContact
from sites.permissions import AgencyScopedSnippetViewSet


class OfficialContactViewSet(AgencyScopedSnippetViewSet):
    model = OfficialContact
    agency_field = "agency"
    icon = "user"
    menu_label = _("Liên hệ cán bộ")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["full_name", "title", "unit", "agency", "phone", "email"]
    search_fields = ["full_name", "title"]


register_snippet(OfficialContactViewSet)
