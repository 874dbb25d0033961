"""The demo province: agencies, portals, legal documents, procedures, news, leaders, contacts.

Everything is generated from the vocabulary in scripts/demo_data/ with a fixed random seed, so
the province is the same on every machine. Each record has a natural key (agency code, document
number, procedure code, page slug), so loading twice creates nothing new.
"""

import datetime
import logging
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from cms.demo.sections import SectionFiller
from cms.documents.models import DocumentAttachment, DocumentRelation, DocumentType, EffectStatus, LegalDocument, Sector
from cms.organisation.models import OfficialContact
from cms.notices.models import Notice
from cms.pages.models import LeaderPage, NewsArticlePage, NewsIndexPage, NewsOrigin, OrganisationPage
from cms.procedures.models import Procedure, ProcedureFile, ProcedureUsage, ServiceLevel, month_before
from cms.core.text import normalise_document_number
from cms.core.models import Agency, AgencyKind, Portal
from cms.publishing.guard import PublishRefused
from sites.provisioning import apply_blueprint, create_portal

logger = logging.getLogger("cong.demo")

DATA_DIR = Path(settings.BASE_DIR) / "scripts" / "demo_data"
SEED = 43
TODAY = datetime.date(2026, 11, 1)

# Which department manages each sector (after the 2025 reorganisation of provincial departments).
SECTOR_DEPARTMENTS = {
    "STP": ["tu-phap", "ho-tich", "chung-thuc", "nuoi-con-nuoi", "ly-lich-tu-phap", "cong-chung"],
    "SNNMT": ["dat-dai", "moi-truong", "tai-nguyen-nuoc", "khoang-san", "nong-nghiep", "lam-nghiep",
              "phong-chong-thien-tai"],
    "SXD": ["xay-dung", "nha-o", "giao-thong-van-tai"],
    "STC": ["tai-chinh", "ke-hoach", "dau-tu", "doanh-nghiep", "hop-tac-xa"],
    "SCT": ["cong-thuong"],
    "SYT": ["y-te", "an-toan-thuc-pham", "bao-tro-xa-hoi"],
    "SGDDT": ["giao-duc-dao-tao", "giao-duc-nghe-nghiep"],
    "SVHTTDL": ["van-hoa", "the-duc-the-thao", "du-lich"],
    "SKHCN": ["khoa-hoc-cong-nghe", "thong-tin-truyen-thong", "chuyen-doi-so"],
    "SNV": ["noi-vu", "to-chuc-phi-chinh-phu", "thi-dua-khen-thuong", "van-thu-luu-tru",
            "lao-dong-thuong-binh-xa-hoi", "viec-lam", "nguoi-co-cong", "cai-cach-hanh-chinh"],
    "SDTTG": ["ton-giao", "dan-toc"],
    "TTT": ["khieu-nai-to-cao"],
}
DEPARTMENT_OF_SECTOR = {sector: code for code, sectors in SECTOR_DEPARTMENTS.items() for sector in sectors}
SERVICE_CENTRE = "TTPVHCC"
MONTHS_OF_FIGURES = 3
ONLINE_GUIDE = ("Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử (VNeID), chọn thủ tục, "
                "điền tờ khai trực tuyến, đính kèm bản điện tử của thành phần hồ sơ và theo dõi tình trạng xử lý "
                "bằng mã hồ sơ được cấp.")
PROVINCE_DOCUMENT_TYPES = ["QĐ", "NQ", "CT", "KH", "CV", "TB", "BC", "CĐ"]
DEPARTMENT_DOCUMENT_TYPES = ["QĐ", "KH", "CV", "TB", "HD", "BC"]
COMMUNE_DOCUMENT_TYPES = ["QĐ", "KH", "CV", "TB", "BC"]


def load_yaml(name):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@dataclass
class Report:
    created: dict = field(default_factory=dict)

    def count(self, what, created=True):
        if created:
            self.created[what] = self.created.get(what, 0) + 1

    def __str__(self):
        if not self.created:
            return "không có gì mới (dữ liệu mẫu đã đầy đủ)"
        return ", ".join(f"{what}: +{number}" for what, number in sorted(self.created.items()))


class DemoProvince:
    def __init__(self, domain="localhost", portal_limit=None, stdout=None):
        self.domain = domain
        self.portal_limit = portal_limit
        self.random = random.Random(SEED)
        self.province = load_yaml("province.yaml")
        self.vocabulary = load_yaml("vocabulary.yaml")
        self.report = Report()
        self.write = stdout.write if stdout else logger.info

    # -- orchestration ------------------------------------------------------------------------

    def load(self):
        steps = [
            ("Cơ quan, đơn vị", self.load_agencies),
            ("Cổng thông tin", self.load_portals),
            ("Danh mục", self.load_taxonomies),
            ("Văn bản", self.load_documents),
            ("Thủ tục hành chính", self.load_procedures),
            ("Tin tức", self.load_news),
            ("Lãnh đạo, liên hệ", self.load_people),
            ("Chuyên mục", self.load_sections),
            ("Thông báo toàn tỉnh", self.load_notices),
        ]
        for number, (label, step) in enumerate(steps, start=1):
            self.write(f"[{number}/{len(steps)}] {label}…")
            with transaction.atomic():
                step()
        return self.report

    # -- agencies and portals -----------------------------------------------------------------

    def load_agencies(self):
        entries = [dict(self.province["province"], kind=AgencyKind.PROVINCE, parent=None)]
        entries += self.province["agencies"]
        if self.portal_limit:
            entries = entries[: self.portal_limit]
        self.agencies = {}
        for entry in entries:
            parent_code = entry.get("parent")
            parent = self.agencies[parent_code] if parent_code else self.agencies.get(self.province_code)
            agency, created = Agency.objects.get_or_create(
                code=entry["code"],
                defaults={
                    "name": entry["name"], "short_name": entry.get("short_name", ""), "kind": entry["kind"],
                    "parent": parent, "address": entry.get("address", ""), "phone": entry.get("phone", ""),
                    "fax": entry.get("fax", ""), "email": entry.get("email", ""),
                },
            )
            self.report.count("cơ quan", created)
            self.agencies[agency.code] = agency
        self.slugs = {entry["code"]: entry["slug"] for entry in entries}

    @property
    def province_code(self):
        return self.province["province"]["code"]

    def hostname_for(self, code):
        province_slug = self.slugs[self.province_code]
        if code == self.province_code:
            return f"{province_slug}.{self.domain}"
        return f"{self.slugs[code]}.{province_slug}.{self.domain}"

    def load_portals(self):
        existing = set(Portal.objects.exclude(agency=None).values_list("agency__code", flat=True))
        for code, agency in self.agencies.items():
            if code in existing:
                portal = Portal.objects.get(agency=agency)
                apply_blueprint(portal)
                if not portal.person_responsible:  # demos loaded before every footer named one
                    portal.person_responsible = self.person_responsible(code, agency)
                    portal.save(update_fields=["person_responsible"])
                continue
            portal = create_portal(agency, self.hostname_for(code), person_responsible=self.person_responsible(code, agency))
            portal.licence = "Giấy phép số 12/GP-TTĐT do Sở Khoa học và Công nghệ cấp (dữ liệu mẫu)"
            portal.save(update_fields=["licence"])
            self.report.count("cổng thông tin")
        province_site = Portal.objects.get(agency=self.agencies[self.province_code]).site
        if not province_site.is_default_site:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
            province_site.is_default_site = True
            province_site.save()
        # Wagtail's initial "Welcome" site and page are replaced by the province.
        Site.objects.filter(root_page__depth=2, root_page__content_type__model="page").delete()

    def load_taxonomies(self):
        self.document_types = {}
        for entry in self.vocabulary["document_types"]:
            document_type, created = DocumentType.objects.get_or_create(
                name=entry["name"],
                defaults={"abbreviation": entry["abbreviation"], "is_legal_normative": entry.get("legal_normative", False)},
            )
            self.report.count("loại văn bản", created)
            self.document_types[entry["abbreviation"]] = (document_type, entry)
        self.sectors = {}
        for entry in self.vocabulary["sectors"]:
            sector, created = Sector.objects.get_or_create(code=entry["code"], defaults={"name": entry["name"]})
            self.report.count("lĩnh vực", created)
            self.sectors[sector.code] = sector

    # -- people ------------------------------------------------------------------------------

    def person_name(self, rng=None):
        """A Vietnamese name from the vocabulary, drawn from `rng` (the loader's seeded sequence by
        default)."""
        rng = rng or self.random
        names = self.vocabulary["person_names"]
        if rng.random() < 0.6:
            return " ".join([rng.choice(names["family"]), rng.choice(names["middle_male"]), rng.choice(names["given_male"])])
        return " ".join([rng.choice(names["family"]), rng.choice(names["middle_female"]), rng.choice(names["given_female"])])

    def department_for(self, sector_code):
        code = DEPARTMENT_OF_SECTOR.get(sector_code)
        return self.agencies.get(code) or self.agencies[self.province_code]

    def person_responsible(self, code, agency):
        """Who answers for the portal's content, as its footer names them (Circular 32/2017 Art. 16)."""
        if code == self.province_code:
            return self.province["province"].get("person_responsible", "")
        # Drawn from the agency's own sequence: a reload, which skips existing portals, draws the same
        # names and documents from the loader's sequence as the first load did.
        return f"{self.person_name(random.Random(code))}, {self.leaders_of(agency)[0]}"

    def leaders_of(self, agency):
        titles = self.vocabulary["leader_titles"]
        kind = agency.kind if agency.kind in titles else "unit"
        if agency.kind == AgencyKind.WARD:
            kind = "commune"
        return titles[kind]

    # -- documents ---------------------------------------------------------------------------

    def load_documents(self):
        self.documents = {}
        for entry in self.vocabulary["national_documents"]:
            self.save_national_document(entry)
        for source, target, kind in self._national_relations():
            self._relate(source, target, kind)
        subjects = self.vocabulary["document_subjects"]
        issuers = self._document_issuers()
        for index in range(240):
            subject = subjects[index % len(subjects)]
            issuer = issuers[index % len(issuers)] if index >= len(subjects) else self._issuer_for(subject, issuers)
            self.save_local_document(index, subject, issuer)
        self._relate_local_documents()
        self._save_working_rules()
        self._attach_files()

    def _national_relations(self):
        for entry in self.vocabulary.get("relations", []):
            yield entry["from"], entry["to"], entry["kind"]

    def _document_issuers(self):
        province = self.agencies[self.province_code]
        departments = [a for a in self.agencies.values() if a.kind == AgencyKind.DEPARTMENT]
        communes = [a for a in self.agencies.values() if a.kind in (AgencyKind.COMMUNE, AgencyKind.WARD, AgencyKind.DISTRICT)]
        return [province, province] + departments + communes or [province]

    def _issuer_for(self, subject, issuers):
        """Province-wide subjects come from the province or the department of their sector."""
        if self.random.random() < 0.5:
            return self.agencies[self.province_code]
        department = self.department_for(subject["sector"])
        return department if department in issuers else issuers[0]

    def save_national_document(self, entry):
        document_type = self._type_named(entry["type"])
        owner = self.department_for(entry.get("sector", "")) if entry.get("sector") else self.agencies[self.province_code]
        issue_date = entry["issue_date"]
        defaults = {
            "document_type": document_type, "issuing_body": entry["issuer"], "signer": entry.get("signer", ""),
            "issue_date": issue_date, "effective_date": entry.get("effective_date"),
            "expiry_date": entry.get("expiry_date"),
            "effect_status": entry.get("status", EffectStatus.IN_FORCE), "abstract": entry["title"],
            "body": f"<p>{entry['title']}.</p><p>Toàn văn đăng tải trên Cơ sở dữ liệu quốc gia về văn bản pháp luật.</p>",
        }
        sectors = [self.sectors[entry["sector"]]] if entry.get("sector") in self.sectors else []
        self._save_document(entry["number"], owner, defaults, sectors=sectors)

    def _type_named(self, name):
        for document_type, _entry in self.document_types.values():
            if document_type.name == name:
                return document_type
        document_type, _created = DocumentType.objects.get_or_create(name=name, defaults={"is_legal_normative": True})
        return document_type

    def save_local_document(self, index, subject, issuer):
        abbreviation = self._type_for(subject, issuer)
        document_type, type_entry = self.document_types[abbreviation]
        issue_date = TODAY - datetime.timedelta(days=self.random.randint(5, 5 * 365))
        number = self._local_number(type_entry, issuer, issue_date, index)
        signer_title = self.leaders_of(issuer)[min(1, len(self.leaders_of(issuer)) - 1)]
        effective = issue_date + datetime.timedelta(days=10 if type_entry.get("legal_normative") else 0)
        status = EffectStatus.NOT_YET_IN_FORCE if effective > TODAY else EffectStatus.IN_FORCE
        defaults = {
            "document_type": document_type,
            "issuing_body": self._issuing_body(abbreviation, issuer),
            "signer": f"{self.person_name()} ({signer_title})",
            "issue_date": issue_date, "effective_date": effective, "effect_status": status,
            "abstract": f"{document_type.name} {subject['text']}",
            "body": self._body(document_type, subject, issuer),
        }
        department = self.department_for(subject["sector"])
        concerned = [department] if issuer.kind == AgencyKind.PROVINCE and department != issuer else []
        sectors = [self.sectors[subject["sector"]]] if subject["sector"] in self.sectors else []
        document = self._save_document(number, issuer, defaults, sectors=sectors, concerned=concerned)
        self.documents.setdefault(subject["text"], []).append(document)

    def _type_for(self, subject, issuer):
        allowed = {
            AgencyKind.PROVINCE: PROVINCE_DOCUMENT_TYPES, AgencyKind.DEPARTMENT: DEPARTMENT_DOCUMENT_TYPES,
        }.get(issuer.kind, COMMUNE_DOCUMENT_TYPES)
        candidates = [t for t in subject["types"] if t in allowed and t in self.document_types]
        return self.random.choice(candidates or [t for t in allowed if t in self.document_types])

    def _issuing_body(self, abbreviation, issuer):
        if abbreviation == "NQ" and issuer.kind == AgencyKind.PROVINCE:
            return "Hội đồng nhân dân tỉnh Thanh Sơn"
        return issuer.name

    def _local_number(self, type_entry, issuer, issue_date, index):
        serial = 10 + (index * 37) % 2900
        symbol = "UBND" if issuer.kind != AgencyKind.DEPARTMENT else issuer.code
        abbreviation = type_entry["abbreviation"]
        if type_entry.get("legal_normative") and issuer.kind == AgencyKind.PROVINCE:
            suffix = "NQ-HĐND" if abbreviation == "NQ" else f"{abbreviation}-UBND"
            return f"{serial}/{issue_date.year}/{suffix}"
        if abbreviation == "CV":
            return f"{serial}/{symbol}-VP"
        return f"{serial}/{abbreviation}-{symbol}"

    def _body(self, document_type, subject, issuer):
        return (
            f"<p>Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;</p>"
            f"<p>Căn cứ các văn bản quy phạm pháp luật hiện hành có liên quan;</p>"
            f"<p>{issuer.name} ban hành {document_type.name.lower()} {subject['text']}.</p>"
            f"<h2>Điều 1. Phạm vi, đối tượng áp dụng</h2><p>Các cơ quan, tổ chức, cá nhân có liên quan "
            f"trên địa bàn tỉnh Thanh Sơn.</p><h2>Điều 2. Tổ chức thực hiện</h2><p>Thủ trưởng các cơ quan, "
            f"đơn vị và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành.</p>"
        )

    def _save_document(self, number, owner, defaults, sectors=(), concerned=()):
        document = LegalDocument.objects.filter(
            number_key=normalise_document_number(number), issue_date__year=defaults["issue_date"].year,
            issuing_body=defaults["issuing_body"],
        ).first()
        created = document is None
        if created:
            document = LegalDocument(number=number, owner_agency=owner, live=False, **defaults)
            document.full_clean()
            document.sectors.set(sectors)
            document.concerned_agencies.set(concerned)
            document.attachments = [self._full_text_attachment(document)]
            document.save()
            self._publish(document, "văn bản")
        self.report.count("văn bản", created)
        self.documents.setdefault(number, []).append(document)
        return document

    def _relate(self, source_number, target_number, kind):
        source = self.documents.get(source_number, [None])[0]
        target = self.documents.get(target_number, [None])[0]
        if source and target and source != target:
            _relation, created = DocumentRelation.objects.get_or_create(source=source, target=target, kind=kind)
            self.report.count("quan hệ văn bản", created)

    def _relate_local_documents(self):
        """A newer decision on a subject replaces the older one, which is then expired."""
        for documents in self.documents.values():
            normative = sorted(
                {d.pk: d for d in documents if d.document_type.is_legal_normative}.values(), key=lambda d: d.issue_date
            )
            for older, newer in zip(normative, normative[1:]):
                _relation, created = DocumentRelation.objects.get_or_create(source=newer, target=older, kind="replaces")
                if created:
                    older.effect_status, older.expiry_date = EffectStatus.EXPIRED, newer.effective_date
                    older.save(update_fields=["effect_status", "expiry_date", "folded_text", "updated_at"])
                self.report.count("quan hệ văn bản", created)

    def _save_working_rules(self):
        """Public-service units and other bodies issue their own working rules: every portal's
        document list holds a document of its agency."""
        document_type, _entry = self.document_types["QĐ"]
        issue_date = TODAY - datetime.timedelta(days=60)
        for agency in self.agencies.values():
            if agency.kind not in (AgencyKind.UNIT, AgencyKind.OTHER):
                continue
            self._save_document(f"15/QĐ-{agency.code}", agency, {
                "document_type": document_type, "issuing_body": agency.name, "issue_date": issue_date,
                "signer": f"{self.person_name()} ({self.leaders_of(agency)[0]})", "effective_date": issue_date,
                "effect_status": EffectStatus.IN_FORCE, "abstract": f"Quyết định ban hành Quy chế làm việc của {agency.name}",
                "body": f"<p>Ban hành kèm theo Quyết định này Quy chế làm việc của {agency.name}.</p>",
            })

    def _publish(self, record, label):
        """Publish through the gate; a record the rules refuse (a national text whose effective date
        is not confirmed) stays a draft for an editor to complete."""
        try:
            record.save_revision().publish()
        except PublishRefused:
            self.report.count(f"{label} để nháp (thiếu thông tin bắt buộc)")

    def _attach_files(self):
        """A downloadable file for every document a former load left without one (Decree 43/2011
        point e, clause 1, Art. 10)."""
        for document in LegalDocument.objects.filter(attachments=None).select_related("document_type").order_by("pk"):
            attachment = self._full_text_attachment(document)
            attachment.document = document
            attachment.save()

    def _full_text_attachment(self, document):
        file = get_document_model()(title=f"{document.document_type} {document.number}", collection=self._collection_of(document))
        file.file.save(f"{slugify(document.number)}.pdf", ContentFile(minimal_pdf(document.number)), save=False)
        file.save()
        self.report.count("tệp đính kèm")
        return DocumentAttachment(file=file, title="Toàn văn (PDF)")

    def _collection_of(self, document):
        portal = Portal.objects.filter(agency=document.owner_agency).select_related("collection").first()
        return portal.collection if portal and portal.collection else Collection.get_first_root_node()

    # -- procedures --------------------------------------------------------------------------

    def load_procedures(self):
        national = [docs[0] for number, docs in self.documents.items() if "/" in number and docs[0].live
                    and docs[0].issuing_body in ("Chính phủ", "Quốc hội")]
        communes = [a for a in self.agencies.values() if a.kind in (AgencyKind.COMMUNE, AgencyKind.WARD)]
        districts = [a for a in self.agencies.values() if a.kind == AgencyKind.DISTRICT]
        for index, entry in enumerate(self.vocabulary["procedures"]):
            sector = self.sectors.get(entry["sector"])
            if sector is None:
                continue
            owner = self.department_for(entry["sector"])
            code = f"1.{(index * 7919) % 1000000:06d}"
            procedure = Procedure.objects.filter(owner_agency=owner, code=code).first()
            if procedure is not None:
                continue
            procedure = Procedure(
                owner_agency=owner, code=code, name=entry["name"], sector=sector, level=entry["level"],
                steps=self._procedure_steps(entry), method="Nộp trực tiếp, qua dịch vụ bưu chính công ích hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
                processing_time=self._processing_time(entry["days"]), processing_days=entry["days"],
                applicants=entry.get("applicants", "Cá nhân, tổ chức"), result=entry.get("result", ""),
                fees=entry.get("fee", "Không"), requirements=entry.get("requirements", "Không"),
                submission_and_return="Nộp hồ sơ và nhận kết quả tại Bộ phận Một cửa hoặc trực tuyến.",
                service_level=entry.get("service_level", ServiceLevel.PARTIAL),
                online_url="https://dichvucong.gov.vn/", online_guide=ONLINE_GUIDE, live=False,
            )
            procedure.full_clean()
            procedure.save()
            for order, name in enumerate(entry.get("files", [])):
                ProcedureFile.objects.create(procedure=procedure, name=name, copies="01 bản chính", sort_order=order)
            if procedure.files_online:
                self._add_usage(procedure, MONTHS_OF_FIGURES)
            implementing = {"xa": communes, "huyen": districts}.get(entry["level"], [self.agencies.get(SERVICE_CENTRE)])
            procedure.implementing_agencies.set([agency for agency in implementing if agency])
            basis = [doc for doc in national if sector in doc.sectors.all()][:2]
            procedure.legal_basis.set(basis or LegalDocument.objects.filter(sectors=sector).order_by("pk")[:1])
            procedure.save()
            self._publish(procedure, "thủ tục")
            self.report.count("thủ tục")

    def _add_usage(self, procedure, months):
        """Applications received and resolved in each of the last `months` whole months (before the
        day of loading, so the demo's figures are current)."""
        draw = random.Random(procedure.code)
        period_start, period_end = month_before(datetime.date.today())
        for _month in range(months):
            received = draw.randint(5, 120)
            resolved = received - draw.randint(0, received // 10)
            ProcedureUsage.objects.create(
                procedure=procedure, period_start=period_start, period_end=period_end, received=received,
                received_online=received * draw.randint(40, 95) // 100, resolved=resolved,
                resolved_on_time=resolved - draw.randint(0, resolved // 20), in_progress=received - resolved)
            period_start, period_end = month_before(period_start)

    def _procedure_steps(self, entry):
        return (
            "<ol><li>Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.</li>"
            "<li>Nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công quốc gia.</li>"
            "<li>Cán bộ tiếp nhận kiểm tra, hướng dẫn bổ sung nếu hồ sơ chưa đầy đủ.</li>"
            f"<li>Cơ quan có thẩm quyền giải quyết và trả kết quả: {entry.get('result', 'kết quả giải quyết')}.</li></ol>"
        )

    def _processing_time(self, days):
        return "Trong ngày làm việc" if not days else f"{days} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"

    # -- news --------------------------------------------------------------------------------

    def load_news(self):
        headlines = self.vocabulary["news_headlines"]
        for code, agency in self.agencies.items():
            news_index = self._news_index(agency)
            if news_index is None:
                continue
            count = 12 if code == self.province_code else 4
            sectors = set(SECTOR_DEPARTMENTS.get(code, []))
            relevant = [h for h in headlines if h["sector"] in sectors] or headlines
            existing = set(news_index.get_children().values_list("slug", flat=True))
            for number in range(count):
                headline = relevant[(number + len(code)) % len(relevant)]
                slug = slugify(headline["title"])[:80] or f"tin-{number}"
                if slug in existing:
                    continue
                existing.add(slug)
                article = NewsArticlePage(
                    title=headline["title"], slug=slug, date=TODAY - datetime.timedelta(days=number * 3 + len(code)),
                    intro=headline["lead"], body=f"<p>{headline['lead']}</p><p>{agency.name} thông tin.</p>",
                    author=self.person_name(), origin=NewsOrigin.ORIGINAL, source=agency.short_name or agency.name, section_code="tin-tuc-bai",
                )
                news_index.add_child(instance=article)
                article.save_revision().publish()
                self.report.count("tin bài")

    def _news_index(self, agency):
        portal = Portal.objects.filter(agency=agency).select_related("site").first()
        if portal is None:
            return None
        return NewsIndexPage.objects.child_of(portal.site.root_page).filter(slug="tin-tuc").first()

    def load_sections(self):
        filler = SectionFiller(self.vocabulary, TODAY, self.person_name, self.report)
        for portal in Portal.objects.filter(agency__in=self.agencies.values()).select_related("agency", "site"):
            filler.fill(portal)

    def load_notices(self):
        """The province's notice to every commune and ward portal (cms.notices)."""
        for entry in self.province.get("notices", []):
            notice, created = Notice.objects.get_or_create(
                owner=self.agencies[self.province_code], title=entry["title"],
                defaults={"body": entry["body"], "target_kinds": entry["kinds"], "live": False})
            if created:
                notice.save_revision().publish()
            self.report.count("thông báo", created)

    def load_people(self):
        for agency in self.agencies.values():
            self._load_leaders(agency)
            self._load_contacts(agency)

    def _load_leaders(self, agency):
        portal = Portal.objects.filter(agency=agency).select_related("site").first()
        organisation = portal and OrganisationPage.objects.descendant_of(portal.site.root_page).first()
        if not organisation or organisation.get_children().exists():
            return
        for order, title in enumerate(self.leaders_of(agency)):
            name = self.person_name()
            leader = LeaderPage(
                title=name, slug=slugify(name) or f"lanh-dao-{order}", position=f"{title} {agency.short_name}".strip(),
                birth_year=1965 + self.random.randint(0, 15), sort_order=order,
                biography=f"<p>{name}, sinh năm {1965 + order}, quê quán tỉnh Thanh Sơn.</p>",
                duties=f"<p>Phụ trách chung; trực tiếp chỉ đạo các lĩnh vực được phân công tại {agency.name}.</p>",
                phone=agency.phone, email=agency.email,
            )
            organisation.add_child(instance=leader)
            leader.save_revision().publish()
            self.report.count("lãnh đạo")

    def _load_contacts(self, agency):
        if OfficialContact.objects.filter(agency=agency).exists():
            return
        titles = self.vocabulary["official_titles"]
        units = self.vocabulary["units_within_agency"]
        domain = agency.email.split("@")[-1] if agency.email else "thanhson.gov.vn"
        for order in range(4):
            name = self.person_name()
            login = slugify(name).replace("-", "")[:20] or f"canbo{order}"
            OfficialContact.objects.create(
                agency=agency, full_name=name, title=titles[(order + len(agency.code)) % len(titles)],
                unit=units[order % len(units)], phone=agency.phone, email=f"{login}@{domain}", sort_order=order,
            )
            self.report.count("liên hệ cán bộ")


def minimal_pdf(text):
    """A valid one-page PDF naming the document: demo attachments without shipping binaries."""
    safe = "".join(ch for ch in slugify(text).upper() if ch.isalnum() or ch in "-/")
    stream = f"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)
