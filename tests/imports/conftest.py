import pytest

from cms.documents.models import DocumentType
from tests.factories import make_document
from tests.imports.catalogue import RECORDS


@pytest.fixture
def legal_bases(province, taxonomy):
    """The laws, decrees and circulars the catalogue cites, as this province's database has them."""
    law = DocumentType.objects.create(name="Văn bản quy phạm", abbreviation="VB", is_legal_normative=True)
    numbers = {basis["SOVANBAN"] for record in RECORDS for basis in record.get("CANCUPHAPLY") or []}
    return {number: make_document(province["root"], law, number, with_file=False) for number in numbers}
