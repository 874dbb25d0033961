"""The admin is Vietnamese, including Wagtail's own menus and buttons that its catalogue leaves in English."""

import json
import re

import pytest
from django.test import Client


def sidebar_labels(html):
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return set(re.findall(r'"label": "([^"]*)"', json.dumps(json.loads(props), ensure_ascii=False)))


@pytest.mark.django_db
def test_admin_menus_and_sign_in_are_vietnamese(admin_client):
    response = Client().get("/admin/login/")
    assert response.status_code == 200, response.status_code
    sign_in = response.content.decode()
    assert "Đăng nhập" in sign_in and "Quên mật khẩu?" in sign_in and "Sign in" not in sign_in
    labels = sidebar_labels(admin_client.get("/admin/").content.decode())
    assert {"Hình ảnh", "Tài liệu", "Báo cáo", "Quy trình duyệt", "Trợ giúp"} <= labels
    assert not labels & {"Images", "Documents", "Reports", "Workflows", "Help"}


@pytest.mark.django_db
def test_page_editor_buttons_are_vietnamese(admin_client, province):
    home = province["portals"]["justice"].site.root_page
    editor = admin_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    assert "Lưu nháp" in editor and "Save draft" not in editor
