"""Two-factor sign-in for the admin: set up an authenticator app (TOTP) with recovery codes, and
enter a code after the password."""

from base64 import b32encode

import segno
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from cms.accounts.forms import SetupForm, VerifyForm

RECOVERY_CODES = 10


def next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("wagtailadmin_home")


def issue_recovery_codes(user):
    """A fresh set of single-use recovery codes; earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
def setup(request):
    user = request.user
    if user_has_device(user):
        return redirect(f"{reverse('accounts_two_factor_verify')}?next={next_url(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=False)
    form = SetupForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = issue_recovery_codes(user)
        otp_login(request, device)
        log(instance=user, action="cong.two_factor.enabled", user=user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url(request)})
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "next": next_url(request),
        "qr_code": segno.make(device.config_url).svg_inline(scale=4, title="otpauth"),
        "key": b32encode(device.bin_key).decode(),
    })


@never_cache
def verify(request):
    user = request.user
    if not user_has_device(user):
        return redirect(f"{reverse('accounts_two_factor_setup')}?next={next_url(request)}")
    form = VerifyForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url(request)})
