"""The record-type registry: every record type declared once, and "which portals show this record"
defined once, with its SQL and Python forms agreeing for every record and every agency."""

import pytest

from cms.core.models import Agency
from cms.core.registry import record_type_for, record_types
from cms.organisation.models import OfficialContact
from tests.factories import make_document, make_procedure


@pytest.fixture
def records(province, taxonomy):
    document = make_document(province["hospital"], taxonomy["decision"], "5/2025/QĐ-BV")
    document.concerned_agencies.add(province["commune"])
    document.save()  # a parental many-to-many is written with its record
    procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.000777")
    procedure.implementing_agencies.add(province["commune"], province["health"])
    procedure.save()
    contact = OfficialContact.objects.create(agency=province["health"], full_name="Lê Văn E", title="Phó Giám đốc")
    return [document, procedure, contact]


@pytest.mark.django_db
def test_sql_and_python_agree_on_which_portals_show_each_record(records):
    for record in records:
        rtype = record_type_for(type(record))
        record = rtype.model.objects.get(pk=record.pk)  # as stored
        owner = Agency.objects.get(pk=rtype.owner_id(record))
        in_python = rtype.agencies_showing(owner.path, rtype.concerned_ids(record))
        in_sql = {agency.pk for agency in Agency.objects.all()
                  if rtype.model.objects.filter(rtype.shown_on(agency), pk=record.pk).exists()}
        assert in_sql == in_python, rtype.key


@pytest.mark.django_db
def test_records_show_on_owner_ancestors_and_concerned_agencies(province, records):
    document, procedure, contact = records
    showing = {rtype.key: rtype.agencies_showing(Agency.objects.get(pk=rtype.owner_id(record)).path,
                                                 rtype.concerned_ids(record))
               for rtype, record in zip([record_type_for(type(r)) for r in records], records)}
    ids = {key: province[key].pk for key in ("root", "health", "hospital", "commune", "justice")}
    assert showing["document"] == {ids["root"], ids["health"], ids["hospital"], ids["commune"]}
    assert showing["procedure"] == {ids["root"], ids["justice"], ids["commune"], ids["health"]}
    assert showing["contact"] == {ids["health"]}


def test_every_record_model_is_declared_once():
    keys = [rtype.key for rtype in record_types()]
    models = [rtype.model for rtype in record_types()]
    assert len(set(keys)) == len(keys) and len(set(models)) == len(models)
    assert {"document", "procedure", "contact"} <= set(keys)
