from django.urls import path

from cms.engagement import views

urlpatterns = [path("danh-gia/", views.rate, name="engagement_rate")]
