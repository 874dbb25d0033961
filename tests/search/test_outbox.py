import pytest
from django.db import transaction

from cms.documents.models import LEGAL_DOCUMENTS
from cms.procedures.models import PROCEDURES
from search.models import PAGE, OutboxAction, SearchOutbox
from tests.factories import make_document, make_procedure


def rows():
    return list(SearchOutbox.objects.values_list("kind", "action"))


def test_saving_a_document_writes_an_outbox_row_in_the_same_transaction(province, taxonomy):
    with transaction.atomic():
        make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
        assert (LEGAL_DOCUMENTS.key, OutboxAction.UPSERT) in rows()


def test_rolled_back_change_leaves_no_outbox_row(province, taxonomy):
    SearchOutbox.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
        raise RuntimeError("editor cancelled")
    assert rows() == []


def test_draft_record_is_a_delete(province, taxonomy):
    SearchOutbox.objects.all().delete()
    make_procedure(province["justice"], taxonomy["civil_status"], "1.0001", live=False, legal_basis=())
    assert rows() == [(PROCEDURES.key, OutboxAction.DELETE)]


def test_deleting_a_record_writes_a_delete(province, taxonomy):
    document = make_document(province["justice"], taxonomy["decision"], "12/2025/QĐ-UBND")
    SearchOutbox.objects.all().delete()
    document.delete()
    assert rows() == [(LEGAL_DOCUMENTS.key, OutboxAction.DELETE)]


def test_page_publish_unpublish_and_delete(province):
    from cms.pages.models import StandardPage

    home = province["portals"]["justice"].site.root_page
    page = StandardPage(title="Giới thiệu chung", slug="gioi-thieu-chung", body="<p>Nội dung</p>")
    home.add_child(instance=page)
    SearchOutbox.objects.all().delete()
    page.save_revision().publish()
    page.unpublish()
    page.delete()
    assert rows() == [
        (PAGE, OutboxAction.UPSERT), (PAGE, OutboxAction.DELETE), (PAGE, OutboxAction.DELETE)
    ]


def test_moving_a_page_queues_it_and_its_descendants(province):
    from cms.pages.models import SectionPage, StandardPage

    home = province["portals"]["justice"].site.root_page
    section = home.add_child(instance=SectionPage(title="Chuyên mục", slug="chuyen-muc"))
    child = section.add_child(instance=StandardPage(title="Bài", slug="bai", body="<p>x</p>"))
    target = province["portals"]["health"].site.root_page
    SearchOutbox.objects.all().delete()
    section.move(target, pos="last-child")
    assert set(SearchOutbox.objects.values_list("object_id", flat=True)) == {section.pk, child.pk}


def test_new_slug_queues_the_pages_below(province, django_capture_on_commit_callbacks):
    from cms.pages.models import SectionPage, StandardPage

    home = province["portals"]["justice"].site.root_page
    section = home.add_child(instance=SectionPage(title="Chuyên mục", slug="chuyen-muc"))
    child = section.add_child(instance=StandardPage(title="Bài", slug="bai", body="<p>x</p>"))
    SearchOutbox.objects.all().delete()
    section.slug = "chuyen-muc-moi"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    queued = set(SearchOutbox.objects.filter(kind=PAGE).values_list("object_id", flat=True))
    assert queued == {section.pk, child.pk}
