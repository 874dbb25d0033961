"""Per-portal branding: theme choice, logo or emblem, colours, banner."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from sites.blueprints import blueprint_for
from themes.registry import DEFAULT_THEME, get_theme, theme_choices

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Nhập mã màu dạng #RRGGBB."))


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    theme = models.CharField(_("giao diện"), max_length=40, choices=theme_choices(), default=DEFAULT_THEME)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("biểu trưng, quốc huy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    banner = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh băng rôn"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    primary_colour = models.CharField(
        _("màu chủ đạo"), max_length=7, blank=True, validators=[colour_validator],
        help_text=_("Để trống để dùng màu của giao diện. Cần đủ độ tương phản với chữ trắng (WCAG AA)."),
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)

    panels = [FieldPanel("theme"), FieldPanel("logo"), FieldPanel("banner"), FieldPanel("primary_colour"), FieldPanel("tagline")]

    class Meta:
        verbose_name = _("giao diện cổng")

    @property
    def theme_definition(self):
        return get_theme(self.theme)


def give_new_portal_its_theme(sender, instance, created, raw=False, **kwargs):
    """A new portal gets the theme its blueprint names for its kind of agency."""
    if created and not raw and instance.agency_id:
        theme = blueprint_for(instance.agency.kind).theme
        ThemeSettings.objects.get_or_create(site=instance.site, defaults={"theme": theme})
