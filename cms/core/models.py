"""Agencies (the administrative hierarchy, as data), the portals that serve them, who manages which
agency, and the audit log of the objects that belong to an agency."""

from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Collection, GroupPagePermission, Page
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager
from wagtail.permissions import policy_registry
from wagtail.search import index

from cms.core.signals import agency_scope_changed

PATH_SEPARATOR = "/"
DEFAULT_PORTS = ("80", "443")
PROVINCE_ADMINS_GROUP = "Quản trị cấp tỉnh"


class AgencyKind(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("UBND cấp huyện (trước 01/7/2025)")
    COMMUNE = "commune", _("UBND xã")
    WARD = "ward", _("UBND phường, đặc khu")
    UNIT = "unit", _("Đơn vị sự nghiệp công lập")
    OTHER = "other", _("Cơ quan, đơn vị khác")


def kind_order(field="kind"):
    """An ORDER BY expression listing agency kinds in the order of AgencyKind."""
    return models.Case(
        *[models.When(**{field: kind}, then=position) for position, kind in enumerate(AgencyKind.values)],
        output_field=models.IntegerField(),
    )


def served_origin(hostname, request):
    """scheme://hostname[:port] of a portal as this visitor reaches portals: the request's scheme
    and the port of its Host header (":8000" in the embedded default, none behind nginx)."""
    _domain, port = split_domain_port(request.get_host())
    suffix = f":{port}" if port and port not in DEFAULT_PORTS else ""
    return f"{request.scheme}://{hostname}{suffix}"


def served_root_url(root_url, request):
    """A site's root URL as this visitor reaches it: a site on the default port is served wherever
    the visitor reached this server (its scheme and port, served_origin); a site pinned to another
    port, or any site without a request, keeps its own root URL."""
    parts = urlsplit(root_url)
    return root_url if request is None or parts.port else served_origin(parts.hostname, request)


def portal_address(site, request=None):
    """Root URL of a portal, keeping the scheme and port the visitor used."""
    return (served_origin(site.hostname, request) if request is not None else site.root_url) + "/"


class AgencyQuerySet(models.QuerySet):
    def subtree_of(self, agency):
        """The agency and every agency below it, in one indexed query."""
        return self.filter(path__startswith=agency.path)

    def managed_ids(self, user):
        """Ids of the agencies the user manages (cached on the user object); None means all.

        Superusers and members of the province administrators group manage every agency; others
        manage the subtrees of the agencies of the portals they work on (member_portals).
        """
        if not (user.is_authenticated and user.is_active):
            return set()
        cached = getattr(user, "_managed_agency_ids", False)
        if cached is not False:
            return cached
        if user.is_superuser or user.groups.filter(name=PROVINCE_ADMINS_GROUP).exists():
            scope = None
        else:
            paths = self.filter(pk__in=Portal.objects.member_portals(user).values("agency")).values_list("path", flat=True)
            subtree = Q(pk__in=[])
            for path in paths:
                subtree |= Q(path__startswith=path)
            scope = set(self.filter(subtree).values_list("pk", flat=True))
        user._managed_agency_ids = scope
        return scope


class Agency(index.Indexed, models.Model):
    """A body of the province (cơ quan, đơn vị). The tree is data: any depth, any kind below any."""

    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(
        _("mã cơ quan"),
        max_length=40,
        unique=True,
        allow_unicode=False,
        help_text=_("Mã định danh không dấu, duy nhất trong tỉnh, ví dụ: STP."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    # Materialised path of ancestor ids ("/1/7/12/"): subtree queries are one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = AgencyQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("code"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Liên hệ"),
        ),
    ]

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    def ancestor_ids(self):
        return [int(part) for part in self.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR) if part]

    def is_descendant_of(self, other):
        return other.pk in self.ancestor_ids() and other.pk != self.pk

    def clean(self):
        super().clean()
        if self.parent_id and self.pk:
            if self.parent_id == self.pk or self.parent.is_descendant_of(self):
                raise ValidationError(
                    {"parent": _("Cơ quan cấp trên không thể là chính nó hoặc một đơn vị trực thuộc nó.")}
                )

    def _computed_path(self):
        prefix = self.parent.path if self.parent_id else PATH_SEPARATOR
        return f"{prefix}{self.pk}{PATH_SEPARATOR}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            old_path = self.path
            super().save(*args, **kwargs)
            new_path = self._computed_path()
            if new_path != old_path:
                type(self).objects.filter(pk=self.pk).update(path=new_path)
                self.path = new_path
                if old_path:
                    self._move_descendants(old_path, new_path)
                    moved = type(self).objects.subtree_of(self).values_list("pk", flat=True)
                    agency_scope_changed.send(sender=type(self), agency_ids=list(moved))

    def _move_descendants(self, old_path, new_path):
        for child in type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            child.path = new_path + child.path[len(old_path):]
            type(self).objects.filter(pk=child.pk).update(path=child.path)


class PortalStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    RETIRED = "retired", _("Đã ngừng hoạt động (lưu trữ)")
    MERGED = "merged", _("Đã hợp nhất")


class PortalQuerySet(models.QuerySet):
    def member_portals(self, user):
        """Portals in whose page tree one of the user's groups holds a page permission (each portal's
        editors, approvers and editorial board hold theirs on its home page)."""
        paths = GroupPagePermission.objects.filter(group__in=user.groups.all()).values_list("page__path", flat=True)
        root_paths = {path[:end] for path in paths for end in range(Page.steplen, len(path) + 1, Page.steplen)}
        return self.filter(site__root_page__path__in=root_paths)

    def nearest_to(self, agency):
        """The portal of the agency, else of its nearest ancestor that has one; None without one."""
        if agency is None:
            return None
        portals = self.filter(agency_id__in=agency.ancestor_ids()).select_related("agency")
        return max(portals, key=lambda portal: len(portal.agency.path), default=None)


@register_setting(icon="site")
class Portal(BaseSiteSetting):
    """A component portal (cổng thành phần): one Wagtail Site serving one agency."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan chủ quản"), on_delete=models.PROTECT, related_name="portal", null=True
    )
    blueprint = models.CharField(_("bản mẫu"), max_length=40, blank=True)
    blueprint_version = models.PositiveIntegerField(_("phiên bản bản mẫu"), default=0)
    status = models.CharField(_("trạng thái"), max_length=20, choices=PortalStatus.choices, default=PortalStatus.ACTIVE)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("hợp nhất vào"), null=True, blank=True, on_delete=models.SET_NULL
    )
    person_responsible = models.CharField(
        _("người chịu trách nhiệm"), max_length=255, blank=True,
        help_text=_("Họ tên, chức vụ người chịu trách nhiệm chính (Thông tư 32/2017, Điều 16)."),
    )
    licence = models.CharField(
        _("giấy phép, quyết định thành lập"), max_length=255, blank=True,
        help_text=_("Số giấy phép hoặc quyết định thành lập cổng thông tin."),
    )
    editors_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    approvers_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PortalQuerySet.as_manager()
    select_related = ["agency", "site"]
    panels = [FieldPanel("person_responsible"), FieldPanel("licence")]

    class Meta:
        verbose_name = _("cổng thông tin")
        verbose_name_plural = _("cổng thông tin")

    def __str__(self):
        return self.agency.name if self.agency_id else self.site.site_name

    @property
    def is_archived(self):
        return self.status != PortalStatus.ACTIVE


class HostnameAlias(models.Model):
    """An old hostname of a renamed or merged portal: requests are redirected (301) to the portal."""

    hostname = models.CharField(_("tên miền cũ"), max_length=255, unique=True)
    portal = models.ForeignKey(Portal, verbose_name=_("cổng"), on_delete=models.CASCADE, related_name="aliases")
    path_prefix = models.CharField(
        _("tiền tố đường dẫn"), max_length=255, blank=True, default="",
        help_text=_("Đường dẫn cũ được đặt dưới tiền tố này (dùng khi hợp nhất cổng)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tên miền cũ")
        verbose_name_plural = _("tên miền cũ")

    def __str__(self):
        return f"{self.hostname} → {self.portal}"


def agency_of(instance):
    """The agency an object belongs to, by the field its permission policy names, or None."""
    value = instance
    for part in getattr(policy_registry.get_by_type(type(instance)), "agency_field", "").split("__"):
        value = getattr(value, part, None) if part else None
    return value if isinstance(value, Agency) else None


class AgencyLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        agency = agency_of(instance)
        return super().log_action(instance, action, agency_id=agency.pk if agency else None, **kwargs)

    def viewable_by_user(self, user):
        """Entries of the object types the user has permissions on, of the agencies they manage."""
        entries = super().viewable_by_user(user)
        scope = Agency.objects.managed_ids(user)
        return entries if scope is None else entries.filter(agency_id__in=scope)


class AgencyLogEntry(BaseLogEntry):
    """The audit log of objects that belong to an agency (records, questions, comments, ratings):
    the site history report shows each user the entries of the agencies they manage."""

    object_id = models.CharField(max_length=255, db_index=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = AgencyLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("nhật ký theo cơ quan")
        verbose_name_plural = _("nhật ký theo cơ quan")


class FileText(models.Model):
    """The text read from an uploaded file (cms.core.file_text), for search; what was read is
    known by the file's hash, so a replaced file is read again."""

    class State(models.TextChoices):
        TEXT = "text", _("đã đọc được chữ")
        SCANNED = "scanned", _("bản quét, không có lớp chữ")
        UNSUPPORTED = "unsupported", _("định dạng không đọc chữ")
        UNREADABLE = "unreadable", _("tệp hỏng, không đọc được")

    document = models.OneToOneField(
        "wagtaildocs.Document", primary_key=True, on_delete=models.CASCADE, related_name="read_text"
    )
    file_hash = models.CharField(max_length=40)
    state = models.CharField(_("kết quả đọc chữ"), max_length=12, choices=State.choices)
    text = models.TextField(blank=True)
    read_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chữ trong tệp")
        verbose_name_plural = _("chữ trong tệp")

    def __str__(self):
        return f"{self.document} ({self.get_state_display()})"
