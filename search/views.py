"""The search page (/tim-kiem/); the JSON answer of the same form and service is the public API's
/api/v1/search/ (cms.api), with the API's validation and throttle."""

from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.http.request import split_domain_port
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from cms.core.beacons import is_robot, pixel
from cms.core.models import Portal
from search import analytics
from search.forms import SearchForm
from search.query import search
from sites.routing import portal_of_host


def current_portal(request):
    site = Site.find_for_request(request)
    return Portal.objects.select_related("agency", "site").filter(site=site).first() if site else None


def search_page(request):
    portal = current_portal(request)
    form = SearchForm(request.GET, portal=portal)
    results = search(form.params()) if form.is_valid() else None
    context = {
        "form": form, "results": results, "search_portal": portal, **_counting(form, results),
        "all_scope": form.is_valid() and form.cleaned_data["scope"] is None,
        "facets": _facet_links(request, results) if results else [],
        "page_links": _page_links(request, results) if results else {},
    }
    return render(request, "search/results.html", context, status=200 if results is not None else 400)


def _link(request, **changes):
    """The current search URL with some parameters changed (None removes one) and page reset."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return "?" + query.urlencode()


def _facet_links(request, results):
    """[(facet, [(value, href, selected)])]: a link adds the filter, or removes it if selected."""
    facets = []
    for facet in results.facets:
        chosen = request.GET.get(facet.name, "")
        values = [
            (value, _link(request, **{facet.name: None if value.value == chosen else value.value}), value.value == chosen)
            for value in facet.values
        ]
        facets.append((facet, values))
    return facets


def _page_links(request, results):
    links = {"current": results.page, "pages": results.pages}
    if results.page > 1:
        links["previous"] = _link(request, page=str(results.page - 1))
    if results.page < results.pages:
        links["next"] = _link(request, page=str(results.page + 1))
    return links


def _counting(form, results):
    """The results' links through the click counter, and the search beacon for a new query (its
    first page, no filter chosen yet): search.analytics."""
    if not results or not results.query.strip():
        return {"hits": [(hit, hit.url) for hit in results.hits] if results else [], "best_bets": []}
    query = results.query
    new_query = results.page == 1 and not any(value for name, value in form.cleaned_data.items()
                                               if name not in ("q", "scope", "page", "per_page", "sort"))
    return {
        "hits": [(hit, analytics.click_url(query, hit.url)) for hit in results.hits],
        "best_bets": [(hit, analytics.click_url(query, hit.url)) for hit in results.best_bets],
        "search_beacon": analytics.beacon_url(query, results.total + len(results.best_bets)) if new_query else None,
    }


def _portal_id(request):
    return portal_of_host(split_domain_port(request.get_host())[0])


def search_beacon(request):
    """Count one search of the query the results page's beacon names."""
    carried = analytics.unsigned(request.GET.get("t", ""))
    if carried is None:
        return HttpResponseBadRequest(_("Liên kết đếm lượt tìm không hợp lệ."), content_type="text/plain; charset=utf-8")
    portal_id = _portal_id(request)
    if portal_id is not None and not is_robot(request):
        analytics.record_search(portal_id, *carried)
    return pixel()


@never_cache
def open_result(request):
    """Count one opened result of a query, then go to it (the address is signed: no open redirect)."""
    carried = analytics.unsigned(request.GET.get("t", ""))
    if carried is None:
        return HttpResponseBadRequest(_("Liên kết kết quả tìm kiếm không hợp lệ."), content_type="text/plain; charset=utf-8")
    query, url = carried
    portal_id = _portal_id(request)
    if portal_id is not None and not is_robot(request):
        analytics.record_click(portal_id, query)
    return HttpResponseRedirect(url)
