"""Contract with Wagtail (cms/imports/checks.py): inside disable_reference_index_auto_update() a
save leaves Wagtail's reference index alone, and indexing the imported record once afterwards gives
the same references as Wagtail's own saves would have (the "used by" of its sector, owner, forms)."""

import pytest
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.imports.procedures import import_procedures, read_records
from cms.procedures.models import Procedure
from tests.factories import make_procedure
from tests.imports.catalogue import CATALOGUE

pytestmark = pytest.mark.django_db


def references(obj):
    return set(ReferenceIndex.get_references_for_object(obj).values_list("to_content_type", "to_object_id", "model_path"))


def test_a_save_inside_the_switch_leaves_the_index_alone(province, taxonomy, legal_bases):
    basis = next(iter(legal_bases.values()))
    with disable_reference_index_auto_update():
        quiet = make_procedure(province["justice"], taxonomy["civil_status"], "1.000001", legal_basis=[basis])
    assert references(quiet) == set()
    indexed = make_procedure(province["justice"], taxonomy["civil_status"], "1.000002", legal_basis=[basis])
    assert references(indexed)  # Wagtail's own save indexes it


def test_an_imported_record_has_the_references_wagtails_saves_give(province, legal_bases):
    import_procedures(read_records(CATALOGUE), agency=province["justice"])
    imported = Procedure.objects.get(code="1.001193")
    after_import = references(imported)
    assert {row[2] for row in after_import} >= {"sector", "owner_agency"}
    imported.get_latest_revision_as_object().save()  # what Wagtail's own save indexes
    assert references(imported) == after_import
