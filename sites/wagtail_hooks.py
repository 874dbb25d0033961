from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sites.models import Agency


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Cơ quan, đơn vị")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "parent", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]


register_snippet(AgencyViewSet)
