"""The visit beacon: every public page carries a 1×1 image whose address names the page's path,
signed so that only paths this platform rendered are counted (cms.visits). Being an image, it is
loaded without JavaScript and whether the page came from the application, its page cache, nginx's
page files or a CDN; crawlers rarely load it."""

import re
from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse

SIGNER = signing.Signer(salt="cong.visits.beacon")
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python|java/|headless", re.IGNORECASE)
# A transparent 1×1 GIF.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


def beacon_url(path):
    return reverse("visit_beacon") + "?" + urlencode({"p": SIGNER.sign(path)})


def counted_path(token):
    """The path a beacon reports, or None when its signature does not hold."""
    try:
        return SIGNER.unsign(token)
    except signing.BadSignature:
        return None


def is_robot(user_agent):
    return not user_agent or bool(ROBOTS.search(user_agent))
