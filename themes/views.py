"""Public views the themes add around Wagtail pages: news feeds, print and save, language and reading aids."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site
from wagtail.views import serve

from cms.core.beacons import is_robot, pixel
from cms.pages import translations
from cms.pages.models import NewsArticlePage, NewsIndexPage
from cms.visits.models import record_visit
from sites.routing import portal_of_host
from themes import beacon, reading

FEED_LENGTH = 20


def site_relative_url(page):
    return page.get_url_parts()[2]


class SectionFeedType(Rss201rev2Feed):
    """An empty section's feed dates itself from the section's last publication, not from the clock:
    the same content gives the same feed (and the same ETag)."""

    def latest_post_date(self):
        if self.items:
            return super().latest_post_date()
        return self.feed["section_published_at"] or datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


class NewsFeed(Feed):
    """RSS 2.0 feed of a news section (NewsIndexPage) of the portal serving the request.

    Feed readers read descriptions as HTML: editors' plain text goes through an autoescaping
    template (and the channel description through `escape`), so text typed as `<script>` stays text.
    """

    feed_type = SectionFeedType
    description_template = "themes/feeds/news_item_description.html"

    def get_object(self, request, section):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404
        return get_object_or_404(
            NewsIndexPage.objects.live().public(), url_path=f"{site.root_page.url_path}{section}"
        )

    def title(self, section):
        portal = section.get_portal()
        return f"{section.title} — {portal.agency.name}" if portal and portal.agency_id else section.title

    def link(self, section):
        return site_relative_url(section)

    def description(self, section):
        return escape(section.intro or _("Tin bài mới nhất của chuyên mục %(title)s") % {"title": section.title})

    def feed_extra_kwargs(self, section):
        return {"section_published_at": section.last_published_at}

    def items(self, section):
        return NewsArticlePage.objects.live().public().child_of(section).order_by("-date", "-pk")[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_link(self, article):
        return site_relative_url(article)

    def item_author_name(self, article):
        return article.author

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time(7)))


@require_GET
def article_print(request, path):
    """The page at ``path`` laid out for printing (print stylesheet on screen too), no JS needed."""
    request.article_mode = "print"
    request.article_path = "/" + path
    return serve(request, path)


@require_GET
def article_save(request, path):
    """The page at ``path`` as a self-contained HTML file to download (Decree 43/2011 Art. 15)."""
    request.article_mode = "save"
    request.article_path = "/" + path
    response = serve(request, path)
    if response.status_code == 200:
        if hasattr(response, "render"):
            response.render()
        name = path.strip("/").replace("/", "-") or "trang-chu"
        response["Content-Disposition"] = f'attachment; filename="{name}.html"'
    return response


COOKIE_SECONDS = 365 * 24 * 3600


def _back(request):
    """A redirect to the page the visitor came from (?next=, on this host), else the home."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)


@require_GET
def switch_language(request, language):
    """Go to the page's counterpart in that language (cms.pages.translations.landing), else back; the
    interface language is remembered in a cookie (a plain link, no form)."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    target = translations.landing(request, request.GET.get("next", "/"), language)
    response = HttpResponseRedirect(target) if target else _back(request)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=COOKIE_SECONDS, samesite="Lax")
    return response


@require_GET
def choose_reading_aid(request, aid):
    """Remember a reading aid (text size, contrast) in a cookie and go back (a plain link, no form)."""
    if aid not in reading.AIDS:
        raise Http404
    response = _back(request)
    value = reading.choose(request, aid)
    if value:
        response.set_cookie(reading.COOKIE, value, max_age=COOKIE_SECONDS, samesite="Lax")
    else:
        response.delete_cookie(reading.COOKIE, samesite="Lax")
    return response


@require_GET
def visit_beacon(request):
    """Count one view of the page whose signed path the beacon carries (themes.beacon)."""
    path = beacon.counted_path(request.GET.get("p", ""))
    if path is None:
        return HttpResponseBadRequest(_("Liên kết đếm lượt xem không hợp lệ."), content_type="text/plain; charset=utf-8")
    portal_id = portal_of_host(split_domain_port(request.get_host())[0])
    if portal_id is not None and not is_robot(request):
        record_visit(portal_id, path)
    return pixel()
