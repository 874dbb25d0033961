"""After a change of each kind, no cached page differs from a fresh rendering, and the pages that do
not show the change stay cached.

The pages are found by following every portal's links, not listed here, so a new page, view or
relation is covered the day it appears; the changes cover each kind of object and of relation a
page may show in passing.
"""

import datetime
import html
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cms.core.generation import coalesced_bumps
from cms.core.models import AgencyKind
from cms.documents.models import DocumentRelation
from cms.notices.models import Notice
from cms.organisation.models import OfficialContact
from cms.pages.models import NewsArticlePage
from tests.factories import COMMUNE, HEALTH, JUSTICE, PROVINCE, child, gazette_issue, make_document, portal_home

HOSTS = (PROVINCE, JUSTICE, HEALTH, COMMUNE)
PAGES_PER_PORTAL = 40
NOT_PAGES = ("/static/", "/media/", "/documents/", "/admin/", "/api/", "/ngon-ngu/", "/danh-gia/")
LINK = re.compile(r'href="([^"#]+)')


def visit(client, host, url):
    """A first-time visitor's request: no cookie left by an earlier answer (a form's session)."""
    client.cookies.clear()
    return client.get(url, HTTP_HOST=host)


def crawl(client, host):
    """The anonymous HTML and XML pages reachable from the portal's home by its own links."""
    found, waiting, seen = [], ["/"], {"/"}
    while waiting and len(found) < PAGES_PER_PORTAL:
        url = waiting.pop(0)
        response = visit(client, host, url)
        if response.status_code != 200 or response.streaming:
            continue
        found.append(url)
        for link in LINK.findall(response.content.decode()):
            parts = urlsplit(html.unescape(link))
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc in ("", host) and target.startswith("/") and not target.startswith(NOT_PAGES) and target not in seen:
                seen.add(target)
                waiting.append(target)
    return found


def fresh(client, host, url):
    with override_settings(PAGE_CACHE_SECONDS=0):
        return visit(client, host, url).content


def stale_and_kept(client, pages):
    """(pages served from the cache unlike a fresh rendering, pages still served from the cache)."""
    stale, kept = [], []
    for host, url in pages:
        response = visit(client, host, url)
        if response.get("X-Page-Cache") == "hit":
            kept.append((host, url))
            if response.content != fresh(client, host, url):
                stale.append((host, url))
    return stale, kept


@pytest.fixture
def cached_pages(client, province, taxonomy, content):
    """The crawled pages of the four portals the cache keeps (a form with its token is not kept),
    cached by the crawl; the province's gazette lists the decree, a health guidance relates to it."""
    issue = gazette_issue(child(portal_home(province["portals"]["province"]), "tin-tuc"))
    issue.entries.update(document=content["decree"])
    content["guidance"] = make_document(province["health"], taxonomy["decision"], "45/2026/QĐ-SYT",
                                        abstract="Hướng dẫn đăng ký hộ tịch tại cơ sở y tế")
    DocumentRelation.objects.create(source=content["guidance"], target=content["decree"], kind="guides")
    pages = [(host, url) for host in HOSTS for url in crawl(client, host)]
    return [(host, url) for host, url in pages if visit(client, host, url).get("X-Page-Cache") == "hit"]


def publish_news(province, taxonomy, content):
    article = NewsArticlePage(title="Tin mới về hộ tịch", slug="tin-moi-ho-tich", date=datetime.date(2026, 3, 1),
                              intro="Sapo", body="<p>Nội dung.</p>", author="Lê Thị C", origin="tin-goc")
    content["news"].add_child(instance=article)
    article.save_revision().publish()


def amend_decree(province, taxonomy, content):
    """Shown in passing: the Sở's decision relates to it, the Sở's procedure cites it."""
    decree = type(content["decree"]).objects.get(pk=content["decree"].pk)
    decree.abstract = "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"
    decree.save_revision().publish()


def unrelate_decision(province, taxonomy, content):
    """The decree's page stops showing the decision once the relation is gone."""
    decision = type(content["decision"]).objects.get(pk=content["decision"].pk)
    decision.relations = []
    decision.save_revision().publish()


def delete_guidance(province, taxonomy, content):
    """Its relation goes with it: the decree's page stops showing it."""
    type(content["guidance"]).objects.get(pk=content["guidance"].pk).delete()


def rename_procedure(province, taxonomy, content):
    """Shown on the commune's portal, which implements it."""
    procedure = type(content["procedure"]).objects.get(pk=content["procedure"].pk)
    procedure.name = "Đăng ký khai sinh cho trẻ em"
    procedure.save_revision().publish()


def rename_organisation_section(province, taxonomy, content):
    """A section with pages below it: its title is in their breadcrumbs."""
    organisation = child(child(portal_home(province["portals"]["justice"]), "gioi-thieu"), "co-cau-to-chuc").specific
    organisation.title = "Tổ chức bộ máy"
    organisation.save_revision().publish()


def unpublish_leader(province, taxonomy, content):
    content["leader"].unpublish()


def concern_health(province, taxonomy, content):
    document = make_document(province["justice"], taxonomy["decision"], "31/2026/QĐ-STP", live=False,
                             abstract="Phối hợp với ngành y tế")
    document.concerned_agencies.add(province["health"])
    document.save_revision().publish()


def edit_contact(province, taxonomy, content):
    OfficialContact.objects.create(agency=province["justice"], full_name="Trần Văn E", title="Chánh Văn phòng",
                                   phone="0200 3800 000")


def unpublish_decree(province, taxonomy, content):
    """Shown in passing on three portals' pages: relations, legal basis, the gazette's entry."""
    type(content["decree"]).objects.get(pk=content["decree"].pk).unpublish()


def warn_communes_of_a_storm(province, taxonomy, content):
    """An emergency banner above every page of the province's and the commune's portals."""
    notice = Notice.objects.create(owner=province["root"], title="Cảnh báo bão số 9", emergency=True,
                                   target_kinds=[AgencyKind.COMMUNE], live=False,
                                   expire_at=timezone.now() + datetime.timedelta(hours=1))
    notice.save_revision().publish()


def notify_departments(province, taxonomy, content):
    """An ordinary notice on the home pages of the departments' portals and the province's."""
    notice = Notice.objects.create(owner=province["root"], title="Lịch tiếp công dân tháng 12", live=False,
                                   target_kinds=[AgencyKind.DEPARTMENT])
    notice.save_revision().publish()


def expire_storm_warning(province, taxonomy, content):
    Notice.objects.filter(emergency=True).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("publish_scheduled", verbosity=0)


CHANGES = [publish_news, amend_decree, unrelate_decision, delete_guidance, rename_procedure, rename_organisation_section,
           unpublish_leader, concern_health, edit_contact, unpublish_decree, warn_communes_of_a_storm,
           notify_departments, expire_storm_warning]


@pytest.mark.django_db
def test_no_cached_page_is_stale_after_any_change(client, province, taxonomy, content, cached_pages):
    """The changes run one after the other; the pages each one purged are cached again by the check."""
    stale_after, kept_after = {}, {}
    for change in CHANGES:
        change(province, taxonomy, content)
        stale, kept = stale_and_kept(client, cached_pages)
        stale_after[change.__name__], kept_after[change.__name__] = stale, len(kept)
    assert stale_after == {change.__name__: [] for change in CHANGES}
    assert all(kept_after.values()), f"a change purged every page of every portal: {kept_after}"


@pytest.mark.django_db
def test_a_change_purges_only_the_pages_showing_it(client, province, taxonomy, content, cached_pages):
    publish_news(province, taxonomy, content)
    _stale, kept = stale_and_kept(client, cached_pages)
    purged = set(cached_pages) - set(kept)
    assert {host for host, _url in purged} == {JUSTICE}, sorted(purged)
    assert {(JUSTICE, "/"), (JUSTICE, "/tin-tuc/"), (JUSTICE, "/tin-tuc/rss/")} <= purged
    assert (JUSTICE, "/van-ban/") in kept and (JUSTICE, f"/van-ban/{content['decision'].pk}/") in kept

    amend_decree(province, taxonomy, content)
    _stale, kept = stale_and_kept(client, cached_pages)
    purged = set(cached_pages) - set(kept)
    assert (JUSTICE, f"/van-ban/{content['decision'].pk}/") in purged
    assert (JUSTICE, "/tin-tuc/") in kept and (HEALTH, "/tin-tuc/") in kept


@pytest.mark.django_db
def test_a_bulk_change_purges_every_page_of_the_portals_showing_it_when_it_ends(client, province, taxonomy, content,
                                                                               cached_pages):
    """An import works out no paths: each portal showing one of its records is purged whole, once."""
    with coalesced_bumps():
        rename_procedure(province, taxonomy, content)
        unpublish_leader(province, taxonomy, content)
    stale, kept = stale_and_kept(client, cached_pages)
    purged_hosts = {host for host, _url in set(cached_pages) - set(kept)}
    assert stale == []
    assert HEALTH not in purged_hosts and COMMUNE in purged_hosts
    assert not any(host in purged_hosts for host, _url in kept)
