"""Best bets are managed by each portal's approvers (which best bets, decided by the model's
permission policy: those of the portals whose agencies they manage) and by province administrators."""

BEST_BET_PERMISSIONS = ["add_bestbet", "change_bestbet", "delete_bestbet", "view_bestbet"]


def grant_best_bet_permissions(portals, permission_model):
    permissions = list(permission_model.objects.filter(content_type__app_label="portal_search",
                                                       codename__in=BEST_BET_PERMISSIONS))
    for portal in portals:
        if portal.approvers_group_id is not None:
            portal.approvers_group.permissions.add(*permissions)
