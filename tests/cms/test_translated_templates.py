"""The Wagtail templates the project overrides to translate a label Wagtail leaves in English, or to
lead to the project's manual (cms/core/checks.py, TRANSLATED_TEMPLATES), are Wagtail's own with
those changes only: the system
check holds on the installed Wagtail, fails on a template that differs, and the admin shows the
Vietnamese label."""

import pytest

from cms.core import checks


def test_each_override_is_the_installed_wagtail_template_translated():
    assert checks.translated_templates_match_wagtail() == []


def test_an_override_that_no_longer_matches_wagtail_is_reported(monkeypatch):
    monkeypatch.setitem(checks.TRANSLATED_TEMPLATES, "wagtailadmin/shared/headers/_actions.html", [])
    assert [error.id for error in checks.translated_templates_match_wagtail()] == ["cong.E013"]


@pytest.mark.django_db
def test_the_admin_header_actions_are_labelled_in_vietnamese(admin_client):
    page = admin_client.get("/admin/pages/").content.decode()
    assert 'aria-label="Thao tác" id="w-slim-header-buttons"' in page
