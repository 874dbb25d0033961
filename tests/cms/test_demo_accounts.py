"""Demo accounts: an editor and an approver for a few portals, in the embedded install only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.factories import COMMUNE, JUSTICE


@pytest.mark.django_db
def test_each_portal_gets_an_editor_and_an_approver_in_its_own_groups(province, settings):
    settings.EMBEDDED = True
    for _run in range(2):  # safe to re-run
        call_command("demo_accounts", "--password", "thu-nghiem-123", "--hostname", JUSTICE, "--hostname", COMMUNE)
    users = {user.username: user for user in get_user_model().objects.filter(username__contains="-")}
    justice, commune = province["portals"]["justice"], province["portals"]["commune"]
    assert set(users) >= {"bientap-stp", "duyet-stp", "bientap-tanlap", "duyet-tanlap"}
    assert list(users["bientap-stp"].groups.all()) == [justice.editors_group]
    assert list(users["duyet-tanlap"].groups.all()) == [commune.approvers_group]
    assert not users["bientap-stp"].is_superuser and not users["bientap-stp"].is_staff
    assert users["bientap-stp"].check_password("thu-nghiem-123")


@pytest.mark.django_db
def test_a_deployment_gets_no_demo_accounts(province, settings):
    settings.EMBEDDED = False
    with pytest.raises(CommandError):
        call_command("demo_accounts", "--password", "thu-nghiem-123", "--hostname", JUSTICE)
    assert not get_user_model().objects.filter(username="bientap-stp").exists()
