"""Which engagement items a user moderates: those of the portals whose groups they belong to."""

from django.contrib.auth.models import Permission

from sites.permissions import managed_agency_ids

MODERATION_PERMISSIONS = ["view_question", "change_question", "view_draftcomment", "change_draftcomment", "view_rating"]


def grant_portal_permissions(portal):
    permissions = Permission.objects.filter(content_type__app_label="engagement", codename__in=MODERATION_PERMISSIONS)
    for group in (portal.editors_group, portal.approvers_group):
        if group is not None:
            group.permissions.add(*permissions)


def scope_to_portals(queryset, user, portal_field="portal"):
    """Items of portals whose agency the user manages (all for province administrators)."""
    scope = managed_agency_ids(user)
    return queryset if scope is None else queryset.filter(**{f"{portal_field}__agency__in": scope})
