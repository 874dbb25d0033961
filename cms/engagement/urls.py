from django.urls import path

from cms.engagement import views

urlpatterns = [
    path("danh-gia/", views.rate, name="engagement_rate"),
    path("nhan-tin/", views.subscribe, name="subscription_subscribe"),
    path("nhan-tin/xac-nhan/<str:token>/", views.confirm_subscription, name="subscription_confirm"),
    path("nhan-tin/huy/<str:token>/", views.unsubscribe, name="subscription_unsubscribe"),
    path("nhan-tin/atom/", views.SubscriptionFeed(), name="subscription_feed"),
]
