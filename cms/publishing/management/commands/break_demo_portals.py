"""Make three demo portals fail different rules on purpose, so the ranking shows differences.

Idempotent. A: reposted news without an author (Decree 43 Art. 5). B: no site map page and an
incomplete footer (Circular 32/2017 Art. 16). C: questions left unanswered past 15 working days
(Art. 17) and no satisfaction ratings (Circular 32 Art. 12). Every other portal gets one rating.
Ends with a compliance snapshot of every portal.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cms.engagement.models import Question, Rating
from cms.pages.models import NewsArticlePage, NewsOrigin, SitemapPage
from cms.publishing.compliance import snapshot_all
from cms.publishing.deadlines import question_due
from cms.publishing.models import active_ruleset
from cms.publishing.workflows import ensure_all_portal_workflows
from cms.core.models import AgencyKind, Portal, PortalStatus

DEMO_QUESTIONS = [
    ("Thời hạn cấp phiếu lý lịch tư pháp", "Tôi nộp hồ sơ đã hơn một tháng, khi nào được cấp phiếu?"),
    ("Hồ sơ đăng ký kết hôn có yếu tố nước ngoài", "Cần chuẩn bị những giấy tờ gì?"),
]


def demo_portals():
    return list(Portal.objects.filter(status=PortalStatus.ACTIVE).exclude(agency=None)
                .exclude(agency__kind=AgencyKind.PROVINCE).select_related("agency", "site").order_by("agency__path"))


def break_author(portal):
    return NewsArticlePage.objects.descendant_of(portal.site.root_page).update(
        author="", origin=NewsOrigin.REPOST, source="", source_url="https://baomoi.com/")


def break_layout(portal):
    SitemapPage.objects.descendant_of(portal.site.root_page).update(live=False)
    agency = portal.agency
    agency.phone = agency.email = ""
    agency.save()


def break_questions(portal):
    Rating.objects.filter(site=portal.site).delete()
    old = timezone.now() - datetime.timedelta(days=40)
    for subject, body in DEMO_QUESTIONS:
        question, _created = Question.objects.get_or_create(
            portal=portal, subject=subject, defaults={"name": "Người dân (dữ liệu mẫu)", "email": "nguoidan@example.com", "body": body},
        )
        Question.objects.filter(pk=question.pk).update(
            created_at=old, due_date=question_due(active_ruleset(), timezone.localdate(old)), status="moi-tiep-nhan",
            responded_at=None,
        )


class Command(BaseCommand):
    help = "Cho ba cổng mẫu vi phạm các quy tắc khác nhau rồi đánh giá lại tất cả các cổng (dữ liệu mẫu)."

    def handle(self, **options):
        portals = demo_portals()
        if len(portals) < 3:
            raise CommandError("Cần ít nhất ba cổng thành phần: chạy load_demo trước.")
        with transaction.atomic():
            ensure_all_portal_workflows()
            for portal in Portal.objects.filter(status=PortalStatus.ACTIVE).exclude(agency=None).exclude(pk=portals[2].pk):
                if not Rating.objects.filter(site=portal.site).exists():
                    Rating.objects.create(site=portal.site, page=portal.site.root_page, level="hai-long")
            break_author(portals[0])
            break_layout(portals[1])
            break_questions(portals[2])
        snapshots = snapshot_all()
        for portal, what in zip(portals, ["Điều 5 (tác giả, nguồn)", "TT 32 Điều 16 (sơ đồ, chân trang)", "Điều 17 (hỏi đáp), TT 32 Điều 12"]):
            self.stdout.write(f"{portal.agency.name}: {what}")
        self.stdout.write(self.style.SUCCESS(f"Đã đánh giá {len(snapshots)} cổng"))
