"""Create a complete portal for an agency, and re-apply blueprints to existing portals."""

import logging

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from cms.core.models import Agency, Portal
from cms.core.registry import record_types
from cms.pages.models import HomePage
from cms.pages.translations import locale_of
from sites.blueprints import blueprint_for
from sites.hostnames import validate_hostname

logger = logging.getLogger("cong.sites")

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
APPROVER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]


def create_portal(agency: Agency, hostname: str, *, port: int = 80, person_responsible: str = "", user=None) -> Portal:
    """Site, page tree, groups, permissions, collection and settings for one agency, atomically."""
    validate_hostname(hostname)
    if Site.objects.filter(hostname=hostname).exists():
        raise ValidationError(_("Tên miền “%(hostname)s” đã được dùng.") % {"hostname": hostname})
    if Portal.objects.filter(agency=agency).exists():
        raise ValidationError(_("Cơ quan “%(name)s” đã có cổng thông tin.") % {"name": agency.name})
    blueprint = blueprint_for(agency.kind)
    with transaction.atomic():
        home = _create_home_page(agency)
        site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=agency.name)
        editors, approvers = _create_groups(agency, home)
        collection = _create_collection(agency, editors, approvers)
        portal = Portal.objects.create(
            site=site, agency=agency, blueprint=blueprint.kind, blueprint_version=blueprint.version,
            person_responsible=person_responsible, editors_group=editors, approvers_group=approvers,
            collection=collection,
        )
        apply_blueprint_to_home(home, blueprint)  # sections are published on the portal, which now exists
        log(instance=portal, action="cong.portal.create", user=user, data={"hostname": hostname})
    logger.info("portal created: %s (%s)", agency.code, hostname)
    return portal


def _create_home_page(agency):
    root = Page.get_first_root_node()
    home = HomePage(title=agency.name, slug=agency.code.lower(), section_code="trang-chu", live=True,
                    first_published_at=timezone.now(), last_published_at=timezone.now())
    root.add_child(instance=home)
    return home


def apply_blueprint_to_home(home, blueprint):
    """Add every section of the blueprint missing under home; return how many were added.

    Sections are matched by slug under their parent: an existing page is left as editors made it
    (even if renamed or moved within its parent), so re-applying never changes or deletes content.
    """
    added = 0
    pages_by_path = {(): home}
    for parent_path, section in blueprint.walk():
        parent = pages_by_path.get(parent_path)
        if parent is None:
            continue
        existing = parent.get_children().filter(slug=section.slug).first()
        if existing is None:
            existing = _add_section(parent, section)
            added += 1
        pages_by_path[parent_path + (section.slug,)] = existing
    return added


def _add_section(parent, section):
    now = timezone.now()
    page = section.model(
        title=section.title, slug=section.slug, section_code=section.section_code, search_description=section.description,
        show_in_menus=section.in_menu, live=True, first_published_at=now, last_published_at=now,
    )
    if section.language:
        page.locale = locale_of(section.language)
    parent.add_child(instance=page)
    return page


def apply_blueprint(portal: Portal) -> int:
    """Bring an existing portal up to the current blueprint of its kind."""
    blueprint = blueprint_for(portal.agency.kind)
    with transaction.atomic():
        added = apply_blueprint_to_home(portal.site.root_page.specific, blueprint)
        portal.blueprint, portal.blueprint_version = blueprint.kind, blueprint.version
        portal.save(update_fields=["blueprint", "blueprint_version"])
    return added


def _permissions(app_label, codenames):
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def _create_groups(agency, home):
    editors = Group.objects.create(name=f"{agency.code} — {_('Biên tập viên')}")
    approvers = Group.objects.create(name=f"{agency.code} — {_('Người duyệt')}")
    admin_access = _permissions("wagtailadmin", ["access_admin"])
    for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (approvers, APPROVER_PAGE_PERMISSIONS)):
        group.permissions.add(*admin_access)
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=home, permission=permission)
            for permission in _permissions("wagtailcore", codenames)
        )
        for record_type in record_types():
            group.permissions.add(*_model_permissions(record_type.model, ["add", "change"]))
    for record_type in record_types():
        if record_type.publishable:
            approvers.permissions.add(*_model_permissions(record_type.model, ["publish"]))
    return editors, approvers


def _model_permissions(model, actions):
    return _permissions(model._meta.app_label, [f"{action}_{model._meta.model_name}" for action in actions])


def _create_collection(agency, editors, approvers):
    collection = Collection.get_first_root_node().add_child(instance=Collection(name=agency.name))
    permissions = [
        permission
        for app_label, codename in COLLECTION_PERMISSIONS
        for permission in _permissions(app_label, [codename])
    ]
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=collection, permission=permission)
        for group in (editors, approvers)
        for permission in permissions
    )
    return collection
