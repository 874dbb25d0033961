"""Public forms: plain text only (markup refused, never stored), bounded sizes, a honeypot."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.engagement.models.records import DraftComment, Question, RatingLevel
from cms.engagement.models.subscriptions import Subscription, Topic

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?\w+;")


def no_markup(value):
    if MARKUP.search(value or ""):
        raise ValidationError(_("Nội dung không được chứa mã HTML hoặc thẻ định dạng. Vui lòng nhập văn bản thuần."))


def phone_number(value):
    if value and not re.fullmatch(r"[0-9 +().-]{6,20}", value):
        raise ValidationError(_("Số điện thoại không hợp lệ."))


class HoneypotMixin(forms.Form):
    # Hidden from people by CSS and aria-hidden; robots that fill every field are refused.
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Không thể gửi nội dung này."))
        return ""


class QuestionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["name", "email", "phone", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["name", "phone", "subject", "body"]:
            self.fields[name].validators.append(no_markup)
        self.fields["phone"].validators.append(phone_number)


class CommentForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = DraftComment
        fields = ["name", "email", "organisation", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["name", "organisation", "body"]:
            self.fields[name].validators.append(no_markup)


class TrackForm(forms.Form):
    code = forms.RegexField(label=_("Mã tra cứu"), regex=r"^[A-Za-z0-9]{10}$", max_length=12,
                            error_messages={"invalid": _("Mã tra cứu gồm 10 chữ cái và chữ số.")})


class RatingForm(HoneypotMixin):
    level = forms.ChoiceField(label=_("Mức độ hài lòng"), choices=RatingLevel.choices, widget=forms.RadioSelect)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    procedure = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("page") and not data.get("procedure"):
            raise ValidationError(_("Không xác định được trang hoặc dịch vụ được đánh giá."))
        return data


class SubscriptionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Subscription
        fields = ["email", "topic", "sector", "document_type", "frequency"]
        widgets = {"topic": forms.RadioSelect, "frequency": forms.RadioSelect}
        help_texts = {"document_type": _("Chỉ áp dụng khi nhận tin về văn bản.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["sector"].empty_label = self.fields["document_type"].empty_label = _("Tất cả")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("document_type") and cleaned.get("topic") != Topic.DOCUMENTS:
            self.add_error("document_type", _("Loại văn bản chỉ dùng khi nhận tin về văn bản."))
        if cleaned.get("sector") and cleaned.get("topic") == Topic.NEWS:
            self.add_error("sector", _("Tin tức không chia theo lĩnh vực; hãy chọn “Tất cả”."))
        return cleaned


class SubscriptionFeedForm(forms.ModelForm):
    """The query of a subscription, read from a feed's address."""

    class Meta:
        model = Subscription
        fields = ["topic", "sector", "document_type"]
