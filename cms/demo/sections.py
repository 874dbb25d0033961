"""Demo content for a portal's sections beyond the news: what each section of a healthy portal
holds (scripts/demo_data/vocabulary.yaml: section_posts, section_texts, consultation,
public_question, english, english_pages). Safe to re-run: nothing an earlier run or an editor wrote is replaced."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from cms.engagement.models import ConsultationDraftPage, ConsultationIndexPage, Question, QuestionStatus
from cms.publishing.workflows import ensure_portal_workflow
from cms.pages.models import GazetteEntry, HomePage, NewsArticlePage, NewsIndexPage, NewsOrigin, SectionPage
from cms.pages.translations import ENGLISH, counterpart, translate

CONSULTATION_DAYS = 75


class SectionFiller:
    def __init__(self, vocabulary, today, person_name, report):
        self.vocabulary, self.today, self.person_name, self.report = vocabulary, today, person_name, report

    def fill(self, portal):
        agency = portal.agency
        values = {"agency": agency.name, "year": self.today.year, "phone": agency.phone, "email": agency.email}
        root = portal.site.root_page
        self.describe_home(root.specific, agency)
        for code, post in self.vocabulary["section_posts"].items():
            for index in NewsIndexPage.objects.descendant_of(root).filter(section_code=code):
                self.post(index, post, values, agency)
        for code, entry in self.vocabulary["section_records"].items():
            for index in NewsIndexPage.objects.descendant_of(root).filter(section_code=code):
                self.record(index, entry, values)
        for code, text in self.vocabulary["section_texts"].items():
            for page in SectionPage.objects.descendant_of(root).filter(section_code=code, intro="", body=""):
                page.intro = text.format(**values)
                page.save_revision().publish()
        for index in ConsultationIndexPage.objects.descendant_of(root):
            self.consult(index, values)
        self.answer_publicly(portal, values)
        self.seat_editorial_board(portal)
        for page in SectionPage.objects.descendant_of(root).filter(section_code="tieng-anh", body=""):
            page.body = self.vocabulary["english"].format(**values)
            page.save_revision().publish()
        self.translate_into_english(root, values)

    def translate_into_english(self, root, values):
        """Sections translated into the portal's English section, if it has one."""
        if counterpart(root, ENGLISH) is None:
            return
        for slug, text in self.vocabulary["english_pages"].items():
            source = root.get_children().filter(slug=slug).first()
            if source is None or counterpart(source, ENGLISH) is not None:
                continue
            page = translate(source.specific, ENGLISH, None)
            page.title, page.intro = text["title"], text["intro"].format(**values)
            page.save_revision().publish()
            self.report.count("trang tiếng Anh")

    def describe_home(self, home, agency):
        if isinstance(home, HomePage) and not home.search_description:
            home.search_description = f"Cổng thông tin điện tử {agency.name}"
            home.save_revision().publish()

    def post(self, index, post, values, agency):
        title = post["title"].format(**values)
        slug = slugify(title)[:80]
        if index.get_children().filter(slug=slug).exists():
            return
        article = NewsArticlePage(
            title=title, slug=slug, date=self.today - datetime.timedelta(days=7), intro=post["lead"].format(**values),
            body=f"<p>{post['lead'].format(**values)}</p>", author=self.person_name(), origin=NewsOrigin.ORIGINAL,
            source=agency.short_name or agency.name, decision_date=self._days_ago(post.get("approved_days_ago")),
        )
        index.add_child(instance=article)
        article.save_revision().publish()
        self.report.count("tin bài chuyên mục")

    def record(self, index, entry, values):
        """A gazette issue, project or science programme with every field the publish rules ask."""
        title = entry["title"].format(**values)
        slug = slugify(title)[:80]
        if index.get_children().filter(slug=slug).exists():
            return
        fields = {name: value.format(**values) if isinstance(value, str) else value
                  for name, value in entry["fields"].items()}
        if "issue_days_ago" in fields:
            fields["issue_date"] = self._days_ago(fields.pop("issue_days_ago"))
        if "approved_days_ago" in entry:
            fields["decision_date"] = self._days_ago(entry["approved_days_ago"])
        page = apps.get_model(entry["type"])(
            title=title, slug=slug, date=self.today - datetime.timedelta(days=7), intro=entry["lead"].format(**values),
            **fields)
        if "entries" in entry:
            page.entries = [GazetteEntry(number=item["number"].format(**values), abstract=item["abstract"])
                            for item in entry["entries"]]
        index.add_child(instance=page)
        page.save_revision().publish()
        self.report.count(str(page._meta.verbose_name))

    def _days_ago(self, days):
        return None if days is None else self.today - datetime.timedelta(days=days)

    def consult(self, index, values):
        entry = self.vocabulary["consultation"]
        if index.get_children().exists():
            return
        draft = ConsultationDraftPage(
            title=entry["title"], slug="du-thao-tiep-nhan-phan-anh", intro=entry["intro"].format(**values),
            body=entry["body"].format(**values), deadline=timezone.localdate() + datetime.timedelta(days=CONSULTATION_DAYS),
            receiving_unit=values["agency"], receiving_email=values["email"] or "gopy@thanhson.gov.vn",
        )
        index.add_child(instance=draft)
        draft.save_revision().publish()
        self.report.count("dự thảo lấy ý kiến")

    def seat_editorial_board(self, portal):
        """A head of the editorial board (Decree 43/2011 Art. 21) who signs in with the admin's
        password reset: the demo ships no passwords."""
        board = ensure_portal_workflow(portal).board_group
        if board.user_set.exists():
            return
        user, _created = get_user_model().objects.get_or_create(
            username=f"bbt-{portal.agency.code.lower()}",
            defaults={"first_name": self.person_name(), "last_name": "(Trưởng Ban biên tập)"},
        )
        user.set_unusable_password()
        user.save()
        board.user_set.add(user)
        self.report.count("thành viên ban biên tập")

    def answer_publicly(self, portal, values):
        entry = self.vocabulary["public_question"]
        if Question.objects.filter(portal=portal, subject=entry["subject"]).exists():
            return
        Question.objects.create(
            portal=portal, name="Người dân (dữ liệu mẫu)", email="nguoidan@example.com", subject=entry["subject"],
            body=entry["body"], status=QuestionStatus.ANSWERED, answer=entry["answer"].format(**values), is_public=True,
        )
        self.report.count("câu hỏi đã trả lời")
