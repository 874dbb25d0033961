from django.forms import modelform_factory
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

    def get_form_class(self, for_update=False):
        return modelform_factory(self.model, form=BestBetForm, formfield_callback=self.formfield_for_dbfield,
                                 fields=self.form_fields)


@hooks.register("register_admin_viewset")
def register_best_bets():
    return BestBetViewSet()
