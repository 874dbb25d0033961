"""Portal hostnames. Real domains follow Decree 43/2011 Art. 6; development names are free."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEVELOPMENT_SUFFIXES = (".localhost", ".test", ".example", ".invalid", ".internal", ".local")
LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
GOV_SUFFIX = ".gov.vn"


def validate_hostname(hostname):
    """Raise ValidationError unless hostname is well-formed and, if real, under .gov.vn (Art. 6)."""
    if not hostname or len(hostname) > 253:
        raise ValidationError(_("Tên miền không hợp lệ."))
    labels = hostname.split(".")
    if not all(LABEL.match(label) for label in labels):
        raise ValidationError(
            _("Tên miền “%(hostname)s” chỉ được dùng chữ thường không dấu, chữ số và dấu gạch ngang.")
            % {"hostname": hostname}
        )
    if hostname == "localhost" or hostname.endswith(DEVELOPMENT_SUFFIXES):
        return
    if not hostname.endswith(GOV_SUFFIX):
        raise ValidationError(
            _("Tên miền của cổng thông tin cơ quan nhà nước phải thuộc .gov.vn (Nghị định 43/2011, Điều 6).")
        )
    # tentinh.gov.vn (province) or tencoquan.tentinh.gov.vn (department, district, commune)
    if len(labels) not in (3, 4):
        raise ValidationError(
            _("Tên miền phải có dạng tentinh.gov.vn hoặc tencoquan.tentinh.gov.vn (Nghị định 43/2011, Điều 6).")
        )
