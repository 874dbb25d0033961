"""Which objects a user may see and change: permissions follow the agency.

Django's model permissions say *what* a user may do with a kind of object; this module says *which*
objects: those belonging to an agency in the subtree of a portal in whose page tree the user's
groups hold permissions (each portal's editors, approvers and editorial board hold theirs on its
home page). Province administrators (superusers and members of the group
"Quản trị cấp tỉnh") manage every agency.

Each scoped model has one AgencyPermissionPolicy, registered with Wagtail's policy registry
through cms.core.registry. Admin listings, choosers, object views, bulk actions, reports and the
APIs take their querysets and answers from it; URL checks (cms.core.middleware) are a backstop.
Pages keep Wagtail's page permissions (each portal's groups hold them on its own tree);
`portal_page_roots` tells the admin's page choosers and reports which trees a user works in.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import DraftStateMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from cms.core.models import Agency, Portal, agency_of

# Actions that also reach other agencies' published instances: their live content is public.
PUBLIC_ACTIONS = {"choose"}
ANY_MODEL_ACTION = ["add", "change", "delete", "view", "publish"]


def is_province_admin(user):
    return user.is_authenticated and user.is_active and managed_agency_ids(user) is None


def managed_agency_ids(user):
    """Ids of the agencies whose objects the user manages; None means every agency."""
    return Agency.objects.managed_ids(user)


def manages_agency(user, agency_id):
    scope = managed_agency_ids(user)
    return scope is None or agency_id in scope


def managed_agencies(user, agencies=None):
    agencies = Agency.objects.all() if agencies is None else agencies
    scope = managed_agency_ids(user)
    return agencies if scope is None else agencies.filter(pk__in=scope)


def portal_page_roots(user):
    """Root pages of the portals the user works on; None means every portal."""
    if is_province_admin(user):
        return None
    if not (user.is_authenticated and user.is_active):
        return []
    return [portal.site.root_page for portal in Portal.objects.member_portals(user).select_related("site__root_page")]


class AgencyPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the instances of the agencies the user manages.

    Choosing (the "choose" action of Wagtail's choosers) needs any permission on the model and also
    offers other agencies' live instances when the model has drafts: what is live is public, and a
    procedure of one portal may cite another's published decision.
    """

    def __init__(self, model, agency_field):
        super().__init__(model)
        self.agency_field = agency_field

    def _visible_q(self, user, actions):
        """None for every instance, else a Q of the instances the user may act on."""
        scope = managed_agency_ids(user)
        if scope is None:
            return None
        query = Q(**{f"{self.agency_field}__in": scope})
        if set(actions) & PUBLIC_ACTIONS and issubclass(self.model, DraftStateMixin):
            query |= Q(live=True)
        return query

    def user_has_permission(self, user, action):
        if action in PUBLIC_ACTIONS:
            return super().user_has_any_permission(user, ANY_MODEL_ACTION)
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        agency = agency_of(instance)
        if manages_agency(user, agency.pk if agency else None):
            return True
        return bool(set(actions) & PUBLIC_ACTIONS) and getattr(instance, "live", False) is True

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        query = self._visible_q(user, actions)
        instances = self.model._default_manager.all()
        return instances if query is None else instances.filter(query)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


def visible_instances(user, model):
    """The instances of any model the user may see in the admin, by its registered policy: pages
    the user may explore, files of the collections the user may use, scoped objects of the
    agencies the user manages (and, for choosing, others' published ones)."""
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, PagePermissionPolicy):
        return policy.explorable_instances(user)
    return policy.instances_user_has_any_permission_for(user, ANY_MODEL_ACTION + ["choose"])


def scoped_queryset(user, model, actions=ANY_MODEL_ACTION):
    """The instances of model the user may act on, from its registered policy."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, actions)


class AgencyScopedForm(WagtailAdminModelForm):
    """A form that offers only what the user may use: as owner, the agencies the user manages, or
    what leads to them (a portal, for an owner field "portal__agency"), and refuses any other on
    submit; in any choice of a scoped model (a legal basis, a decision), the instances the user may
    choose."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        owner_field = getattr(policy_registry.get_by_type(self._meta.model), "agency_field", "")
        owner_name, _sep, path_to_agency = owner_field.partition("__")
        for name, field in self.fields.items():
            if name == owner_name:
                field.queryset = self._owned(for_user, field.queryset, path_to_agency)
                field.error_messages["invalid_choice"] = _("Bạn không quản lý cơ quan này.")
            elif isinstance(getattr(field, "queryset", None), QuerySet):
                field.queryset = self._choosable(for_user, field.queryset)

    @staticmethod
    def _owned(user, queryset, path_to_agency):
        if not path_to_agency:
            return managed_agencies(user, queryset)
        return queryset.filter(**{f"{path_to_agency}__in": managed_agencies(user)})

    @staticmethod
    def _choosable(user, queryset):
        policy = policy_registry.get_by_type(queryset.model)
        if not isinstance(policy, AgencyPermissionPolicy):
            return queryset
        return queryset.filter(pk__in=policy.instances_user_has_any_permission_for(user, ["choose"]).values("pk"))
