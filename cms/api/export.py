"""XML rendering of the legal-document feed (no national XML schema is published to us: the
element names mirror the JSON fields, documented in README)."""

from xml.etree import ElementTree

FIELDS = ["number", "issuing_body", "signer", "issue_date", "effective_date", "expiry_date", "effect_status", "abstract"]


def documents_xml(documents, total):
    root = ElementTree.Element("documents", total=str(total))
    for document in documents:
        element = ElementTree.SubElement(root, "document", id=str(document.pk))
        ElementTree.SubElement(element, "document_type").text = document.document_type.name
        for name in FIELDS:
            value = getattr(document, name)
            ElementTree.SubElement(element, name).text = "" if value is None else str(value)
        ElementTree.SubElement(element, "owner_agency", code=document.owner_agency.code).text = document.owner_agency.name
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8")
