"""Files an import names by URL (the file server of an e-office system, a national database's
download link): fetched with a time limit and a size limit, from public addresses only, unless
the host is one the installation trusts (IMPORT_TRUSTED_HOSTS, e.g. an intranet file server)."""

import ipaddress
import posixpath
import socket
from urllib.error import URLError
from urllib.parse import unquote, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 30


class DownloadRefused(ValueError):
    pass


def is_url(name):
    return urlsplit(name).scheme in ("http", "https")


def downloaded(url):
    """The file at `url` as an upload named after the URL's last path segment."""
    parts = urlsplit(url)
    if parts.hostname not in settings.IMPORT_TRUSTED_HOSTS and not _public(parts.hostname, parts.port):
        raise DownloadRefused(_("Không tải tệp từ địa chỉ nội bộ: %(url)s.") % {"url": url})
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    try:
        with urlopen(Request(url, headers={"User-Agent": "Cong import"}), timeout=TIMEOUT_SECONDS) as response:
            data = response.read(limit + 1)
    except (URLError, OSError) as error:
        raise DownloadRefused(_("Không tải được %(url)s: %(error)s.") % {"url": url, "error": error}) from None
    if len(data) > limit:
        raise DownloadRefused(_("Tệp quá lớn: %(url)s.") % {"url": url})
    return ContentFile(data, name=unquote(posixpath.basename(parts.path)) or "tep")


def _public(host, port):
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port or 80)}
    except (socket.gaierror, UnicodeError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)
