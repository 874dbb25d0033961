from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("tu-khoa-tim-kiem/", admin_views.query_report, name="search_queries")]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return MenuItem(_("Từ khóa tìm kiếm"), reverse("search_queries"), icon_name="search", order=900)
