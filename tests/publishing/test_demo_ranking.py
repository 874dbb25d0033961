"""The demo command makes three portals fail different rules; the ranking shows them."""

import pytest
from django.core.management import call_command

from cms.pages.models import NewsIndexPage
from cms.publishing.compliance import ranking
from cms.publishing.management.commands.break_demo_portals import demo_portals
from tests.factories import news_article, publish


def failing_rules(snapshot):
    return {result["rule"] for result in snapshot.failing()}


@pytest.mark.django_db
def test_break_demo_portals_gives_three_portals_different_failures(province):
    for portal in province["portals"].values():  # the demo has news on every portal
        publish(news_article(NewsIndexPage.objects.descendant_of(portal.site.root_page).get(slug="tin-tuc")))
    call_command("break_demo_portals", verbosity=0)
    call_command("break_demo_portals", verbosity=0)  # idempotent
    broken = demo_portals()[:3]
    latest = {snapshot.portal_id: snapshot for snapshot in ranking()}
    assert len(latest) == 4
    a, b, c = (failing_rules(latest[portal.pk]) for portal in broken)
    assert "nd43-a5-tac-gia-nguon" in a and "nd43-a5-tac-gia-nguon" not in b | c
    assert {"tt32-a16-so-do-tim-kiem", "tt32-a16-chan-trang"} <= b and not {"tt32-a16-so-do-tim-kiem"} & (a | c)
    assert {"nd43-a17-hoi-dap-dung-han", "tt32-a12-danh-gia"} <= c and "nd43-a17-hoi-dap-dung-han" not in a | b
