"""Sign-ins, failed sign-ins and lockouts in Wagtail's audit log, against the user's account
(province administrators read them in the site history), with the client's address."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from wagtail.log_actions import log

from cms.core.clients import client_address


def _address(request):
    return client_address(request) if request is not None else ""


def _account(username):
    return get_user_model().objects.filter(username=username).first() if username else None


@receiver(user_logged_in, dispatch_uid="accounts-signed-in")
def signed_in(sender, request, user, **kwargs):
    log(instance=user, action="cong.signin", user=user, data={"address": _address(request)})


@receiver(user_login_failed, dispatch_uid="accounts-sign-in-failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    account = _account(credentials.get("username"))
    if account is not None:
        log(instance=account, action="cong.signin.failed", user=None, data={"address": _address(request)})


@receiver(user_locked_out, dispatch_uid="accounts-locked-out")
def locked_out(sender, request, username, ip_address, **kwargs):
    account = _account(username)
    if account is not None:
        log(instance=account, action="cong.signin.locked", user=None, data={"address": ip_address})
