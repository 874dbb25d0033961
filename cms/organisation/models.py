"""Official contacts (Decree 43/2011 Art. 10.1.k)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.core.permissions import AgencyScopedForm
from cms.core.registry import RecordType, register_record_type
from cms.records import PortalScopedQuerySet


class OfficialContact(index.Indexed, models.Model):
    agency = models.ForeignKey("portals.Agency", verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(_("chức vụ"), max_length=150)
    unit = models.CharField(_("đơn vị công tác"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=100)

    objects = PortalScopedQuerySet.as_manager()
    base_form_class = AgencyScopedForm

    search_fields = [index.SearchField("full_name"), index.SearchField("title"), index.FilterField("agency")]
    panels = [FieldPanel("agency"), FieldPanel("full_name"), FieldPanel("title"), FieldPanel("unit"),
              FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("thông tin liên hệ cán bộ")
        verbose_name_plural = _("thông tin liên hệ cán bộ")
        ordering = ["agency", "sort_order", "full_name"]

    def __str__(self):
        return f"{self.full_name} — {self.title}"


OFFICIAL_CONTACTS = register_record_type(RecordType(
    key="contact", model=OfficialContact, owner_field="agency", listing_page="pages.ContactPage",
    shown_on_ancestor_portals=False,
))
