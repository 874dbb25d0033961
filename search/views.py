"""The search page (/tim-kiem/); the JSON answer of the same form and service is the public API's
/api/v1/search/ (cms.api), with the API's validation and throttle."""

from django.shortcuts import render
from wagtail.models import Site

from search.forms import SearchForm
from search.query import search
from cms.core.models import Portal


def current_portal(request):
    site = Site.find_for_request(request)
    return Portal.objects.select_related("agency", "site").filter(site=site).first() if site else None


def search_page(request):
    portal = current_portal(request)
    form = SearchForm(request.GET, portal=portal)
    results = search(form.params()) if form.is_valid() else None
    context = {
        "form": form, "results": results, "search_portal": portal,
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
