from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.visits import views


@hooks.register("register_admin_urls")
def register_visits_urls():
    return [
        path("luot-truy-cap/", views.portals_visits, name="visits_portals"),
        path("luot-truy-cap/<int:portal_id>/", views.portal_visits, name="visits_portal"),
    ]


@hooks.register("register_admin_menu_item")
def register_visits_menu_item():
    return MenuItem(_("Lượt truy cập"), reverse("visits_portals"), icon_name="view", order=196)
