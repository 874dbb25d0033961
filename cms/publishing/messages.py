"""The Vietnamese refusal message shown in the admin, with a force-publish link for administrators."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.core.permissions import is_province_admin


def edit_url_for(user, obj):
    return AdminURLFinder(user).get_edit_url(obj)


def force_url_for(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("publishing_force", args=[content_type.pk, obj.pk])


def refusal_message(user, obj, violations):
    items = format_html_join("", "<li>{}</li>", ((str(violation),) for violation in violations))
    message = format_html("{} <ul>{}</ul>", _("Chưa thể xuất bản (bản nháp đã được lưu):"), items)
    if is_province_admin(user):
        message = format_html('{} <a href="{}">{}</a>', message, force_url_for(obj),
                              _("Quản trị viên: xuất bản bắt buộc, ghi rõ lý do"))
    return message
