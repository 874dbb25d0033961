"""Every API error is JSON: {"error": message, "fields": {parameter: [messages]}}."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = {"error": _("Tham số không hợp lệ."), "fields": fields}
    else:
        response.data = {"error": str(getattr(exc, "detail", exc))}
    return response


def not_found(request, exception=None):
    """JSON 404 under /api/ (also for ids that match no route), the portal's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": _("Không tìm thấy.")}, status=404, json_dumps_params={"ensure_ascii": False})
    return page_not_found(request, exception)
