from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("tim-kiem/", views.search_page, name="page"),
    path("tim-kiem/mo/", views.open_result, name="open"),
    path("luot-tim.gif", views.search_beacon, name="beacon"),
]
