"""The moderation permissions a portal's groups get; which items they moderate is decided by the
items' permission policies (registered in cms/engagement/models.py)."""

from django.contrib.auth.models import Permission

MODERATION_PERMISSIONS = ["view_question", "change_question", "view_draftcomment", "change_draftcomment", "view_rating"]


def grant_portal_permissions(portal):
    permissions = Permission.objects.filter(content_type__app_label="engagement", codename__in=MODERATION_PERMISSIONS)
    for group in (portal.editors_group, portal.approvers_group):
        if group is not None:
            group.permissions.add(*permissions)
