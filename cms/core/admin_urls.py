"""Wagtail's report URLs served by their scoped versions (cms.core.admin). Included in cms/urls.py
before Wagtail's admin URLs, so the same paths and URL names reach these views."""

from django.urls import path

from cms.core import admin

urlpatterns = [
    path("reports/workflow/", admin.ScopedWorkflowView.as_view()),
    path("reports/workflow/results/", admin.ScopedWorkflowView.as_view(results_only=True)),
    path("reports/workflow_tasks/", admin.ScopedWorkflowTasksView.as_view()),
    path("reports/workflow_tasks/results/", admin.ScopedWorkflowTasksView.as_view(results_only=True)),
    path("reports/page-types-usage/", admin.ProvinceAdminPageTypesUsageView.as_view()),
    path("reports/page-types-usage/results/", admin.ProvinceAdminPageTypesUsageView.as_view(results_only=True)),
]
