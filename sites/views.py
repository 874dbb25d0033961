"""Portal management in the Wagtail admin, for province administrators only."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from cms.core.admin import ProvinceAdminMenuItem, province_admins_only
from sites import reorganisation
from cms.core.models import Agency, Portal, PortalStatus
from sites.provisioning import create_portal


class CreateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.filter(portal__isnull=True))
    hostname = forms.CharField(label=_("Tên miền"), max_length=255)


class RenameForm(forms.Form):
    portal = forms.ModelChoiceField(label=_("Cổng"), queryset=Portal.objects.exclude(agency=None))
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    hostname = forms.CharField(label=_("Tên miền mới"), max_length=255, required=False)


class MergeForm(forms.Form):
    portal = forms.ModelChoiceField(label=_("Cổng nguồn"), queryset=Portal.objects.exclude(agency=None))
    target = forms.ModelChoiceField(label=_("Hợp nhất vào"), queryset=Portal.objects.filter(status=PortalStatus.ACTIVE))


class RetireForm(forms.Form):
    portal = forms.ModelChoiceField(label=_("Cổng"), queryset=Portal.objects.filter(status=PortalStatus.ACTIVE))


def _run(form, dry_run, user):
    data = form.cleaned_data
    action = form.prefix
    if action == "create":
        portal = create_portal(data["agency"], data["hostname"], user=user)
        return _("Đã tạo cổng %(name)s") % {"name": portal}
    if action == "rename":
        return reorganisation.rename(data["portal"], name=data["name"], hostname=data["hostname"], user=user,
                                     dry_run=dry_run)
    if action == "merge":
        return reorganisation.merge(data["portal"], data["target"], user=user, dry_run=dry_run)
    return reorganisation.retire(data["portal"], user=user, dry_run=dry_run)


FORMS = {"create": CreateForm, "rename": RenameForm, "merge": MergeForm, "retire": RetireForm}


def portal_operations(request):
    bound = {name: form_class(prefix=name) for name, form_class in FORMS.items()}
    outcome = None
    action = request.POST.get("action")
    if request.method == "POST" and action in FORMS:
        form = FORMS[action](request.POST, prefix=action)
        bound[action] = form
        if form.is_valid():
            try:
                outcome = _run(form, dry_run="preview" in request.POST, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if "preview" not in request.POST:
                    messages.success(request, str(outcome))
                    return redirect(PortalOperations.url_namespace + ":index")
    portals = Portal.objects.exclude(agency=None).select_related("agency", "site").order_by("agency__path")
    return TemplateResponse(request, "sites/portal_admin.html", {
        "portals": portals, "forms": bound, "outcome": outcome, "page_title": _("Quản lý cổng thông tin"),
    })


class PortalOperationsViewSet(ViewSet):
    """Create, rename, merge and retire portals (each with a preview), for province administrators."""

    name = "cong-thong-tin"
    icon = "site"
    menu_label = _("Cổng thông tin")
    menu_order = 190
    add_to_admin_menu = True
    menu_item_class = ProvinceAdminMenuItem

    def get_urlpatterns(self):
        return [path("", province_admins_only(portal_operations), name="index")]


PortalOperations = PortalOperationsViewSet()
