"""Inputs that used to answer 500: each now gets a clear answer and the data stays whole."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from cms.documents.models import LegalDocument
from tests.factories import JUSTICE, make_user

repair = importlib.import_module("cms.core.migrations.0006_repair_collection_tree")


def restricted_collection(name="Nội bộ"):
    collection = Collection.get_first_root_node().add_child(instance=Collection(name=name))
    restriction = CollectionViewRestriction.objects.create(collection=collection,
                                                           restriction_type=CollectionViewRestriction.LOGIN)
    return collection, restriction


def names_in_path_order(parent):
    return list(parent.get_children().values_list("name", flat=True))


@pytest.mark.django_db
class TestViewRestrictedCollections:
    @pytest.fixture
    def restricted(self, province):
        collection, _ = restricted_collection()
        get_document_model().objects.create(title="Biên bản nội bộ", collection=collection,
                                            file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 secret"))
        get_document_model().objects.create(title="Báo cáo công khai",
                                            file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 public"))
        get_image_model().objects.create(title="Ảnh nội bộ", collection=collection, file=get_test_image_file())
        return collection

    @pytest.mark.parametrize("path", ["/api/v2/documents/", "/api/v2/images/"])
    def test_the_public_api_answers_and_lists_only_unrestricted_documents(self, client, restricted, path):
        response = client.get(path, HTTP_HOST=JUSTICE)
        assert response.status_code == 200, response.content[:300]
        titles = {item["title"] for item in response.json()["items"]}
        assert "Biên bản nội bộ" not in titles

    @pytest.mark.parametrize("endpoint", ["documents", "images"])
    def test_the_admin_api_answers(self, admin_client, restricted, endpoint):
        response = admin_client.get(f"/admin/api/main/{endpoint}/")
        assert response.status_code == 200, response.content[:300]


@pytest.mark.django_db
class TestAdminInput:
    def test_searching_legal_documents_by_a_number_answers(self, client, province, content):
        editor = make_user("bientap", province["portals"]["justice"].editors_group)
        client.force_login(editor)
        url = reverse(LegalDocument.snippet_viewset.get_url_name("list"))
        for query in ("999", "15/2025", "QĐ-UBND", "%_'\""):
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (query, response.content[:300])

    @pytest.mark.parametrize("name, content", [
        ("hong.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00garbage"),
        ("cat-ngang.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
        ("gia.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    ])
    def test_a_malformed_image_is_refused_at_the_field(self, admin_client, name, content):
        response = admin_client.post(reverse("wagtailimages:add"), {
            "title": name, "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        })
        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not get_image_model().objects.exists()

    def test_a_genuine_image_is_still_accepted(self, admin_client):
        response = admin_client.post(reverse("wagtailimages:add"), {
            "title": "Ảnh thật", "file": SimpleUploadedFile("that.png", get_test_image_file().file.getvalue()),
            "collection": Collection.get_first_root_node().pk,
        })
        assert response.status_code == 302 and get_image_model().objects.filter(title="Ảnh thật").exists()


@pytest.mark.django_db
class TestCollectionTree:
    def test_adding_a_collection_beside_portal_collections_keeps_the_tree_in_name_order(self, admin_client, province):
        root = Collection.get_first_root_node()
        for name in ("Ảnh chung", "Zalo", "Bộ sưu tập chung"):
            response = admin_client.post(reverse("wagtailadmin_collections:add"), {"name": name, "parent": root.pk})
            assert response.status_code == 302, response.content[:300]
        root.refresh_from_db()
        assert names_in_path_order(root) == list(root.get_children().order_by("name").values_list("name", flat=True))
        assert Collection.find_problems() == ([], [], [], [], [])

    def test_the_repair_migration_renumbers_hand_appended_collections(self, admin_client, db):
        root = Collection.get_first_root_node()
        for step, name in enumerate(["Ủy ban nhân dân xã B", "Sở Tư pháp", "Ủy ban nhân dân xã A"], start=1):
            Collection.objects.create(name=name, path=Collection._get_path(root.path, 2, step), depth=2, numchild=0)
        Collection.objects.filter(pk=root.pk).update(numchild=3)
        repair.repair_collection_paths(None, None)
        root.refresh_from_db()
        assert names_in_path_order(root) == ["Sở Tư pháp", "Ủy ban nhân dân xã A", "Ủy ban nhân dân xã B"]
        response = admin_client.post(reverse("wagtailadmin_collections:add"), {"name": "Thư viện", "parent": root.pk})
        assert response.status_code == 302
