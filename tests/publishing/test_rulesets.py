"""Both rule sets load as data, every rule is complete, the province chooses one."""

import pytest

from cms.publishing.models import active_ruleset
from cms.publishing.rules import CHECKS, DEFAULT_RULESET, KINDS, available_rulesets, load_ruleset

RULESETS = ["nd43-2011", "nd42-2022", "nd224-2026"]


def test_both_rule_sets_are_available():
    assert [code for code, _title in available_rulesets()] == ["nd224-2026", "nd42-2022", "nd43-2011"]
    assert DEFAULT_RULESET == "nd43-2011"


@pytest.mark.parametrize("code", RULESETS)
def test_every_rule_is_complete_and_its_check_is_registered(code):
    ruleset = load_ruleset(code)
    assert len({rule.id for rule in ruleset.rules}) == len(ruleset.rules)
    for rule in ruleset.rules:
        assert rule.article and rule.message and rule.kind in KINDS and rule.check in CHECKS
    assert {rule.kind for rule in ruleset.rules} == set(KINDS)


def test_unconfirmed_items_keep_their_flag():
    nd43 = {rule.id: rule for rule in load_ruleset("nd43-2011").rules}
    assert nd43["nd43-a10i-han-gop-y"].unconfirmed and nd43["nd43-a10i-han-gop-y"].article_label.endswith("(?)")
    assert not nd43["nd43-a5-tac-gia-nguon"].unconfirmed
    nd42 = load_ruleset("nd42-2022")
    assert any(rule.unconfirmed for rule in nd42.rules) and not all(rule.unconfirmed for rule in nd42.rules)


def test_nd42_service_levels_are_the_two_new_levels():
    rule = load_ruleset("nd42-2022").by_check("service_levels")
    assert rule.params["allowed_with_forms"] == ["toan-trinh", "mot-phan"]


@pytest.mark.django_db
def test_province_chooses_the_rule_set(use_ruleset):
    assert active_ruleset().code == "nd43-2011"
    use_ruleset("nd42-2022")
    assert active_ruleset().code == "nd42-2022"


@pytest.mark.django_db
def test_rule_set_setting_is_edited_in_the_admin(admin_client):
    from django.urls import reverse

    response = admin_client.get(reverse("wagtailsettings:edit", args=["publishing", "publishingsettings"]), follow=True)
    assert response.status_code == 200 and "Nghị định 42/2022/NĐ-CP" in response.content.decode()
    admin_client.post(response.redirect_chain[-1][0], {"ruleset": "nd42-2022"})
    assert active_ruleset().code == "nd42-2022"


def test_rule_sets_carry_their_validity_and_the_set_in_force_is_found_by_date():
    import datetime

    from cms.publishing.rules import regime_warning, ruleset_in_force

    assert ruleset_in_force(datetime.date(2015, 1, 1)).code == "nd43-2011"
    assert ruleset_in_force(datetime.date(2022, 8, 15)).code == "nd42-2022"
    assert ruleset_in_force(datetime.date(2026, 7, 1)).code == "nd224-2026"
    nd43 = load_ruleset("nd43-2011")
    assert nd43.replaced_by == "nd42-2022" and regime_warning(nd43, datetime.date(2015, 1, 1)) == ""
    warning = regime_warning(nd43, datetime.date(2026, 12, 1))
    assert "15/08/2022" in warning and "224/2026" in warning


def test_the_2026_set_stays_unconfirmed_until_its_text_is_read():
    ruleset = load_ruleset("nd224-2026")
    assert ruleset.unconfirmed and all(rule.article_label.endswith("(?)") for rule in ruleset.rules)


@pytest.mark.parametrize("code", RULESETS)
def test_citations_name_the_point_where_the_text_has_points(code):
    sections = [rule for rule in load_ruleset(code).rules if rule.check == "mandatory_sections"]
    assert sections and all(rule.article[0].isupper() for rule in sections)
    if code == "nd43-2011":
        assert all(rule.article.startswith(("Điểm", "Khoản")) for rule in sections)


@pytest.mark.django_db
def test_the_report_warns_when_the_chosen_set_was_repealed(admin_client, province):
    from django.urls import reverse

    portal = province["portals"]["province"]
    html = admin_client.get(reverse("publishing_compliance", args=[portal.pk])).content.decode()
    assert "đã hết hiệu lực từ ngày 15/08/2022" in html
