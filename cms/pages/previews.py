"""Shareable previews: an editor who may edit a page makes a link to its latest draft, valid for a
few days, that anyone holding it can read without an account; the editor can revoke it. Making,
reading and revoking are written to the page's history (Wagtail's audit log).

The link's secret is random (secrets.token_urlsafe); only its SHA-256 digest is stored, so the
address is shown once, when it is made. The draft is served on the portal's own host, never cached
(Cache-Control: private, no-store) and kept out of search engines (X-Robots-Tag: noindex).
"""

import datetime
import hashlib
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.log_actions import log
from wagtail.models import Page

from cms.pages.models import PreviewLink

DAYS = [(1, gettext_lazy("1 ngày")), (3, gettext_lazy("3 ngày")), (7, gettext_lazy("7 ngày")),
        (14, gettext_lazy("14 ngày"))]


class PreviewLinkForm(forms.Form):
    days = forms.TypedChoiceField(label=gettext_lazy("Hiệu lực"), choices=DAYS, coerce=int, initial=3)


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def editable_page(request, page_id):
    """The page, if this user may edit it (the same rule as the page editor's)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def public_address(page, secret):
    site = page.get_site()
    path = reverse("page_preview", args=[secret])
    return f"{site.root_url}{path}" if site else path


def manage(request, page_id):
    """The page's open links, a form to make one, and the address of the one just made."""
    page = editable_page(request, page_id)
    form = PreviewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        secret = secrets.token_urlsafe(24)
        link = PreviewLink.objects.create(
            page=page, secret_digest=digest(secret), created_by=request.user,
            expires_at=timezone.now() + datetime.timedelta(days=form.cleaned_data["days"]))
        log(instance=page, action="cong.preview_link.create", user=request.user, data={"link": link.pk})
        request.session["preview_link_made"] = public_address(page, secret)
        return redirect("page_preview_links", page.pk)
    links = PreviewLink.objects.filter(page=page, revoked_at__isnull=True, expires_at__gt=timezone.now())
    return TemplateResponse(request, "pages/admin/preview_links.html", {
        "page": page, "form": form, "links": links, "made": request.session.pop("preview_link_made", None),
        "page_title": _("Liên kết xem trước: %(title)s") % {"title": page.get_admin_display_title()},
    })


@require_POST
def revoke(request, page_id, link_id):
    page = editable_page(request, page_id)
    link = get_object_or_404(PreviewLink, pk=link_id, page=page, revoked_at__isnull=True)
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    log(instance=page, action="cong.preview_link.revoke", user=request.user, data={"link": link.pk})
    messages.success(request, _("Đã thu hồi liên kết xem trước."))
    return redirect("page_preview_links", page.pk)


@require_GET
def serve(request, secret):
    """The page's latest draft, for whoever holds an open link; 404 for any other address."""
    link = PreviewLink.objects.filter(secret_digest=digest(secret)).select_related("page").first()
    if link is None or not link.is_open:
        raise Http404
    PreviewLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=timezone.now())
    log(instance=link.page.specific, action="cong.preview_link.view", data={"link": link.pk})
    draft = link.page.get_latest_revision_as_object()
    # Served within this request (Wagtail's make_preview_request would run the page cache again,
    # under the live page's address).
    request.is_preview, request.preview_mode = True, draft.default_preview_mode
    response = draft.serve_preview(request, draft.default_preview_mode)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
