"""Tokens of the e-office push (cms.api.eoffice): one per agency, shown once, stored as a hash,
revocable; every use is dated."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.core.registry import register_scoped_model

PREFIX_LENGTH = 8


def key_hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


class EOfficeToken(models.Model):
    agency = models.ForeignKey("portals.Agency", verbose_name=_("cơ quan"), on_delete=models.CASCADE,
                               related_name="eoffice_tokens")
    name = models.CharField(_("hệ thống gửi"), max_length=255, help_text=_("Ví dụ: Hệ thống quản lý văn bản và điều hành."))
    active = models.BooleanField(_("đang dùng"), default=True, help_text=_("Bỏ chọn để thu hồi khóa."))
    prefix = models.CharField(_("đầu khóa"), max_length=PREFIX_LENGTH, editable=False)
    digest = models.CharField(max_length=64, editable=False, unique=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, editable=False)

    class Meta:
        verbose_name = _("khóa kết nối quản lý văn bản")
        verbose_name_plural = _("khóa kết nối quản lý văn bản")
        constraints = [models.UniqueConstraint(fields=["agency"], condition=Q(active=True),
                                               name="eoffice_one_active_token_per_agency")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def new_key(self):
        """A new secret for this token: the caller shows it once; only its hash is kept."""
        key = secrets.token_urlsafe(32)
        self.prefix, self.digest = key[:PREFIX_LENGTH], key_hash(key)
        return key


register_scoped_model(EOfficeToken, "agency")
