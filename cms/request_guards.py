"""Requests carrying NUL characters are refused with 400 before any view runs.

PostgreSQL cannot store or compare text containing NUL (0x00): a lookup such as
`Sector.objects.get(code="\\x00")` raises a database error, which would surface as a 500 and
abort the transaction. No legitimate form or API parameter contains NUL, so one guard here
covers every view, present and future.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(query_dict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or _has_nul(request.GET) or (
            request.method == "POST" and request.content_type == "application/x-www-form-urlencoded" and _has_nul(request.POST)
        ):
            message = _("Yêu cầu chứa ký tự không hợp lệ (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(message)
        return self.get_response(request)
