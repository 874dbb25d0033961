"""The manuals as admin help pages and as PDF downloads, each to the users it is written for."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.help.manuals import MANUALS, admin_html, cached_pdf


def readable_manual(request, slug):
    manual = MANUALS.get(slug)
    if manual is None or not manual.readable_by(request.user):
        raise Http404
    return manual


def index(request):
    manuals = [manual for manual in MANUALS.values() if manual.readable_by(request.user)]
    return TemplateResponse(request, "help/index.html", {"manuals": manuals, "page_title": _("Hướng dẫn")})


def manual_page(request, slug):
    manual = readable_manual(request, slug)
    body, toc = admin_html(manual, manual.source.stat().st_mtime)
    return TemplateResponse(request, "help/manual.html", {
        "manual": manual, "body": body, "toc": toc, "page_title": manual.title,
    })


def manual_pdf(request, slug):
    manual = readable_manual(request, slug)
    response = HttpResponse(cached_pdf(manual, manual.source.stat().st_mtime), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{manual.slug}.pdf"'
    return response
