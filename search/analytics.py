"""Query analytics without personal data, to feed synonyms and best bets: per portal and day, each
query's searches, searches that found nothing, and results opened.

Counting survives the page cache: the results page carries a signed beacon image naming the query
and whether anything was found (as the visit beacon does, themes.beacon), and each result links
through a signed redirect that counts the click. No address, cookie or browser is stored; e-mail
addresses and long digit runs (phone, identity card and tax numbers) are masked in the query."""

import re
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from cms.core.counters import increment
from search.models import QueryDay

SIGNER = signing.Signer(salt="cong.search.analytics")
QUERY_LENGTH = QueryDay._meta.get_field("query").max_length
PERSONAL = [
    (re.compile(r"\S+@\S+"), "[e-mail]"),
    (re.compile(r"(?:\d[ .-]?){8,}\d"), "[số]"),  # nine digits or more: a phone, identity card or tax number
]


def anonymised(query):
    """The query as stored: lower case, single spaces, personal numbers and addresses masked."""
    text = " ".join(query.lower().split())
    for pattern, mark in PERSONAL:
        text = pattern.sub(mark, text)
    return text[:QUERY_LENGTH]


def beacon_url(query, found):
    return reverse("search:beacon") + "?" + urlencode({"t": SIGNER.sign_object([anonymised(query), bool(found)])})


def click_url(query, url):
    return reverse("search:open") + "?" + urlencode({"t": SIGNER.sign_object([anonymised(query), url])})


def unsigned(token):
    """What a beacon or click link carries, or None when its signature does not hold."""
    try:
        return SIGNER.unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None


def record_search(portal_id, query, found):
    key = {"portal_id": portal_id, "day": timezone.localdate(), "query": query}
    increment(QueryDay, key, searches=1, empty=0 if found else 1)


def record_click(portal_id, query):
    increment(QueryDay, {"portal_id": portal_id, "day": timezone.localdate(), "query": query}, clicks=1)


def query_report(portals, since, limit=50):
    """[(query, searches, empty, clicks)] of the portals since a day, most searched first; and the
    same for the queries that found nothing."""
    rows = (QueryDay.objects.filter(portal__in=portals, day__gte=since).values("query")
            .annotate(searches=Sum("searches"), empty=Sum("empty"), clicks=Sum("clicks")))
    top = list(rows.order_by("-searches", "query")[:limit])
    nothing_found = list(rows.filter(empty__gt=0).order_by("-empty", "query")[:limit])
    return top, nothing_found


def total_row(portals, since):
    totals = QueryDay.objects.filter(portal__in=portals, day__gte=since).aggregate(
        searches=Sum("searches"), empty=Sum("empty"), clicks=Sum("clicks"))
    return {name: value or 0 for name, value in totals.items()}
