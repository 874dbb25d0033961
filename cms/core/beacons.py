"""What the counting beacons share (the visit beacon, themes.beacon; the search beacon,
search.analytics): the image they answer with, and the robots they do not count."""

import re

from django.http import HttpResponse

ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python|java/|headless", re.IGNORECASE)
# A transparent 1×1 GIF.
PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


def is_robot(request):
    user_agent = request.headers.get("User-Agent", "")
    return not user_agent or bool(ROBOTS.search(user_agent))


def pixel():
    """The beacon's answer: never stored by a cache, so the next load counts again."""
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response
