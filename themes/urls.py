from django.urls import path, re_path

from themes import views

SECTION = r"(?P<section>(?:[\w-]+/)+)"

# Views showing the page at the path in their URL argument: {view name: argument} (themes.shown).
PAGE_VIEWS = {"news_feed": "section", "article_print": "path", "article_save": "path"}

urlpatterns = [
    re_path(rf"^{SECTION}rss/$", views.NewsFeed(), name="news_feed"),
    path("ban-in/<path:path>", views.article_print, name="article_print"),
    path("luu-bai/<path:path>", views.article_save, name="article_save"),
    path("ngon-ngu/<str:language>/", views.switch_language, name="switch_language"),
    path("tro-giup-doc/<str:aid>/", views.choose_reading_aid, name="reading_aid"),
    path("luot-xem.gif", views.visit_beacon, name="visit_beacon"),
]
