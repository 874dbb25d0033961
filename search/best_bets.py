"""Best bets: results that a portal's approvers (or a province administrator) pin first for some
queries. A best bet names its result by the address citizens see; the address is resolved once, on
save, through Wagtail's own routing to a page or to a record shown on that portal, so a pinned
result keeps working when its title changes and disappears while it is unpublished."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.registry import record_types
from cms.core.text import fold
from search.models import PAGE, BestBet


def resolve(portal, address):
    """(kind, object id) of what the portal shows at `address`; ValidationError when nothing is."""
    parts = urlsplit(address.strip())
    if parts.hostname and parts.hostname.lower() != portal.site.hostname.lower():
        raise ValidationError(_("Địa chỉ phải thuộc cổng %(host)s.") % {"host": portal.site.hostname})
    components = [component for component in parts.path.split("/") if component]
    try:
        page, args, _kwargs = portal.site.root_page.specific.route(HttpRequest(), components)
    except Http404:
        raise ValidationError(_("Cổng không có trang nào ở địa chỉ này.")) from None
    view_kwargs = args[2] if len(args) == 3 and isinstance(args[2], dict) else {}
    if "pk" not in view_kwargs:
        return PAGE, page.pk
    return _record_at(portal, type(page), view_kwargs["pk"])


def _record_at(portal, listing_model, pk):
    for rtype in record_types():
        if rtype.search is not None and rtype.listing_page_model is listing_model:
            shown = rtype.model.objects.live().filter(rtype.shown_on(portal.agency), pk=pk)
            if shown.exists():
                return rtype.key, pk
    raise ValidationError(_("Cổng không hiển thị văn bản hay thủ tục nào ở địa chỉ này."))


def pinned(params):
    """[(kind, object id)] pinned for the query on the portal serving the search (or, in the API,
    the portal it is limited to), on the first page only."""
    portal = params.here or params.portal
    if portal is None or params.page != 1 or not params.q.strip():
        return []
    query = fold(params.q)
    current = Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate())
    return [(bet.target_kind, bet.target_id)
            for bet in BestBet.objects.filter(current, portal=portal) if query in bet.keys()]
