"""Permissions follow the agency: a portal's groups manage the records of its agency subtree.

Django's model permissions say *what* a user may do with legal documents, procedures and
contacts; this module says *which ones*: those owned by an agency within the subtree of a portal
whose editors or approvers group the user belongs to. Superusers and members of the province
administrators group manage everything. Enforced in three places: the admin listings
(querysets), the edit forms (owner choices) and a middleware that guards every admin URL
carrying an object id of a scoped model, so a new admin view cannot bypass it.
"""

from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.models import Agency, Portal

PROVINCE_ADMINS_GROUP = "Quản trị cấp tỉnh"


def managed_agency_ids(user):
    """Ids of the agencies whose records the user manages, or None for all agencies."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_managed_agency_ids", False)
    if cached is not False:
        return cached
    groups = user.groups.all()
    if user.is_superuser or groups.filter(name=PROVINCE_ADMINS_GROUP).exists():
        scope = None
    else:
        agencies = Agency.objects.filter(
            pk__in=Portal.objects.filter(
                Q(editors_group__in=groups) | Q(approvers_group__in=groups) | Q(moderation__board_group__in=groups)
            ).values("agency")
        )
        prefix_filter = Q(pk__in=[])
        for path in agencies.values_list("path", flat=True):
            prefix_filter |= Q(path__startswith=path)
        scope = set(Agency.objects.filter(prefix_filter).values_list("pk", flat=True))
    user._managed_agency_ids = scope
    return scope


def user_manages_agency(user, agency_id):
    scope = managed_agency_ids(user)
    return scope is None or agency_id in scope


def scope_queryset(queryset, user, agency_field):
    scope = managed_agency_ids(user)
    return queryset if scope is None else queryset.filter(**{f"{agency_field}__in": scope})


class AgencyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to instances owned within the user's agencies."""

    def __init__(self, model, agency_field):
        super().__init__(model)
        self.agency_field = agency_field

    def _manages(self, user, instance):
        return user_manages_agency(user, getattr(instance, f"{self.agency_field}_id"))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._manages(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._manages(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scope_queryset(self.model._default_manager.all(), user, self.agency_field)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


class AgencyScopedForm(WagtailAdminModelForm):
    """Offers only the user's own agencies as owner, and refuses any other on submit."""

    agency_field = "owner_agency"

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get(self.agency_field)
        if field is not None and for_user is not None:
            field.queryset = scope_queryset(field.queryset, for_user, "pk")
            field.error_messages["invalid_choice"] = _("Bạn không quản lý cơ quan này.")


class AgencyScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing, policy and object URLs are limited to the user's agencies."""

    agency_field = "owner_agency"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        register_permission_policy(self.model, AgencyPermissionPolicy(self.model, self.agency_field))

    def on_register(self):
        from sites.middleware import register_scoped_viewset

        super().on_register()
        register_scoped_viewset(self.url_namespace, self.model, self.agency_field)

    def get_queryset(self, request):
        return scope_queryset(self.model._default_manager.all(), request.user, self.agency_field)
