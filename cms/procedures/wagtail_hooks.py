from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.core.viewsets import ScopedSnippetViewSet
from cms.procedures.models import Procedure


class ProcedureViewSet(ScopedSnippetViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = _("Thủ tục hành chính")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "name", "sector", "level", "service_level", "owner_agency"]
    list_filter = ["level", "service_level", "live"]


register_snippet(ProcedureViewSet)
