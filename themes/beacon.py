"""The visit beacon: every public page carries a 1×1 image whose address names the page's path,
signed so that only paths this platform rendered are counted (cms.visits). Being an image, it is
loaded without JavaScript and whether the page came from the application, its page cache, nginx's
page files or a CDN; crawlers rarely load it."""

from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse

SIGNER = signing.Signer(salt="cong.visits.beacon")


def beacon_url(path):
    return reverse("visit_beacon") + "?" + urlencode({"p": SIGNER.sign(path)})


def counted_path(token):
    """The path a beacon reports, or None when its signature does not hold."""
    try:
        return SIGNER.unsign(token)
    except signing.BadSignature:
        return None
