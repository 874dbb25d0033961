"""E-mail subscriptions (models/subscriptions.py): what a subscription matches, the links in its
messages, and the messages the background worker sends.

- Double opt-in: a new subscription gets one confirmation message; nothing else is sent until its
  link is followed. An address gets at most CONFIRMATIONS_PER_DAY confirmation messages a day, so
  the form cannot be used to flood someone's mailbox.
- Every message carries a one-click unsubscribe link, also as List-Unsubscribe headers (RFC 8058):
  following it deletes the subscription and what was sent to it.
- An address receives at most MESSAGES_PER_DAY messages a day over all its subscriptions; what is
  held back is sent with the next message, never lost.
- The same query is served as an Atom feed (views.subscription_feed).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.core.registry import record_type
from cms.documents.models import LegalDocument
from cms.engagement.models.subscriptions import Delivery, Frequency, Subscription, Topic
from cms.pages.models import NewsArticlePage
from cms.procedures.models import Procedure

CONFIRMATIONS_PER_DAY = 3
MESSAGES_PER_DAY = 10
ITEMS_PER_MESSAGE = 30
CONFIRM_DAYS = 7
DAY = datetime.timedelta(days=1)
CONFIRM_SALT = "cong.subscriptions.confirm"
UNSUBSCRIBE = signing.Signer(salt="cong.subscriptions.unsubscribe")


# -- what a subscription matches ---------------------------------------------------------------

def matching(portal, topic, sector=None, document_type=None):
    """The live items of `topic` the portal shows, newest first, narrowed to a sector or a type."""
    if topic == Topic.NEWS:
        return NewsArticlePage.objects.live().descendant_of(portal.site.root_page).order_by("-first_published_at")
    if topic == Topic.DOCUMENTS:
        items = LegalDocument.objects.filter(record_type("document").shown_on(portal.agency), live=True)
        items = items.filter(sectors=sector) if sector else items
        items = items.filter(document_type=document_type) if document_type else items
    else:
        items = Procedure.objects.filter(record_type("procedure").shown_on(portal.agency), live=True)
        items = items.filter(sector=sector) if sector else items
    return items.order_by("-first_published_at")


def new_items(subscription, until):
    """Items first published after what was sent and up to `until`, oldest first."""
    items = matching(subscription.portal, subscription.topic, subscription.sector, subscription.document_type)
    items = items.filter(first_published_at__gt=subscription.sent_until, first_published_at__lte=until)
    return list(items.order_by("first_published_at")[:ITEMS_PER_MESSAGE])


def item_title(item):
    return item.title if isinstance(item, NewsArticlePage) else str(item) if isinstance(item, LegalDocument) else item.name


def item_urls(portal, items):
    """{item: its address on the portal} for items of one topic: a record's detail page under the
    portal's list of its type, found once for all of them."""
    base = portal.site.root_url
    if not items or isinstance(items[0], NewsArticlePage):
        return {item: base + item.get_url(request=None, current_site=portal.site) for item in items}
    listing = record_type("document" if isinstance(items[0], LegalDocument) else "procedure").listing_page_model
    index = listing.objects.live().descendant_of(portal.site.root_page).first()
    return {item: base + (index.url_for(item) if index else "/") for item in items}


# -- links ----------------------------------------------------------------------------------

def confirm_token(subscription):
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT)


def confirmed_subscription(token):
    """The unconfirmed subscription a confirmation link names, or None (forged, expired, gone)."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * DAY)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(pk=pk).first()


def unsubscribe_token(subscription):
    return UNSUBSCRIBE.sign(str(subscription.pk))


def unsubscribed_subscription(token):
    try:
        pk = UNSUBSCRIBE.unsign(token)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(pk=pk).first()


def absolute(subscription, view_name, token):
    return subscription.portal.site.root_url + reverse(view_name, args=[token])


# -- subscribing --------------------------------------------------------------------------------

def may_ask_confirmation(email):
    recent = Subscription.objects.filter(email__iexact=email, created_at__gte=timezone.now() - DAY)
    return recent.count() < CONFIRMATIONS_PER_DAY


def confirm(subscription):
    """Start sending: from now on, what is published is sent."""
    if subscription.confirmed_at is None:
        subscription.confirmed_at = subscription.sent_until = timezone.now()
        subscription.save(update_fields=["confirmed_at", "sent_until"])


@task(backend=settings.JOBS_BACKEND)
def send_confirmation(subscription_id):
    """The confirmation message of a new subscription, sent by the background worker."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).select_related(
        "portal__site", "portal__agency").first()
    if subscription is not None:
        link = absolute(subscription, "subscription_confirm", confirm_token(subscription))
        _send(subscription, _("Xác nhận đăng ký nhận tin"), "engagement/mail/confirm.txt", {"confirm_url": link})


# -- sending ----------------------------------------------------------------------------------------

def send_due(now=None):
    """Send every confirmed subscription what it is due: new items at once, or the day's digest once a
    day; the number of messages sent."""
    now = now or timezone.now()
    sent = 0
    for subscription in Subscription.objects.filter(confirmed_at__isnull=False).select_related(
            "portal__site", "portal__agency", "sector", "document_type"):
        if _is_due(subscription, now) and _under_daily_limit(subscription.email, now):
            sent += _send_new_items(subscription, now)
    return sent


def _is_due(subscription, now):
    return subscription.frequency == Frequency.IMMEDIATE or now - subscription.sent_until >= DAY


def _under_daily_limit(email, now):
    return Delivery.objects.filter(email__iexact=email, sent_at__gte=now - DAY).count() < MESSAGES_PER_DAY


def _send_new_items(subscription, now):
    items = new_items(subscription, now)
    if not items:
        if subscription.frequency == Frequency.DAILY:
            _move_on(subscription, now)
        return 0
    urls = item_urls(subscription.portal, items)
    entries = [(item_title(item), urls[item]) for item in items]
    subject = _("%(count)d tin mới: %(topic)s — %(portal)s") % {
        "count": len(items), "topic": subscription.get_topic_display(), "portal": subscription.portal.agency.name}
    _send(subscription, subject, "engagement/mail/items.txt", {"entries": entries})
    Delivery.objects.create(subscription=subscription, email=subscription.email, items=len(items))
    full = len(items) == ITEMS_PER_MESSAGE  # more are waiting: continue after the last one sent
    _move_on(subscription, max(item.first_published_at for item in items) if full else now)
    return 1


def _move_on(subscription, until):
    subscription.sent_until = until
    subscription.save(update_fields=["sent_until"])


def _send(subscription, subject, template, context):
    unsubscribe = absolute(subscription, "subscription_unsubscribe", unsubscribe_token(subscription))
    with translation.override("vi"):
        body = render_to_string(template, {**context, "subscription": subscription, "unsubscribe_url": unsubscribe})
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email], headers={
        "List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    })
    message.send()
