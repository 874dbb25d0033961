"""Public engagement views: ask and track a question, comment on a draft, rate a page or service."""

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import Page, Site

from cms.core.models import Portal
from cms.engagement import spam, subscriptions
from cms.engagement.forms import CommentForm, QuestionForm, RatingForm, SubscriptionFeedForm, SubscriptionForm, TrackForm
from cms.engagement.models.records import CommentStatus, Question, QuestionStatus, Rating
from cms.engagement.models.subscriptions import Topic
from cms.engagement.subscriptions import item_title, item_urls, matching, send_confirmation
from cms.pages.models import paginate
from cms.procedures.models import Procedure

FEED_ITEMS = 20
THROTTLED_MESSAGE = gettext_lazy("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.")


def _render(request, page, template, status=200, **context):
    full = page.get_context(request)
    full.update(context)
    return TemplateResponse(request, template, full, status=status)


def question_list(request, page):
    answered = Question.objects.filter(portal__site=page.get_site(), is_public=True, status=QuestionStatus.ANSWERED)
    return _render(request, page, "engagement/question_index_page.html",
                   questions=paginate(request, answered.order_by("-responded_at")), track_form=TrackForm())


def ask_question(request, page):
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if spam.is_throttled(request, "question"):
            return _render(request, page, "engagement/ask.html", status=429, form=form, throttled=THROTTLED_MESSAGE)
        if form.is_valid():
            question = form.save(commit=False)
            question.portal = page.get_portal()
            question.client_key = spam.client_key(request)
            question.save()
            log(instance=question, action="cong.question.received", data={"code": question.tracking_code})
            return _render(request, page, "engagement/asked.html", question=question)
    return _render(request, page, "engagement/ask.html", form=form)


def track_question(request, page):
    form = TrackForm(request.GET or None)
    question = None
    if form.is_valid():
        question = Question.objects.filter(
            portal__site=page.get_site(), tracking_code=form.cleaned_data["code"].upper()
        ).first()
        if question is None:
            form.add_error("code", _("Không tìm thấy câu hỏi với mã tra cứu này."))
    return _render(request, page, "engagement/track.html", form=form, question=question)


def consultation_detail(request, page):
    form = CommentForm(request.POST or None) if page.is_open else None
    status = 200
    if request.method == "POST" and form is not None:
        if spam.is_throttled(request, "comment"):
            status = 429
            messages.error(request, THROTTLED_MESSAGE)
        elif form.is_valid():
            comment = form.save(commit=False)
            comment.draft = page
            comment.portal = page.get_portal()
            comment.client_key = spam.client_key(request)
            comment.save()
            messages.success(request, _("Cảm ơn bạn đã góp ý. Góp ý sẽ được hiển thị sau khi được kiểm duyệt."))
            return redirect(page.url)
    comments = page.comments.filter(status=CommentStatus.APPROVED).order_by("created_at")
    return _render(request, page, "engagement/consultation_draft_page.html", status=status, form=form, comments=comments)


@csrf_exempt  # see below
@require_POST
def rate(request):
    """Anonymous satisfaction rating. It carries no CSRF token so that the pages holding the form
    stay in the page cache (a token would set a cookie on every one); a forged rating is no worse
    than a real anonymous one, and the honeypot and the per-IP limit bound both."""
    site = Site.find_for_request(request)
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    if spam.is_throttled(request, "rating"):
        messages.error(request, THROTTLED_MESSAGE)
        return redirect(back)
    form = RatingForm(request.POST)
    target = _rating_target(form, site) if form.is_valid() else None
    if target is None:
        messages.error(request, _("Không ghi nhận được đánh giá. Vui lòng chọn mức độ hài lòng."))
        return redirect(back)
    Rating.objects.create(site=site, level=form.cleaned_data["level"], client_key=spam.client_key(request), **target)
    messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return redirect(back)


def _rating_target(form, site):
    data = form.cleaned_data
    if data.get("procedure"):
        procedure = Procedure.objects.live().filter(pk=data["procedure"]).first()
        return {"procedure": procedure} if procedure else None
    page = Page.objects.live().filter(pk=data["page"]).first() if site else None
    if page is None or not page.path.startswith(site.root_page.path):
        return None
    return {"page": page}


# -- e-mail subscriptions (cms.engagement.subscriptions) ------------------------------------------

def _portal(request):
    portal = Portal.for_request(request) if Site.find_for_request(request) else None
    if portal is None or portal.agency is None:
        raise Http404
    return portal


def subscribe(request):
    portal = _portal(request)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST":
        if spam.is_throttled(request, "subscription"):
            return TemplateResponse(request, "engagement/subscribe.html", {"form": form, "throttled": THROTTLED_MESSAGE},
                                    status=429)
        if form.is_valid():
            if not subscriptions.may_ask_confirmation(form.cleaned_data["email"]):
                form.add_error("email", _("Địa chỉ này đã được gửi đủ thư xác nhận hôm nay. Vui lòng kiểm tra hộp thư."))
            else:
                subscription = form.save(commit=False)
                subscription.portal = portal
                subscription.save()
                transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))
                return TemplateResponse(request, "engagement/subscribed.html", {"subscription": subscription})
    return TemplateResponse(request, "engagement/subscribe.html", {"form": form})


def confirm_subscription(request, token):
    subscription = subscriptions.confirmed_subscription(token)
    if subscription is None:
        return TemplateResponse(request, "engagement/subscription_link.html", {"invalid": True}, status=404)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return TemplateResponse(request, "engagement/subscription_link.html", {"confirmed": subscription})
    return TemplateResponse(request, "engagement/subscription_link.html", {"to_confirm": subscription})


@csrf_exempt  # the signed link is the credential; mail programs post to it (List-Unsubscribe-Post)
def unsubscribe(request, token):
    subscription = subscriptions.unsubscribed_subscription(token)
    if subscription is None:
        return TemplateResponse(request, "engagement/subscription_link.html", {"gone": True})
    if request.method == "POST":
        subscription.delete()
        return TemplateResponse(request, "engagement/subscription_link.html", {"gone": True})
    return TemplateResponse(request, "engagement/subscription_link.html", {"to_unsubscribe": subscription})


class SubscriptionFeed(Feed):
    """The items a subscription would send, as an Atom feed: /nhan-tin/atom/?topic=van-ban&sector=…"""

    feed_type = Atom1Feed

    def get_object(self, request):
        form = SubscriptionFeedForm(request.GET)
        if not form.is_valid():
            raise Http404
        return _portal(request), form.cleaned_data

    def title(self, query):
        portal, data = query
        return f"{portal.agency.name} — {Topic(data['topic']).label}"

    def link(self, query):
        return reverse("subscription_subscribe")

    def items(self, query):
        portal, data = query
        items = list(matching(portal, data["topic"], data.get("sector"), data.get("document_type"))[:FEED_ITEMS])
        for item, url in item_urls(portal, items).items():
            item.feed_url = url  # on the item: one feed instance serves every request's thread
        return items

    def item_title(self, item):
        return item_title(item)

    def item_link(self, item):
        return item.feed_url

    def item_pubdate(self, item):
        return item.first_published_at
