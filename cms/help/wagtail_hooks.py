from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.help import views
from cms.help.manuals import MANUALS

# Wagtail's own help items lead to wagtail.org (its editor guide, its release notes): the province's
# admin links to the project's manuals instead, and to nothing outside the province's network.
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_help_urls():
    return [
        path("huong-dan/", views.index, name="help_index"),
        path("huong-dan/<slug:slug>/", views.manual_page, name="help_manual"),
        path("huong-dan/<slug:slug>/pdf/", views.manual_pdf, name="help_manual_pdf"),
    ]


class ManualMenuItem(MenuItem):
    def __init__(self, manual, order):
        super().__init__(manual.title, reverse("help_manual", args=[manual.slug]), icon_name="help", order=order,
                         name=f"manual-{manual.slug}")
        self.manual = manual

    def is_shown(self, request):
        return self.manual.readable_by(request.user)


@hooks.register("construct_help_menu")
def use_the_project_manuals(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


@hooks.register("register_help_menu_item")
def register_user_guide():
    return ManualMenuItem(MANUALS["huong-dan-su-dung"], order=1000)


@hooks.register("register_help_menu_item")
def register_administrator_guide():
    return ManualMenuItem(MANUALS["tai-lieu-quan-tri"], order=1050)
