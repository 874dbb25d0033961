from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.core.viewsets import ScopedModelViewSet
from search import admin_views
from search.forms_admin import BestBetForm
from search.models import BestBet


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("tu-khoa-tim-kiem/", admin_views.query_report, name="search_queries")]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return MenuItem(_("Từ khóa tìm kiếm"), reverse("search_queries"), icon_name="search", order=900)


class BestBetViewSet(ScopedModelViewSet):
    model = BestBet
    name = "best_bets"
    icon = "pick"
    menu_label = _("Kết quả ưu tiên")
    menu_order = 197
    add_to_admin_menu = True
    form_fields = ["portal", "queries", "address", "note", "expires_on"]
    list_display = ["__str__", "portal", "address", "expires_on"]
    base_form_class = BestBetForm


@hooks.register("register_admin_viewset")
def register_best_bets():
    return BestBetViewSet()
