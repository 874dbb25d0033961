"""Rename, merge and retire portals when agencies are reorganised. Nothing is ever deleted.

Each operation runs in one transaction, is written to Wagtail's audit log, and can be previewed:
with dry_run=True it runs completely and is then rolled back, so the preview is exactly what
applying would do.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Site

from cms.core.models import Agency, HostnameAlias, Portal, PortalStatus
from cms.core.registry import record_types
from cms.core.signals import agency_scope_changed
from sites.hostnames import validate_hostname

ARCHIVE_SUFFIX = ".invalid"


@dataclass
class Outcome:
    operation: str
    dry_run: bool
    steps: list = field(default_factory=list)

    def step(self, text):
        self.steps.append(text)

    def __str__(self):
        heading = _("Xem trước (chưa áp dụng)") if self.dry_run else _("Đã áp dụng")
        return "\n".join([f"{heading}: {self.operation}"] + [f"  - {step}" for step in self.steps])


class _Rollback(Exception):
    pass


@contextmanager
def _operation(name, dry_run):
    outcome = Outcome(name, dry_run)
    try:
        with transaction.atomic():
            yield outcome
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass


def _check_hostname_free(hostname, portal=None):
    validate_hostname(hostname)
    taken = Site.objects.filter(hostname=hostname).exclude(pk=portal.site_id if portal else None).exists()
    if taken or HostnameAlias.objects.filter(hostname=hostname).exclude(portal=portal).exists():
        raise ValidationError(_("Tên miền “%(hostname)s” đã được dùng.") % {"hostname": hostname})


def rename(portal: Portal, *, name: str, hostname: str = "", short_name: str = "", user=None, dry_run=False):
    """New agency name (and hostname); the old hostname keeps answering with 301 redirects."""
    if not name.strip():
        raise ValidationError(_("Tên mới không được để trống."))
    if hostname and hostname != portal.site.hostname:
        _check_hostname_free(hostname, portal)
    with _operation(_("Đổi tên cổng %(name)s") % {"name": portal.agency.name}, dry_run) as outcome:
        agency, site = portal.agency, portal.site
        outcome.step(_("Tên cơ quan: “%(old)s” → “%(new)s”") % {"old": agency.name, "new": name})
        agency.name, agency.short_name = name, short_name or agency.short_name
        agency.save()
        home = site.root_page.specific
        home.title = name
        home.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
        if hostname and hostname != site.hostname:
            outcome.step(_("Tên miền: %(old)s → %(new)s (tên miền cũ chuyển hướng 301)") % {"old": site.hostname, "new": hostname})
            HostnameAlias.objects.filter(hostname=hostname).delete()
            HostnameAlias.objects.create(hostname=site.hostname, portal=portal)
            site.hostname = hostname
        site.site_name = name
        site.save()
        log(instance=portal, action="cong.portal.rename", user=user, data={"name": name, "hostname": site.hostname})
    return outcome


def merge(source: Portal, target: Portal, *, user=None, dry_run=False):
    """Move everything of source into target; every old URL redirects (301) to its new place."""
    if source.pk == target.pk:
        raise ValidationError(_("Không thể hợp nhất một cổng vào chính nó."))
    if target.status != PortalStatus.ACTIVE:
        raise ValidationError(_("Không thể hợp nhất vào một cổng đã ngừng hoạt động hoặc đã hợp nhất."))
    if source.status == PortalStatus.MERGED:
        raise ValidationError(_("Cổng này đã được hợp nhất trước đó."))
    with _operation(_("Hợp nhất %(source)s vào %(target)s") % {"source": source.agency.name, "target": target.agency.name},
                    dry_run) as outcome:
        archive = _move_pages(source, target, outcome)
        _move_records(source.agency, target.agency, outcome)
        _move_media(source, target, outcome)
        _move_people(source, target, outcome)
        old_hostname = source.site.hostname
        prefix = "/" + archive.url_path[len(target.site.root_page.url_path):].rstrip("/")
        HostnameAlias.objects.filter(portal=source).update(portal=target, path_prefix=prefix)
        HostnameAlias.objects.create(hostname=old_hostname, portal=target, path_prefix=prefix)
        outcome.step(_("Tên miền %(host)s chuyển hướng 301 tới %(target)s") % {"host": old_hostname, "target": target.site.hostname})
        source.site.hostname = f"hop-nhat-{source.agency.code.lower()}{ARCHIVE_SUFFIX}"
        source.site.root_page = archive
        source.site.save()
        source.status, source.merged_into = PortalStatus.MERGED, target
        source.save()
        log(instance=source, action="cong.portal.merge", user=user, data={"into": target.pk})
    return outcome


def _move_pages(source, target, outcome):
    """The source home becomes a section of the target portal, with all its pages below it."""
    home = source.site.root_page.specific
    target_home = target.site.root_page
    slug = f"luu-tru-{source.agency.code.lower()}"
    home.move(target_home, pos="last-child")
    home.refresh_from_db()
    home.slug = slug
    home.save()
    outcome.step(_("%(count)d trang được chuyển vào mục “%(title)s” của cổng đích")
                 % {"count": home.get_descendants(inclusive=True).count(), "title": home.title})
    return home


def _move_records(source_agency, target_agency, outcome):
    for record_type in record_types():
        owner = record_type.owner_field
        moved = record_type.model.objects.filter(**{owner: source_agency}).update(**{owner: target_agency})
        outcome.step(_("%(count)d %(what)s chuyển sang %(target)s")
                     % {"count": moved, "what": record_type.model._meta.verbose_name_plural, "target": target_agency.name})
    agency_scope_changed.send(sender=Agency, agency_ids=[source_agency.pk, target_agency.pk])
    children = Agency.objects.filter(parent=source_agency)
    for child in children:
        child.parent = target_agency
        child.save()
    outcome.step(_("%(count)d đơn vị trực thuộc chuyển sang %(target)s") % {"count": len(children), "target": target_agency.name})


def _move_media(source, target, outcome):
    if not (source.collection and target.collection):
        return
    for model in (get_image_model(), get_document_model()):
        moved = model.objects.filter(collection=source.collection).update(collection=target.collection)
        outcome.step(_("%(count)d %(what)s chuyển sang thư viện của cổng đích")
                     % {"count": moved, "what": model._meta.verbose_name_plural})


def _move_people(source, target, outcome):
    for source_group, target_group in ((source.editors_group, target.editors_group),
                                       (source.approvers_group, target.approvers_group)):
        if source_group and target_group:
            users = list(source_group.user_set.all())
            target_group.user_set.add(*users)
            outcome.step(_("%(count)d tài khoản của nhóm “%(source)s” được thêm vào nhóm “%(target)s”")
                         % {"count": len(users), "source": source_group.name, "target": target_group.name})


def retire(portal: Portal, *, user=None, dry_run=False):
    """The portal stays online as a read-only archive, flagged on every page."""
    if portal.status != PortalStatus.ACTIVE:
        raise ValidationError(_("Cổng này không còn hoạt động."))
    with _operation(_("Ngừng hoạt động cổng %(name)s") % {"name": portal.agency.name}, dry_run) as outcome:
        groups = [group for group in (portal.editors_group, portal.approvers_group) if group]
        removed = GroupPagePermission.objects.filter(group__in=groups).delete()[0]
        removed += GroupCollectionPermission.objects.filter(group__in=groups).delete()[0]
        outcome.step(_("Thu hồi %(count)d quyền biên tập; nội dung giữ nguyên và vẫn truy cập được") % {"count": removed})
        portal.status = PortalStatus.RETIRED
        portal.save()
        log(instance=portal, action="cong.portal.retire", user=user)
    return outcome
