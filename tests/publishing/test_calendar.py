"""Working days: weekends, Tết, substitute days, swapped days; deadlines on the dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.publishing.calendar import add_working_days, covered_years, is_working_day, working_days_between
from cms.publishing.deadlines import dashboard_items, document_due
from cms.publishing.rules import load_ruleset
from tests.factories import make_document
from tests.factories import make_user, received_question

D = datetime.date


def test_calendar_covers_2024_to_2027():
    assert covered_years() == [2024, 2025, 2026, 2027]


def test_weekends_are_not_working_days():
    assert not is_working_day(D(2026, 11, 21)) and not is_working_day(D(2026, 11, 22))
    assert is_working_day(D(2026, 11, 23))


def test_tet_2024_with_its_weekend_substitutes():
    # Tết Giáp Thìn: 29 Chạp to mùng 3 (8-12/2), mùng 1 and 2 fall on the weekend: off until 14/2.
    for day in range(8, 15):
        assert not is_working_day(D(2024, 2, day))
    assert is_working_day(D(2024, 2, 15))
    # A document issued the day before Tết: two working days later is 16/2, not 9/2.
    assert add_working_days(D(2024, 2, 7), 2) == D(2024, 2, 16)


def test_holiday_on_a_sunday_gives_the_monday_off():
    # Giỗ Tổ Hùng Vương 2026 is Sunday 26/4: Monday 27/4 is the substitute day.
    assert not is_working_day(D(2026, 4, 27))
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)


def test_holiday_on_a_saturday_and_tet_2027_substitutes():
    assert not is_working_day(D(2027, 5, 3))  # 1/5/2027 is a Saturday
    assert [is_working_day(D(2027, 2, day)) for day in range(5, 13)] == [False] * 7 + [True]


def test_swapped_saturday_is_a_working_day():
    assert is_working_day(D(2024, 5, 4)) and not is_working_day(D(2024, 4, 29))


def test_working_days_between():
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 24)) == 2
    assert working_days_between(D(2026, 11, 24), D(2026, 11, 20)) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["nd43-2011", "nd42-2022"])
def test_document_due_dates_for_issuer_and_concerned_agencies(province, taxonomy, code):
    ruleset = load_ruleset(code)
    document = make_document(province["justice"], taxonomy["decision"], "7/2024/QĐ-STP", issue_date=D(2024, 2, 7))
    assert document_due(ruleset, document) == D(2024, 2, 16)
    assert document_due(ruleset, document, concerned=True) == D(2024, 2, 28)  # 15, 16, 19-23, 26-28


@pytest.mark.django_db
def test_dashboard_shows_what_is_due_and_overdue_for_the_editors_portal_only(client, province, taxonomy):
    today = timezone.localdate()
    justice = province["portals"]["justice"]
    make_document(province["justice"], taxonomy["decision"], "8/2026/QĐ-STP", live=False,
                  issue_date=today - datetime.timedelta(days=20), body="<p>x</p>")
    make_document(province["health"], taxonomy["decision"], "9/2026/QĐ-SYT", live=False,
                  issue_date=today - datetime.timedelta(days=20), body="<p>x</p>")
    received_question(justice, days_ago=30)
    items = dashboard_items(load_ruleset("nd43-2011"), justice, today)
    labels = [item.label for item in items]
    assert "Quyết định 8/2026/QĐ-STP" in labels and "Hỏi về hộ tịch" in labels
    assert "Quyết định 9/2026/QĐ-SYT" not in labels
    client.force_login(make_user("bientap", justice.editors_group))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "8/2026/QĐ-STP" in html and "Quá hạn" in html and "9/2026/QĐ-SYT" not in html
