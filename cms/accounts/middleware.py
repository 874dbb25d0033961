from functools import cache as memoize
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from cms.accounts.policy import two_factor_required


@memoize
def admin_prefix():
    return reverse("wagtailadmin_home")


@memoize
def open_paths():
    """What an admin user who still owes a second factor may reach: the two-factor screens, signing
    in and out, and what every admin page loads (the icon sprite, the translations catalogue)."""
    names = ("accounts_two_factor_setup", "accounts_two_factor_verify", "wagtailadmin_logout", "wagtailadmin_login",
             "wagtailadmin_sprite", "wagtailadmin_javascript_catalog")
    return tuple(reverse(name) for name in names)


class TwoFactorMiddleware:
    """Until a user who must sign in with a second factor has entered one in this session, every
    admin URL redirects to entering a code (or to setting up the authenticator app)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._owes_second_factor(request):
            name = "accounts_two_factor_verify" if user_has_device(request.user) else "accounts_two_factor_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _owes_second_factor(self, request):
        user = request.user
        return (request.path.startswith(admin_prefix()) and not request.path.startswith(open_paths())
                and user.is_authenticated and not user.is_verified() and two_factor_required(user))
