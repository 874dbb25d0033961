"""Turns a publication refused by the publish gate into a message on the object's edit page.

The admin hooks refuse the editor's publish button and bulk publishing before anything happens;
this catches the other admin paths that end in a publication (workflow approval, revert), so
the user sees the rules and articles instead of a server error.
"""

from django.contrib import messages
from django.shortcuts import redirect

from cms.publishing.guard import PublishRefused
from cms.publishing.messages import refusal_message, edit_url_for


class PublishRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishRefused):
            return None
        exception.log()  # if the view's transaction was rolled back, the gate's log went with it
        messages.error(request, refusal_message(request.user, exception.object, exception.violations))
        return redirect(edit_url_for(request.user, exception.object) or "wagtailadmin_home")
