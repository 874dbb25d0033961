"""Search pages (placeholder until the query service lands): database matching over live records."""

from django.http import JsonResponse
from django.shortcuts import render

from cms.documents.models import LegalDocument


def search_page(request):
    query = request.GET.get("q", "")[:200]
    results = LegalDocument.objects.live().matching(query)[:20] if query.strip() else []
    return render(request, "search/results.html", {"query": query, "results": results})


def search_json(request):
    query = request.GET.get("q", "")[:200]
    results = LegalDocument.objects.live().matching(query)[:20] if query.strip() else []
    return JsonResponse({"query": query, "results": [{"number": d.number, "abstract": d.abstract} for d in results]})
