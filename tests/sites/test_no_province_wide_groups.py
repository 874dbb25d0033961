"""No group holds permissions over every portal: page permissions at the root of the page tree or
image and document permissions on the root collection would reach every portal's pages and files.
Wagtail's default "Editors" and "Moderators" groups are removed when empty, and stripped of those
permissions when someone is in them (cms/core/migrations/0007)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from tests.factories import make_user

pytestmark = pytest.mark.django_db
migration = importlib.import_module("cms.core.migrations.0007_no_province_wide_default_groups")


def province_wide_grants():
    return (list(GroupPagePermission.objects.filter(page__depth=1).values_list("group__name", flat=True))
            + list(GroupCollectionPermission.objects.filter(collection__depth=1).values_list("group__name", flat=True)))


def test_after_migrations_and_provisioning_no_group_reaches_every_portal(province):
    assert not Group.objects.filter(name__in=migration.WAGTAIL_DEFAULT_GROUPS).exists()
    assert province_wide_grants() == []


def test_a_default_group_with_members_keeps_them_but_not_the_whole_tree(province):
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=editors, page=Page.get_first_root_node(),
                                       permission=Permission.objects.get(codename="change_page"))
    GroupCollectionPermission.objects.create(group=editors, collection=Collection.get_first_root_node(),
                                             permission=Permission.objects.get(codename="choose_image"))
    make_user("nguoi-cu", editors)
    Group.objects.create(name="Moderators")
    migration.remove_province_wide_defaults(apps, None)
    assert list(Group.objects.filter(name__in=migration.WAGTAIL_DEFAULT_GROUPS).values_list("name", flat=True)) == ["Editors"]
    assert province_wide_grants() == [] and editors.user_set.count() == 1 and editors.permissions.count() == 1
