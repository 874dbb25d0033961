"""sites.routing replaces Wagtail internals (Page._get_site_root_paths, get_url, url): on a matrix
of sites, ports, schemes, hosts and pages its URLs are Wagtail's own, but for one documented
difference: an absolute link built for a request (get_url) to a site on the default port keeps the
scheme and port the visitor uses (cms.core.models.served_root_url).
"""

import inspect
from contextlib import contextmanager

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from cms.core.models import served_root_url
from cms.pages.translations import locale_of
from sites.routing import WAGTAIL_ORIGINALS, wagtail_site_root_paths
from tests.factories import make_document


@contextmanager
def wagtail_routing():
    """Wagtail's own URL machinery, for a moment."""
    ours = {name: inspect.getattr_static(Page, name) for name in WAGTAIL_ORIGINALS}
    for name, original in WAGTAIL_ORIGINALS.items():
        setattr(Page, name, original)
    try:
        yield
    finally:
        for name, replacement in ours.items():
            setattr(Page, name, replacement)


def served(url, request):
    """Wagtail's URL with the visitor's scheme and port, the one difference allowed."""
    if request is None or not url or url.startswith("/"):
        return url
    scheme_host, _sep, rest = url.partition("://")[2].partition("/")
    return served_root_url(url[: url.index("://") + 3] + scheme_host, request) + "/" + rest


@pytest.fixture
def matrix(province):
    justice = province["portals"]["justice"].site
    section = justice.root_page.get_children().get(slug="gioi-thieu")
    # A second site on another port whose root is a section of the justice portal.
    Site.objects.create(hostname="gioithieu.thunghiem.localhost", port=8080, root_page=section, site_name="Giới thiệu")
    pages = list(Page.objects.descendant_of(justice.root_page, inclusive=True)) + [
        province["portals"]["health"].site.root_page
    ]
    factory = RequestFactory()
    hosts = [justice.hostname, "syt.thunghiem.localhost", "gioithieu.thunghiem.localhost:8080",
             f"{justice.hostname}:8000", "unknown.localhost"]
    requests = [None] + [factory.get("/", HTTP_HOST=host) for host in hosts] + [
        factory.get("/", HTTP_HOST=justice.hostname, secure=True)
    ]
    return pages, requests, list(Site.objects.all())


def urls_of(page, request, sites):
    """Everything a template or the admin asks a page for."""
    return {
        "url_parts": Page.get_url_parts(page, request),
        "url": page.url,
        "get_url": page.get_url(request),
        "full_url": page.get_full_url(request),
        **{f"get_url@{site.pk}": page.get_url(request, current_site=site) for site in sites},
    }


@pytest.mark.django_db
def test_page_urls_are_wagtails_with_the_visitors_scheme_and_port(matrix, settings):
    settings.ALLOWED_HOSTS = ["*"]
    pages, requests, sites = matrix
    compared = 0
    for request in requests:
        for base_page in pages:
            for page in (base_page, base_page.specific):
                ours = urls_of(page, request, sites)
                with wagtail_routing():
                    wagtails = urls_of(page, request, sites)
                links = {key: served(value, request) for key, value in wagtails.items() if key.startswith("get_url")}
                expected = {**wagtails, **links}
                assert ours == expected, (page.url_path, request and request.get_host())
                compared += 1
    assert compared >= 200


@pytest.mark.django_db
def test_portal_pages_keep_the_port_the_visitor_uses(province):
    request = RequestFactory().get("/", HTTP_HOST="thunghiem.localhost:8000")
    justice_home = province["portals"]["justice"].site.root_page.specific
    assert justice_home.get_url(request) == "http://stp.thunghiem.localhost:8000/"
    with wagtail_routing():
        assert justice_home.get_url(request) == "http://stp.thunghiem.localhost/"


@pytest.mark.django_db
def test_record_links_on_a_home_page_work_on_the_port_it_is_served_on(client, province, taxonomy):
    document = make_document(province["justice"], taxonomy["decision"], "21/2025/QĐ-STP")
    html = client.get("/", HTTP_HOST="stp.thunghiem.localhost:8000").content.decode()
    assert f'href="/van-ban/{document.pk}/"' in html
    province_html = client.get("/", HTTP_HOST="thunghiem.localhost:8000").content.decode()
    assert f'href="/van-ban/{document.pk}/"' in province_html  # the province lists every record itself


@pytest.mark.django_db
def test_site_root_paths_are_wagtails_in_two_queries(matrix, province, django_assert_num_queries):
    """Wagtail reads each site's home page translations with one query per site; ours with two in
    all, the same list, translated home pages included (made here the way Wagtail makes them)."""
    home = province["portals"]["health"].site.root_page
    home.copy_for_translation(locale_of("en")).save()
    Site.clear_site_root_paths_cache()
    with django_assert_num_queries(2):
        ours = wagtail_site_root_paths()
    assert ours == Site.get_site_root_paths() and len(ours) == len(Site.objects.all()) + 1
