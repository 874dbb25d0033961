from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

CODE_WIDGET = forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"})


def _code(value):
    return "".join(value.split())


class SetupForm(forms.Form):
    """The first code from the authenticator app: proves the app holds the new key."""

    token = forms.CharField(label=_("Mã 6 chữ số trong ứng dụng xác thực"), max_length=16, widget=CODE_WIDGET)

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        if not self.device.verify_token(_code(self.cleaned_data["token"])):
            raise ValidationError(_("Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị trong ứng dụng."))
        return self.cleaned_data["token"]


class VerifyForm(forms.Form):
    """A code from the authenticator app or one of the recovery codes (each works once)."""

    token = forms.CharField(label=_("Mã xác thực hoặc mã dự phòng"), max_length=16, widget=CODE_WIDGET)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_token(self):
        self.device = match_token(self.user, _code(self.cleaned_data["token"]))
        if self.device is None:
            raise ValidationError(_("Mã không đúng, đã dùng hoặc đã hết hạn."))
        return self.cleaned_data["token"]


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form with its password field labelled: Wagtail leaves the label to Django,
    which writes the field's name ("Password"), never translated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
