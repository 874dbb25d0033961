"""Vietnamese first: the interface is Vietnamese unless the visitor chose another language.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a visitor whose browser
prefers English would get an English interface on a Vietnamese government portal without asking.
Here only an explicit choice (the language cookie set by the language switch) changes it; the
admin keeps following each user's own preference (Wagtail sets it per account). A page in English
(cms.pages.translations) is shown with the English interface whatever the cookie says.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def language_for(request):
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class VietnameseFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
